-- Stores known to headquarters, and every store's journal as it arrived.
create table stores (
    store_id     text        primary key,
    name         text        not null,
    time_zone    text        not null,
    -- The HMAC key the store signs its journal batches with (shown to the operator once).
    secret       bytea       not null,
    -- Every event up to acked_seq is stored; advanced in the same transaction as the events.
    acked_seq    bigint      not null default 0,
    last_sync_at timestamptz,
    created_at   timestamptz not null default now()
);

create table store_journal (
    store_id       text        not null references stores (store_id),
    seq            bigint      not null,
    event_id       uuid        not null,
    stream_id      text        not null,
    stream_version integer     not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    device_id      text        not null,
    business_date  date,
    data           jsonb       not null,
    received_at    timestamptz not null default now(),
    primary key (store_id, seq),
    constraint store_journal_event_unique unique (store_id, event_id)
);

create index store_journal_business_date on store_journal (business_date, store_id, seq) where business_date is not null;
