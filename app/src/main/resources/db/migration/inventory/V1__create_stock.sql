create table stock_levels (
    sku                 text primary key,
    on_hand             int     not null default 0,
    reserved            int     not null default 0,
    allocated           int     not null default 0,
    low_stock_threshold int     not null,
    -- available <= threshold now, and whether the last change made it so (StockLow once per crossing)
    low                 boolean not null default false,
    crossed_low         boolean not null default false,
    constraint stock_never_negative check (on_hand >= 0 and reserved >= 0 and allocated >= 0),
    constraint stock_never_oversold check (on_hand - reserved - allocated >= 0)
);
create index stock_levels_low on stock_levels (sku) where low;

-- what each order holds, per SKU: reserved until paid, then allocated until shipped, or released
create table reservations (
    order_id   uuid        not null,
    sku        text        not null,
    quantity   int         not null check (quantity > 0),
    shipped    int         not null default 0 check (shipped >= 0 and shipped <= quantity),
    status     text        not null check (status in ('RESERVED', 'ALLOCATED', 'RELEASED')),
    expires_at timestamptz not null,
    primary key (order_id, sku)
);

create table movements (
    id        bigint generated always as identity primary key,
    at        timestamptz not null,
    sku       text        not null,
    delta     int         not null,
    reason    text        not null,
    reference text,
    actor     text        not null,
    note      text
);
create index movements_by_sku on movements (sku, at, id);
-- a shipment takes a SKU's stock once, however often its event is delivered
create unique index movements_shipped_once on movements (reference, sku) where reason = 'SHIPMENT';
