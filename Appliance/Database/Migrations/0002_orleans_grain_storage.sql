-- Orleans grain state for Microsoft.Orleans.Persistence.AdoNet 10.x with Invariant = "Npgsql".
-- The provider reads its four statements from orleansquery at silo start and runs them with named parameters;
-- the contract (keys, parameters, result columns, etag rules) is written down in docs/ORLEANS-ADONET.md.
-- Identifiers are left unquoted (so stored lower case): the provider's own lookup
-- "SELECT QueryKey, QueryText FROM OrleansQuery" is unquoted too. Result columns are quoted aliases
-- so they come back spelled exactly as the provider asks for them.
-- Idempotent and independent of Cloud/Database/Migrations/0001_orleans_clustering.sql: either may run first.

create table if not exists orleansquery (
    querykey  varchar(64) primary key,
    querytext text        not null
);

-- One row per (service, grain type, grain id). A Guid key is split into grainidn0/grainidn1, an integer key
-- sits in grainidn1, and a string key (or a key extension) sits in grainidextensionstring.
-- version is the etag handed to the grain; payloadbinary is null after a ClearStateAsync that keeps the row.
-- The hashes are stored for diagnostics only; rows are matched on the full identity, so changing the
-- provider's HashPicker does not orphan existing state.
create table if not exists orleansstorage (
    serviceid              varchar(150) not null,
    graintypestring        varchar(512) not null,
    grainidn0              bigint       not null,
    grainidn1              bigint       not null,
    grainidextensionstring varchar(512),
    graintypehash          integer      not null,
    grainidhash            integer      not null,
    payloadbinary          bytea,
    version                integer      not null,
    modifiedon             timestamptz  not null default now(),
    constraint orleansstorage_grain unique nulls not distinct
        (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring),
    constraint orleansstorage_version_positive check (version > 0)
);

insert into orleansquery (querykey, querytext) values
(
    'ReadFromStorageKey',
    'select s.payloadbinary as "PayloadBinary", s.version as "Version"
       from orleansstorage s
      where s.serviceid = @ServiceId
        and s.graintypestring = @GrainTypeString
        and s.grainidn0 = @GrainIdN0
        and s.grainidn1 = @GrainIdN1
        and (s.grainidextensionstring = @GrainIdExtensionString
             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))'
),
(
    'WriteToStorageKey',
    'with bumped as (
         update orleansstorage s
            set payloadbinary = @PayloadBinary,
                version = case when s.version = 2147483647 then 1 else s.version + 1 end,
                graintypehash = @GrainTypeHash,
                grainidhash = @GrainIdHash,
                modifiedon = now()
          where @GrainStateVersion is not null
            and s.version = @GrainStateVersion
            and s.serviceid = @ServiceId
            and s.graintypestring = @GrainTypeString
            and s.grainidn0 = @GrainIdN0
            and s.grainidn1 = @GrainIdN1
            and (s.grainidextensionstring = @GrainIdExtensionString
                 or (s.grainidextensionstring is null and @GrainIdExtensionString is null))
         returning s.version
     ),
     created as (
         insert into orleansstorage
                (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring,
                 graintypehash, grainidhash, payloadbinary, version)
         select @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
          where @GrainStateVersion is null
         on conflict on constraint orleansstorage_grain do nothing
         returning version
     )
     select version as "NewGrainStateVersion" from bumped
     union all
     select version from created'
),
(
    'ClearStorageKey',
    'update orleansstorage s
        set payloadbinary = null,
            version = case when s.version = 2147483647 then 1 else s.version + 1 end,
            modifiedon = now()
      where s.version = @GrainStateVersion
        and s.serviceid = @ServiceId
        and s.graintypestring = @GrainTypeString
        and s.grainidn0 = @GrainIdN0
        and s.grainidn1 = @GrainIdN1
        and (s.grainidextensionstring = @GrainIdExtensionString
             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))
     returning s.version as "NewGrainStateVersion"'
),
(
    'DeleteStorageKey',
    'delete from orleansstorage s
      where s.version = @GrainStateVersion
        and s.serviceid = @ServiceId
        and s.graintypestring = @GrainTypeString
        and s.grainidn0 = @GrainIdN0
        and s.grainidn1 = @GrainIdN1
        and (s.grainidextensionstring = @GrainIdExtensionString
             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))
     returning case when s.version = 2147483647 then 1 else s.version + 1 end as "NewGrainStateVersion"'
)
on conflict (querykey) do update set querytext = excluded.querytext;
