-- One business date :'d' (day number :n from 2025-01-01) for all 2000 stores, :e events each (last one a seal).
\set ON_ERROR_STOP on
insert into store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, employee_id)
select 'g-' || lpad(s::text, 4, '0'), (:n - 1) * :e + e,
  (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid,
  case when e = :e then 'business-days' else 'order-' || md5(s::text || ':' || :n || ':' || (e / 7)) end,
  1 + e % 7,
  case when e = :e then 'BusinessDaySealed' when e % 7 = 1 then 'OrderOpened' when e % 7 = 0 then 'OrderClosed' when e % 7 = 6 then 'PaymentTaken' else 'LineAdded' end,
  ts, 'pos-1', date '2025-01-01' + :n,
  case when e = :e then jsonb_build_object('businessDate', (date '2025-01-01' + :n)::text, 'eventCount', :e, 'lastSeq', (:n) * :e)
  else jsonb_build_object('orderId', md5(s::text || ':' || e), 'lineId', md5(random()::text), 'itemId', 'burger-classic', 'name', 'Classic Burger',
    'quantity', 1 + e % 3, 'unitPriceMinor', 1250, 'taxRateBp', 825, 'station', 'kitchen', 'modifiers', '[]'::jsonb, 'note', '') end,
  'emp-0007'
from generate_series(1, 2000) s, generate_series(1, :e) e,
  lateral (select timestamptz '2025-01-01 15:00+00' + (:n || ' days')::interval + (e * 20 || ' seconds')::interval as ts) t
order by e, s;
update stores set acked_seq = :n * :e, head_seq = greatest(head_seq, :n * :e);
