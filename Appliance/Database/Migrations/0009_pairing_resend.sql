-- A keyed pairing (Idempotency-Key on POST /api/v1/pairing) whose answer was lost is answered again, same device and
-- token: the code keeps the hash of the key that used it, the fingerprint of that request (code and name), and the
-- device's token sealed under the code and the key (neither kept here), erased an hour after the code expires.
alter table pairing_codes
    add column used_key_hash    bytea,
    add column used_fingerprint bytea,
    add column sealed_token     bytea;
