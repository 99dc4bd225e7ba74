-- The figures row as the HQ reports read it at chain scale (docs/BENCHMARKS.md, "HQ at chain scale"):
-- * the reports as json, the text the fold wrote, so the daily answer writes each store's report as it is (jsonb
--   turned 2,000 reports back into text on every read);
-- * the store's latest seal of the date (BusinessDaySealed whose data names the date), kept by ingest, so completeness
--   needs no probe into the journal per store;
-- * the sums that add up across stores and dates as columns, and the items and hours as arrays, so totals and ranges
--   never read the reports themselves (Cloud/Reports/DaySums.cs names them, in this order).
alter table store_day_figures
    add column seal_seq               bigint,
    add column seal_data              text,
    add column currency               text     not null default '',
    add column orders_closed          bigint   not null default 0,
    add column orders_open            bigint   not null default 0,
    add column gross_minor            bigint   not null default 0,
    add column voids_minor            bigint   not null default 0,
    add column net_minor              bigint   not null default 0,
    add column tax_minor              bigint   not null default 0,
    add column tips_minor             bigint   not null default 0,
    add column cash_minor             bigint   not null default 0,
    add column card_minor             bigint   not null default 0,
    add column other_minor            bigint   not null default 0,
    add column written_off_minor      bigint   not null default 0,
    add column orders_carried_over    bigint   not null default 0,
    add column orders_merged          bigint   not null default 0,
    add column discounts_minor        bigint   not null default 0,
    add column comps_minor            bigint   not null default 0,
    add column refunds_minor          bigint   not null default 0,
    add column refund_count           bigint   not null default 0,
    add column refund_cash_minor      bigint   not null default 0,
    add column refund_card_minor      bigint   not null default 0,
    add column refund_other_minor     bigint   not null default 0,
    add column tip_adjustments_minor  bigint   not null default 0,
    add column tip_adjustment_count   bigint   not null default 0,
    add column item_ids               text[]   not null default '{}',
    add column item_names             text[]   not null default '{}',
    add column item_quantities        bigint[] not null default '{}',
    add column item_net_minor         bigint[] not null default '{}',
    add column hours                  text[]   not null default '{}',
    add column hour_orders            bigint[] not null default '{}',
    add column hour_net_minor         bigint[] not null default '{}';

-- The sums of the rows already folded, from their reports.
update store_day_figures set
    currency              = coalesce(report ->> 'currency', ''),
    orders_closed         = coalesce((report ->> 'ordersClosed')::bigint, 0),
    orders_open           = coalesce((report ->> 'ordersOpen')::bigint, 0),
    gross_minor           = coalesce((report ->> 'grossSalesMinor')::bigint, 0),
    voids_minor           = coalesce((report ->> 'voidsMinor')::bigint, 0),
    net_minor             = coalesce((report ->> 'netSalesMinor')::bigint, 0),
    tax_minor             = coalesce((report ->> 'taxMinor')::bigint, 0),
    tips_minor            = coalesce((report ->> 'tipsMinor')::bigint, 0),
    cash_minor            = coalesce((report -> 'tenders' ->> 'cash')::bigint, 0),
    card_minor            = coalesce((report -> 'tenders' ->> 'card')::bigint, 0),
    other_minor           = coalesce((report -> 'tenders' ->> 'other')::bigint, 0),
    written_off_minor     = coalesce((report ->> 'writtenOffMinor')::bigint, 0),
    orders_carried_over   = coalesce((report ->> 'ordersCarriedOver')::bigint, 0),
    orders_merged         = coalesce((report ->> 'ordersMerged')::bigint, 0),
    discounts_minor       = coalesce((report ->> 'discountsMinor')::bigint, 0),
    comps_minor           = coalesce((report ->> 'compsMinor')::bigint, 0),
    refunds_minor         = coalesce((report ->> 'refundsMinor')::bigint, 0),
    refund_count          = coalesce((report ->> 'refundCount')::bigint, 0),
    refund_cash_minor     = coalesce((report -> 'refundTenders' ->> 'cash')::bigint, 0),
    refund_card_minor     = coalesce((report -> 'refundTenders' ->> 'card')::bigint, 0),
    refund_other_minor    = coalesce((report -> 'refundTenders' ->> 'other')::bigint, 0),
    tip_adjustments_minor = coalesce((report ->> 'tipAdjustmentsMinor')::bigint, 0),
    tip_adjustment_count  = coalesce((report ->> 'tipAdjustmentCount')::bigint, 0),
    item_ids        = array(select i ->> 'menuItemId' from jsonb_array_elements(coalesce(report -> 'items', '[]')) with ordinality x(i, n) order by n),
    item_names      = array(select i ->> 'name' from jsonb_array_elements(coalesce(report -> 'items', '[]')) with ordinality x(i, n) order by n),
    item_quantities = array(select (i ->> 'quantity')::bigint from jsonb_array_elements(coalesce(report -> 'items', '[]')) with ordinality x(i, n) order by n),
    item_net_minor  = array(select (i ->> 'netSalesMinor')::bigint from jsonb_array_elements(coalesce(report -> 'items', '[]')) with ordinality x(i, n) order by n),
    hours           = array(select h ->> 'hour' from jsonb_array_elements(coalesce(report -> 'byHour', '[]')) with ordinality x(h, n) order by n),
    hour_orders     = array(select (h ->> 'ordersClosed')::bigint from jsonb_array_elements(coalesce(report -> 'byHour', '[]')) with ordinality x(h, n) order by n),
    hour_net_minor  = array(select (h ->> 'netSalesMinor')::bigint from jsonb_array_elements(coalesce(report -> 'byHour', '[]')) with ordinality x(h, n) order by n)
where report is not null;

-- The reports kept out of the row (and not compressed: the daily answer reads a date's 2,000 of them as they are),
-- so the rows the totals and ranges scan are the narrow sums, a third of their size with the reports inline.
alter table store_day_figures
    alter column report set storage external,
    alter column z set storage external;

alter table store_day_figures
    alter column report type json using report::json,
    alter column z type json using z::json;

-- The seals already held: the latest of each store and date its data names (a name that is not a date names none).
create function pos_0011_date(value text) returns date language plpgsql immutable as $$
begin
    if value !~ '^\d{4}-\d{2}-\d{2}$' then
        return null;
    end if;
    return value::date;
exception when others then
    return null;
end $$;

create temporary table seals_0011 on commit drop as
select distinct on (store_id, data ->> 'businessDate') store_id, pos_0011_date(data ->> 'businessDate') as business_date, seq, data::text as data
from store_journal
where stream_id = 'business-days' and type = 'BusinessDaySealed'
order by store_id, data ->> 'businessDate', seq desc;

delete from seals_0011 where business_date is null;

-- A date sealed with no event of its own held: its row, to be folded (nothing) at start-up.
insert into store_day_figures (store_id, business_date, report, z, events, through_seq)
select store_id, business_date, null, null, 0, 0 from seals_0011
on conflict (store_id, business_date) do nothing;

update store_day_figures f set seal_seq = s.seq, seal_data = s.data
from seals_0011 s where f.store_id = s.store_id and f.business_date = s.business_date;

drop function pos_0011_date(text);
