-- The appliance's side of the journal replay to the cloud: one row, the checkpoint the cloud acknowledged
-- and what the last attempts said. Hangfire keeps its own tables in the schema "hangfire".
create table sync_checkpoint (
    id               integer     primary key default 1 check (id = 1),
    -- Every event up to acked_seq is in the cloud (the cloud said so); only ever moved after its answer.
    acked_seq        bigint      not null default 0,
    last_success_at  timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    -- The cloud menu version applied last (0: none yet).
    menu_version     integer     not null default 0,
    menu_pulled_at   timestamptz
);
insert into sync_checkpoint (id) values (1);
