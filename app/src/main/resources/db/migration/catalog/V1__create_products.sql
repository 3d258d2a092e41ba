create table categories (
    slug text primary key,
    name text not null
);

create table products (
    id          uuid primary key,
    name        text        not null,
    description text        not null default '',
    category    text        not null references categories (slug),
    archived    boolean     not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    -- what full-text search ranks: the name weighs more than the description
    search      tsvector generated always as (
                    setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
                ) stored
);
create index products_search on products using gin (search);
create index products_browse on products (created_at desc, id) where not archived;
create index products_by_category on products (category, created_at desc) where not archived;

-- a SKU belongs to one product for ever; a variant taken off a product stays (removed) for old orders and carts
create table variants (
    sku        text primary key,
    product_id uuid           not null references products (id),
    position   int            not null,
    title      text           not null,
    price      numeric(19, 4) not null check (price > 0),
    currency   char(3)        not null,
    removed    boolean        not null default false
);
create index variants_by_product on variants (product_id, position);
