-- Commands a device sends in a batch (POST /api/v1/sync/commands) are remembered by (deviceId, commandId) in the
-- idempotency table, under the key 'cmd:<deviceId>:<commandId>', to answer a repeat with the first outcome.

-- The command's outcome (applied, merged, duplicate, conflict, rejected); null for Idempotency-Key answers from before.
alter table idempotency add column outcome text;

-- A command that wrote no events (a duplicate, a conflict, a rejection) is remembered too; it has no first event.
alter table idempotency alter column first_seq drop not null;
alter table idempotency alter column stream_id drop not null;

-- The device's own clock when it issued the command (a command queued offline and sent later). The store's
-- occurred_at stays the time that orders the journal and sets business dates.
alter table journal add column issued_at timestamptz;
