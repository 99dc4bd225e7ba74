-- store_day_figures as ingest rewrites it and HQ reads it (docs/BENCHMARKS.md, "HQ at chain scale"):
--
-- * The hours of the day as 24 fixed pairs of columns (orders closed, net sales), hour 00 to 23 on the store's clock,
--   in place of three arrays: a range adds them up with the other sums in one grouped scan, where the arrays had to be
--   unnested into a row per hour first (30 days of 2,000 stores: 1.4 million rows, 0.6 s).
-- * Ingest's rewrites of a row stay on its page (heap-only tuples, HOT). A row is rewritten by every batch that brings
--   events of its date (nine times a day for a store of 100 orders syncing in batches of 100), and no rewrite was HOT:
--   the index of rows still to fold named the report column in its condition, and a change of any column an index
--   uses, its condition included, makes PostgreSQL write a new entry in every index. The date's read then went through
--   nine entries a store until vacuum came. The rows to fold are now marked by their own column, which ingest leaves
--   as it is, and pages keep room for the rewrites (fill factor; only new pages take it).
-- * Vacuum and statistics follow a day's rewrites, counted against a small share of the table (a year of a chain is
--   700,000 rows; the default 20 % would wait for 140,000 dead rows).
alter table store_day_figures
    add column hour_00_orders bigint not null default 0,
    add column hour_00_net_minor bigint not null default 0,
    add column hour_01_orders bigint not null default 0,
    add column hour_01_net_minor bigint not null default 0,
    add column hour_02_orders bigint not null default 0,
    add column hour_02_net_minor bigint not null default 0,
    add column hour_03_orders bigint not null default 0,
    add column hour_03_net_minor bigint not null default 0,
    add column hour_04_orders bigint not null default 0,
    add column hour_04_net_minor bigint not null default 0,
    add column hour_05_orders bigint not null default 0,
    add column hour_05_net_minor bigint not null default 0,
    add column hour_06_orders bigint not null default 0,
    add column hour_06_net_minor bigint not null default 0,
    add column hour_07_orders bigint not null default 0,
    add column hour_07_net_minor bigint not null default 0,
    add column hour_08_orders bigint not null default 0,
    add column hour_08_net_minor bigint not null default 0,
    add column hour_09_orders bigint not null default 0,
    add column hour_09_net_minor bigint not null default 0,
    add column hour_10_orders bigint not null default 0,
    add column hour_10_net_minor bigint not null default 0,
    add column hour_11_orders bigint not null default 0,
    add column hour_11_net_minor bigint not null default 0,
    add column hour_12_orders bigint not null default 0,
    add column hour_12_net_minor bigint not null default 0,
    add column hour_13_orders bigint not null default 0,
    add column hour_13_net_minor bigint not null default 0,
    add column hour_14_orders bigint not null default 0,
    add column hour_14_net_minor bigint not null default 0,
    add column hour_15_orders bigint not null default 0,
    add column hour_15_net_minor bigint not null default 0,
    add column hour_16_orders bigint not null default 0,
    add column hour_16_net_minor bigint not null default 0,
    add column hour_17_orders bigint not null default 0,
    add column hour_17_net_minor bigint not null default 0,
    add column hour_18_orders bigint not null default 0,
    add column hour_18_net_minor bigint not null default 0,
    add column hour_19_orders bigint not null default 0,
    add column hour_19_net_minor bigint not null default 0,
    add column hour_20_orders bigint not null default 0,
    add column hour_20_net_minor bigint not null default 0,
    add column hour_21_orders bigint not null default 0,
    add column hour_21_net_minor bigint not null default 0,
    add column hour_22_orders bigint not null default 0,
    add column hour_22_net_minor bigint not null default 0,
    add column hour_23_orders bigint not null default 0,
    add column hour_23_net_minor bigint not null default 0,
    add column to_fold boolean not null default false;

update store_day_figures set
    hour_00_orders = coalesce(hour_orders[array_position(hours, '00:00')], 0),
    hour_00_net_minor = coalesce(hour_net_minor[array_position(hours, '00:00')], 0),
    hour_01_orders = coalesce(hour_orders[array_position(hours, '01:00')], 0),
    hour_01_net_minor = coalesce(hour_net_minor[array_position(hours, '01:00')], 0),
    hour_02_orders = coalesce(hour_orders[array_position(hours, '02:00')], 0),
    hour_02_net_minor = coalesce(hour_net_minor[array_position(hours, '02:00')], 0),
    hour_03_orders = coalesce(hour_orders[array_position(hours, '03:00')], 0),
    hour_03_net_minor = coalesce(hour_net_minor[array_position(hours, '03:00')], 0),
    hour_04_orders = coalesce(hour_orders[array_position(hours, '04:00')], 0),
    hour_04_net_minor = coalesce(hour_net_minor[array_position(hours, '04:00')], 0),
    hour_05_orders = coalesce(hour_orders[array_position(hours, '05:00')], 0),
    hour_05_net_minor = coalesce(hour_net_minor[array_position(hours, '05:00')], 0),
    hour_06_orders = coalesce(hour_orders[array_position(hours, '06:00')], 0),
    hour_06_net_minor = coalesce(hour_net_minor[array_position(hours, '06:00')], 0),
    hour_07_orders = coalesce(hour_orders[array_position(hours, '07:00')], 0),
    hour_07_net_minor = coalesce(hour_net_minor[array_position(hours, '07:00')], 0),
    hour_08_orders = coalesce(hour_orders[array_position(hours, '08:00')], 0),
    hour_08_net_minor = coalesce(hour_net_minor[array_position(hours, '08:00')], 0),
    hour_09_orders = coalesce(hour_orders[array_position(hours, '09:00')], 0),
    hour_09_net_minor = coalesce(hour_net_minor[array_position(hours, '09:00')], 0),
    hour_10_orders = coalesce(hour_orders[array_position(hours, '10:00')], 0),
    hour_10_net_minor = coalesce(hour_net_minor[array_position(hours, '10:00')], 0),
    hour_11_orders = coalesce(hour_orders[array_position(hours, '11:00')], 0),
    hour_11_net_minor = coalesce(hour_net_minor[array_position(hours, '11:00')], 0),
    hour_12_orders = coalesce(hour_orders[array_position(hours, '12:00')], 0),
    hour_12_net_minor = coalesce(hour_net_minor[array_position(hours, '12:00')], 0),
    hour_13_orders = coalesce(hour_orders[array_position(hours, '13:00')], 0),
    hour_13_net_minor = coalesce(hour_net_minor[array_position(hours, '13:00')], 0),
    hour_14_orders = coalesce(hour_orders[array_position(hours, '14:00')], 0),
    hour_14_net_minor = coalesce(hour_net_minor[array_position(hours, '14:00')], 0),
    hour_15_orders = coalesce(hour_orders[array_position(hours, '15:00')], 0),
    hour_15_net_minor = coalesce(hour_net_minor[array_position(hours, '15:00')], 0),
    hour_16_orders = coalesce(hour_orders[array_position(hours, '16:00')], 0),
    hour_16_net_minor = coalesce(hour_net_minor[array_position(hours, '16:00')], 0),
    hour_17_orders = coalesce(hour_orders[array_position(hours, '17:00')], 0),
    hour_17_net_minor = coalesce(hour_net_minor[array_position(hours, '17:00')], 0),
    hour_18_orders = coalesce(hour_orders[array_position(hours, '18:00')], 0),
    hour_18_net_minor = coalesce(hour_net_minor[array_position(hours, '18:00')], 0),
    hour_19_orders = coalesce(hour_orders[array_position(hours, '19:00')], 0),
    hour_19_net_minor = coalesce(hour_net_minor[array_position(hours, '19:00')], 0),
    hour_20_orders = coalesce(hour_orders[array_position(hours, '20:00')], 0),
    hour_20_net_minor = coalesce(hour_net_minor[array_position(hours, '20:00')], 0),
    hour_21_orders = coalesce(hour_orders[array_position(hours, '21:00')], 0),
    hour_21_net_minor = coalesce(hour_net_minor[array_position(hours, '21:00')], 0),
    hour_22_orders = coalesce(hour_orders[array_position(hours, '22:00')], 0),
    hour_22_net_minor = coalesce(hour_net_minor[array_position(hours, '22:00')], 0),
    hour_23_orders = coalesce(hour_orders[array_position(hours, '23:00')], 0),
    hour_23_net_minor = coalesce(hour_net_minor[array_position(hours, '23:00')], 0),
    to_fold = report is null and fold_error is null and raw_deleted_at is null;

alter table store_day_figures
    drop column hours,
    drop column hour_orders,
    drop column hour_net_minor;

drop index store_day_figures_unfolded;

-- The start-up pass reads the rows still to fold (those counted by 0008 and 0011 before any fold was kept).
create index store_day_figures_to_fold on store_day_figures (store_id, business_date) where to_fold;

alter table store_day_figures set (
    fillfactor = 70,
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_scale_factor = 0.01
);
