-- Each store's figures of each business date, kept beside its journal: the daily report and the Z report exactly as
-- the fold over the date's events makes them (DailyReportBuilder, ZReportBuilder; Cloud/Reports/DayFigures.cs), and
-- how many events of the date the cloud holds (DayCompleteness needs it). Ingest refolds the dates a batch touches in
-- the batch's own transaction, so HQ's reports read one row per store and date whatever the events behind it.
-- `dotnet Pos.Cloud.dll rebuild-projections` refolds every row from the journal and checks it.
create table store_day_figures (
    store_id       text        not null references stores (store_id),
    business_date  date        not null,
    -- The DailyReport and the ZReport as JSON; null when the fold is still to be made (rows of journals stored before
    -- this table, folded at start-up) or could not be made (fold_error says why): reports then fold the raw events.
    report         jsonb,
    z              jsonb,
    -- How many events of the date the cloud holds, and the highest seq among them (0 when none).
    events         integer     not null,
    through_seq    bigint      not null,
    fold_error     text,
    -- When the date's raw events were deleted (POS_CLOUD_RAW_EVENT_DAYS); the row is then all that is left of them.
    raw_deleted_at timestamptz,
    updated_at     timestamptz not null default now(),
    primary key (store_id, business_date)
);

-- The HQ reports read a date (or a range) for every store.
create index store_day_figures_by_date on store_day_figures (business_date, store_id);

-- Rows whose fold is still to be made, for the start-up pass that makes them.
create index store_day_figures_unfolded on store_day_figures (store_id, business_date) where report is null and fold_error is null;

-- Every (store, date) the journal already holds, counted now and folded at start-up (SQL cannot run the fold).
insert into store_day_figures (store_id, business_date, report, z, events, through_seq)
select store_id, business_date, null, null, count(*), max(seq)
from store_journal
where business_date is not null
group by store_id, business_date;
