create table carts (
    id          uuid primary key,
    customer_id uuid not null unique
);

create table cart_lines (
    cart_id  uuid        not null references carts (id),
    sku      text        not null,
    quantity int         not null check (quantity between 1 and 1000),
    added_at timestamptz not null,
    primary key (cart_id, sku)
);
