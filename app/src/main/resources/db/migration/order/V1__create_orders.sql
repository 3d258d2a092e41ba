create table orders (
    id                     uuid primary key,
    number                 bigint generated always as identity (start with 100001) unique,
    customer_id            uuid          not null,
    status                 text          not null,
    currency               char(3)       not null,
    shipping               numeric(19, 4) not null,
    tax                    numeric(19, 4) not null,
    total                  numeric(19, 4) not null,
    address_name           text          not null,
    address_line1          text          not null,
    address_line2          text,
    address_city           text          not null,
    address_postal_code    text          not null,
    address_country        char(2)       not null,
    shipping_method        text          not null,
    payment_token          text          not null,
    created_at             timestamptz   not null,
    reservation_expires_at timestamptz   not null,
    updated_at             timestamptz   not null
);
create index orders_by_customer on orders (customer_id, created_at desc);
create index orders_by_status on orders (status, created_at desc);
create index orders_by_created on orders (created_at desc);
-- what the expiry job looks for, and nothing else
create index orders_awaiting_payment on orders (reservation_expires_at) where status in ('PENDING_PAYMENT', 'PAYMENT_FAILED');

create table order_lines (
    order_id    uuid           not null references orders (id),
    line_number int            not null,
    sku         text           not null,
    product_id  uuid           not null,
    name        text           not null,
    unit_price  numeric(19, 4) not null,
    quantity    int            not null check (quantity > 0),
    primary key (order_id, line_number)
);

create table timeline (
    order_id uuid        not null references orders (id),
    sequence int         not null,
    at       timestamptz not null,
    status   text        not null,
    note     text,
    primary key (order_id, sequence)
);
