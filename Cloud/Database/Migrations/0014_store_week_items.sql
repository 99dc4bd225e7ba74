-- Each store's items of a week (Monday to Sunday) added up from its day figures, so a range of HQ's reports reads a
-- row per store and whole week inside it instead of seven (Cloud/Reports/WeekItems.cs). The items are the one part of
-- the figures a range cannot add as columns: each day's list is unnested into a row per item and grouped (30 days of
-- 2,000 stores: 480,000 rows, most of the range's time). A week is added up once its dates are past and a range
-- reads it; a row stands for the day rows it was made from, which it names by their count, their events and the sum of
-- their updated_at (every write of a day row sets it): a range uses it only while its week's day rows say the same,
-- and otherwise reads the days (and has the week added up again). Only weeks of one currency are kept.
create table store_week_items (
    store_id          text        not null references stores (store_id),
    week_start        date        not null,
    currency          text        not null,
    days              integer     not null,
    events            bigint      not null,
    stamp             bigint      not null,
    -- Per item, in menu item id order: its name and the first date of the week that sold it (a range names an item
    -- as its first date that sold it names it), its quantity and its net sales.
    item_ids          text[]      not null,
    item_names        text[]      not null,
    item_first_dates  date[]      not null,
    item_quantities   bigint[]    not null,
    item_net_minor    bigint[]    not null,
    made_at           timestamptz not null default now(),
    primary key (store_id, week_start),
    check (extract(isodow from week_start) = 1)
);

create index store_week_items_by_week on store_week_items (week_start, store_id);
