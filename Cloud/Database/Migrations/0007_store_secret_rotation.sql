-- Store secret rotation (POST /cloud/v1/stores/{storeId}/secret/rotate): the secret in use before the last rotation
-- is still accepted until previous_valid_until, so a store keeps syncing while its operator sets the new one. Only
-- the newest previous secret is kept: a rotation moves the current secret here (replacing any older previous one).
alter table stores
    add column previous_secret      bytea,
    add column previous_valid_until timestamptz,
    add column secret_rotated_at    timestamptz;
