-- Menus headquarters publishes to a store, every version kept; the store pulls the latest.
-- stores.menu_version is the latest version published (0: none); publishing bumps it and inserts the version in
-- one statement, so concurrent publishes to a store queue on its row and get 1, 2, 3... without gaps.
alter table stores add column menu_version integer not null default 0;

create table store_menus (
    store_id     text        not null references stores (store_id),
    version      integer     not null check (version >= 1),
    -- A MenuDefinition as the appliance's PUT /api/v1/menu takes it: {"currency", "items": [...]}.
    menu         jsonb       not null,
    published_at timestamptz not null,
    primary key (store_id, version)
);
