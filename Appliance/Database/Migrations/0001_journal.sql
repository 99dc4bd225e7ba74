-- The store journal: every change, in one gapless per-store sequence.
create table journal (
    seq            bigint      primary key,
    event_id       uuid        not null unique,
    stream_id      text        not null,
    stream_version integer     not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    device_id      text        not null,
    business_date  date,
    data           jsonb       not null,
    recorded_at    timestamptz not null default now(),
    constraint journal_stream_version_unique unique (stream_id, stream_version),
    constraint journal_seq_positive check (seq > 0),
    constraint journal_stream_version_positive check (stream_version > 0)
);

create index journal_business_date on journal (business_date, seq) where business_date is not null;
create index journal_orders_opened on journal (seq) where type = 'OrderOpened';

-- The first response to each Idempotency-Key, written in the same transaction as the events it caused.
create table idempotency (
    key          text        primary key,
    request_hash bytea       not null,
    status       integer     not null,
    body         text        not null,
    etag         text,
    stream_id    text        not null,
    first_seq    bigint      not null references journal (seq),
    created_at   timestamptz not null default now()
);

create index idempotency_created_at on idempotency (created_at);

-- The journal is append-only: refuse updates and deletes outright.
create function journal_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the journal is append-only (% refused)', tg_op;
end $$;

create trigger journal_append_only before update or delete on journal
    for each row execute function journal_refuse_change();

-- Devices allowed to call the API; only a hash of each token is kept.
create table devices (
    device_id  text        primary key,
    name       text        not null,
    role       text        not null check (role in ('server', 'manager', 'kitchen', 'integration')),
    token_hash bytea       not null unique,
    created_at timestamptz not null default now()
);
