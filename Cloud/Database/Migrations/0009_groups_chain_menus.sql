-- Groups of stores (a region, a brand) and the chain menu: one base menu and overrides per group and per store,
-- every version kept, published into store_menus as each store's whole menu.
create table store_groups (
    group_id   text        primary key,
    name       text        not null,
    kind       text        not null,
    -- Orders a store's groups' menu overrides: lower first, so the higher one wins (ties: group id order).
    precedence integer     not null default 0,
    version    integer     not null check (version >= 1),
    updated_at timestamptz not null
);

-- A store may be in several groups; a store is never removed, so a member stays a registered store.
create table store_group_members (
    group_id text not null references store_groups (group_id) on delete cascade,
    store_id text not null references stores (store_id),
    primary key (group_id, store_id)
);
create index store_group_members_by_store on store_group_members (store_id, group_id);

-- The chain menu's latest version (0: nothing set yet). Every change bumps it in its transaction, so changes queue
-- on this row and get 1, 2, 3... without gaps, and an If-Match is compared with the version they queued behind.
create table chain_menu_head (
    only_row boolean primary key default true check (only_row),
    version  integer not null
);
insert into chain_menu_head (only_row, version) values (true, 0);

create table chain_menu_versions (
    version    integer     primary key check (version >= 1),
    created_at timestamptz not null,
    -- What the version changed: base, group:<id>, store:<id>, rollback:<version>.
    change     text        not null
);

-- The pieces of the chain menu, immutable: scope 'base' (scope_id ''), 'group' or 'store'. The chain menu of
-- version V is, for each (scope, scope_id), its row of the greatest version <= V; a null piece is one deleted.
create table chain_menu_pieces (
    scope    text    not null check (scope in ('base', 'group', 'store')),
    scope_id text    not null,
    version  integer not null references chain_menu_versions (version),
    piece    jsonb,
    primary key (scope, scope_id, version)
);

-- Which chain-menu version a store's menu was composed from (null: published to the store alone).
alter table store_menus add column chain_version integer;
