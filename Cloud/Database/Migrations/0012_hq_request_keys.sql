-- HQ's POSTs that each make something new (a chain-menu publish, a rollback) keyed by the Idempotency-Key they carry
-- (Cloud/Hosting/HqRequestKeys.cs): the key is claimed in the request's own transaction and the answer recorded there,
-- so a request sent again with its key gets the first one's answer and its effect happened once. A publish is rare
-- (a few a day), so the rows are kept.
create table hq_request_keys (
    idempotency_key text        primary key,
    route           text        not null,
    -- SHA-256 of the route, the body as read and the If-Match: the same key with anything else is another request.
    request_hash    bytea       not null,
    status          integer     not null,
    answer          text        not null,
    created_at      timestamptz not null default now()
);
