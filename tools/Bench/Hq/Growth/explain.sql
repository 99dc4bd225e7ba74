begin;
explain (analyze, buffers, timing off, costs off)
INSERT INTO store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, employee_id)
SELECT 'g-0123', 2000000000 + e,
  (lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid,
  'order-x' || (e / 7), 1 + e % 7, 'LineAdded', now(), 'pos-1', date '2025-12-31',
  jsonb_build_object('orderId', md5(e::text), 'lineId', md5(random()::text), 'itemId', 'burger-classic', 'name', 'Classic Burger',
    'quantity', 1 + e % 3, 'unitPriceMinor', 1250, 'taxRateBp', 825, 'station', 'kitchen', 'modifiers', '[]'::jsonb, 'note', ''), 'emp-0007'
FROM generate_series(1, 500) e;
rollback;
explain (analyze, buffers, timing off, costs off) select data from store_journal where business_date = date '2025-01-05' and store_id = 'g-0991' order by seq;
set enable_seqscan = off; set enable_bitmapscan = off;
explain (analyze, buffers, timing off, costs off) select count(*), sum(length(data::text)) from store_journal where business_date = date '2025-01-05';
select pg_size_pretty(pg_relation_size('store_journal')) heap, pg_size_pretty(pg_relation_size('store_journal_pkey')) pk,
  pg_size_pretty(pg_relation_size('store_journal_event_unique')) ev, pg_size_pretty(pg_relation_size('store_journal_business_date')) bd,
  pg_size_pretty(pg_relation_size('store_journal_day_seals')) seals;
