-- Orleans cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.x with Invariant = "Npgsql".
-- Silos (and gateway-list clients) read their statements from orleansquery and run them with named
-- parameters; the contract (keys, parameters, result columns, version rules) is in docs/ORLEANS-ADONET.md.
-- Identifiers are left unquoted (so stored lower case) because the provider's own lookup
-- "SELECT QueryKey, QueryText FROM OrleansQuery" is unquoted; result columns are quoted aliases so they
-- come back spelled exactly as the provider asks for them.
-- Idempotent and independent of Appliance/Database/Migrations/0002_orleans_grain_storage.sql: either may run first.

create table if not exists orleansquery (
    querykey  varchar(64) primary key,
    querytext text        not null
);

-- One row per cluster (ClusterOptions.ClusterId, passed as @DeploymentId). version is the membership table's
-- etag: every row insert or status change must present the current value and moves it on by one.
create table if not exists orleansmembershipversiontable (
    deploymentid varchar(150) primary key,
    version      integer      not null default 0,
    modifiedon   timestamptz  not null default now()
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus as an integer
-- (3 = Active, 6 = Dead); suspecttimes is Orleans' own "silo,date|silo,date" text.
create table if not exists orleansmembershiptable (
    deploymentid varchar(150) not null
        references orleansmembershipversiontable (deploymentid) on delete cascade,
    address      varchar(45)  not null,
    port         integer      not null,
    generation   integer      not null,
    siloname     varchar(150) not null,
    hostname     varchar(150) not null,
    status       integer      not null,
    proxyport    integer      not null,
    suspecttimes text,
    starttime    timestamptz  not null,
    iamalivetime timestamptz  not null,
    primary key (deploymentid, address, port, generation)
);

insert into orleansquery (querykey, querytext) values
(
    'InsertMembershipVersionKey',
    'with created as (
         insert into orleansmembershipversiontable (deploymentid) values (@DeploymentId)
         on conflict (deploymentid) do nothing
         returning 1
     )
     select count(*) > 0 from created'
),
(
    'MembershipReadAllKey',
    'select v.version as "Version",
            m.address as "Address", m.port as "Port", m.generation as "Generation",
            m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",
            m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",
            m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"
       from orleansmembershipversiontable v
       left join orleansmembershiptable m on m.deploymentid = v.deploymentid
      where v.deploymentid = @DeploymentId'
),
(
    'MembershipReadRowKey',
    'select v.version as "Version",
            m.address as "Address", m.port as "Port", m.generation as "Generation",
            m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",
            m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",
            m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"
       from orleansmembershipversiontable v
       left join orleansmembershiptable m
              on m.deploymentid = v.deploymentid
             and m.address = @Address and m.port = @Port and m.generation = @Generation
      where v.deploymentid = @DeploymentId'
),
(
    'InsertMembershipKey',
    'with bumped as (
         update orleansmembershipversiontable
            set version = version + 1, modifiedon = now()
          where deploymentid = @DeploymentId
            and version = @Version
            and not exists (select 1 from orleansmembershiptable
                             where deploymentid = @DeploymentId
                               and address = @Address and port = @Port and generation = @Generation)
         returning deploymentid
     ),
     inserted as (
         insert into orleansmembershiptable
                (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
                 starttime, iamalivetime)
         select b.deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
                @StartTime, @IAmAliveTime
           from bumped b
         on conflict do nothing
         returning 1
     )
     select count(*) > 0 from inserted'
),
(
    'UpdateMembershipKey',
    'with bumped as (
         update orleansmembershipversiontable
            set version = version + 1, modifiedon = now()
          where deploymentid = @DeploymentId
            and version = @Version
            and exists (select 1 from orleansmembershiptable
                         where deploymentid = @DeploymentId
                           and address = @Address and port = @Port and generation = @Generation)
         returning deploymentid
     ),
     changed as (
         update orleansmembershiptable m
            set status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
           from bumped b
          where m.deploymentid = b.deploymentid
            and m.address = @Address and m.port = @Port and m.generation = @Generation
         returning 1
     )
     select count(*) > 0 from changed'
),
(
    'UpdateIAmAlivetimeKey',
    'update orleansmembershiptable
        set iamalivetime = @IAmAliveTime
      where deploymentid = @DeploymentId
        and address = @Address and port = @Port and generation = @Generation'
),
(
    'GatewaysQueryKey',
    'select address as "Address", proxyport as "ProxyPort", generation as "Generation"
       from orleansmembershiptable
      where deploymentid = @DeploymentId and status = @Status and proxyport > 0'
),
(
    'DeleteMembershipTableEntriesKey',
    'delete from orleansmembershipversiontable where deploymentid = @DeploymentId'
),
(
    'CleanupDefunctSiloEntriesKey',
    'delete from orleansmembershiptable
      where deploymentid = @DeploymentId and status = 6 and iamalivetime < @IAmAliveTime'
),
(
    'CleanupDefunctSiloEntryKey',
    'delete from orleansmembershiptable
      where deploymentid = @DeploymentId
        and address = @Address and port = @Port and generation = @Generation
        and status = 6
        and starttime = @StartTime
        and iamalivetime = @IAmAliveTime
        and coalesce(suspecttimes, '''') = coalesce(@SuspectTimes, '''')'
)
on conflict (querykey) do update set querytext = excluded.querytext;
