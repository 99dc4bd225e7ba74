\set ON_ERROR_STOP on
drop table if exists store_journal; drop table if exists stores;
\i Cloud/Database/Migrations/0002_stores.sql
\i Cloud/Database/Migrations/0003_store_head_seq.sql
\i Cloud/Database/Migrations/0004_business_day_seals.sql
\i Cloud/Database/Migrations/0006_journal_people.sql
\i Cloud/Database/Migrations/0007_store_secret_rotation.sql
insert into stores (store_id, name, time_zone, secret)
select 'g-' || lpad(s::text, 4, '0'), 'Store ' || s, 'America/Chicago', '\x00' from generate_series(1, 2000) s;
