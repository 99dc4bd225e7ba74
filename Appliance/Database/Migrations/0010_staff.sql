-- People: who was signed in on the device when a change was made, and the manager who approved it, beside the device.
alter table journal
    add column employee_id text,
    add column approved_by text;

-- Each employee's PIN, only as a slow salted hash (Argon2id, its parameters in the string), kept out of the
-- append-only journal so a changed PIN's old hash is erased. A row belongs to the version of the employee's stream
-- whose EmployeeSaved event set it: written before that event is journaled, it counts only once the journal holds
-- that version, and every older row of the employee is deleted then.
create table employee_pins (
    employee_id text        not null,
    version     integer     not null,
    pin_hash    text        not null,
    created_at  timestamptz not null,
    primary key (employee_id, version)
);

-- Staff sessions: a person signed in on a device with their PIN. Only the SHA-256 of the session token is kept.
create table staff_sessions (
    session_id  uuid        primary key,
    token_hash  bytea       not null unique,
    employee_id text        not null,
    device_id   text        not null,
    started_at  timestamptz not null,
    expires_at  timestamptz not null,
    ended_at    timestamptz
);

create index staff_sessions_live on staff_sessions (expires_at) where ended_at is null;
