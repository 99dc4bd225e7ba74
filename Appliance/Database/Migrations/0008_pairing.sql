-- Pairing a phone: one-time codes, of which only the SHA-256 of the digits is kept, and device revocation.
create table pairing_codes (
    code_id    uuid        primary key,
    code_hash  bytea       not null unique,
    role       text        not null check (role in ('server', 'manager', 'kitchen', 'integration')),
    name       text,
    created_by text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    -- Checked at commit: a code is used and its device inserted in one transaction, the code first.
    used_by    text        references devices (device_id) deferrable initially deferred
);

-- A revoked device keeps its row (and its id: no other device may take it); its token is refused. journal_pending is
-- true from a device's insert until its journal event is committed: a row still pending when the appliance starts was
-- never answered (its token never left the appliance) and is removed.
alter table devices
    add column revoked_at      timestamptz,
    add column revoked_by      text,
    add column journal_pending boolean not null default false;
