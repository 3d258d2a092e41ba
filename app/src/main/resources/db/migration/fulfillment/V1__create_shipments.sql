create table shipments (
    id              uuid primary key,
    order_id        uuid        not null,
    status          text        not null check (status in ('SHIPPED', 'DELIVERED')),
    carrier         text        not null,
    tracking_number text        not null,
    shipped_at      timestamptz not null,
    shipped_by      text        not null,
    delivered_at    timestamptz
);
create index shipments_by_order on shipments (order_id, shipped_at);

create table shipment_lines (
    shipment_id uuid not null references shipments (id),
    sku         text not null,
    quantity    int  not null check (quantity > 0),
    primary key (shipment_id, sku)
);
