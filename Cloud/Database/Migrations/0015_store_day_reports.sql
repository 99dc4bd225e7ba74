-- The daily and Z reports of each store date move out of store_day_figures into a table of their own, kept in the row
-- and compressed (docs/BENCHMARKS.md, "HQ at chain scale"). They were kept out of the figures row, uncompressed, so
-- the rows the ranges scan stay narrow; but a value kept out of its row costs PostgreSQL a lookup in the table's TOAST
-- index and table each time it is read (the all-store daily answer read a date's 2,000 reports in 50 ms, 5 ms for the
-- rest of the query) and each time it is written (every batch of a store rewrote two reports: four TOAST rows and four
-- index entries). Compressed in its row a report is about 1 kB (lz4 where the server has it, pglz otherwise) and is
-- read with its row. The figures row says whether its fold was made (`folded`, what `report is not null` said).
create table store_day_reports (
    store_id      text not null,
    business_date date not null,
    -- The DailyReport and the ZReport as JSON (the fold's text); null when the fold could not be made.
    report        json,
    z             json,
    primary key (store_id, business_date)
) with (
    -- Room on each page for ingest's rewrites of a date's reports to stay on it (heap-only).
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_scale_factor = 0.01
);

-- The daily answer reads a date's reports for every store.
create index store_day_reports_by_date on store_day_reports (business_date, store_id);

-- In the row, compressed (main: moved out only when a row would not fit a page even compressed).
alter table store_day_reports alter column report set storage main, alter column z set storage main;

do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
        alter table store_day_reports alter column report set compression lz4, alter column z set compression lz4;
    end if;
end
$$;

insert into store_day_reports (store_id, business_date, report, z)
select store_id, business_date, report, z
from store_day_figures
where report is not null or z is not null;

alter table store_day_figures add column folded boolean not null default false;
update store_day_figures set folded = true where report is not null;
alter table store_day_figures drop column report, drop column z;
