-- The person signed in on the store's device when a change was made, and the manager who approved it, as the store's
-- journal records them (null for a device alone, and for events stored before stores sent them).
alter table store_journal
    add column employee_id text,
    add column approved_by text;
