\timing on
-- the report's per-date read (all stores), a date in the middle of what is held
select count(*), sum(length(data::text)) from store_journal where business_date = date '2025-01-02';
select count(*), sum(length(data::text)) from store_journal where business_date = date '2025-01-02';
select count(*), sum(length(data::text)) from store_journal where business_date = date '2025-01-02';
-- one store's date (the projections' re-read at ingest)
select count(*) from (select data from store_journal where business_date = date '2025-01-02' and store_id = 'g-0777' order by seq) x;
select count(*) from (select data from store_journal where business_date = date '2025-01-02' and store_id = 'g-0778' order by seq) x;
select count(*) from (select data from store_journal where business_date = date '2025-01-02' and store_id = 'g-0779' order by seq) x;
-- the seals of a date, all stores (the report's lateral probe)
select count(*) from stores s left join lateral (select j.seq from store_journal j where j.store_id = s.store_id and j.stream_id = 'business-days' and j.type = 'BusinessDaySealed' and j.data ->> 'businessDate' = '2025-01-02' order by j.seq desc limit 1) seal on true;
select count(*) from stores s left join lateral (select j.seq from store_journal j where j.store_id = s.store_id and j.stream_id = 'business-days' and j.type = 'BusinessDaySealed' and j.data ->> 'businessDate' = '2025-01-02' order by j.seq desc limit 1) seal on true;
-- ingest's overlap check (EventIdsAsync)
select count(*) from store_journal where store_id = 'g-0555' and seq between 1 and 500;
select count(*) from store_journal where store_id = 'g-0556' and seq between 1 and 500;
