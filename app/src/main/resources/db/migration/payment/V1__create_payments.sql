-- one row per payment attempt of an order (checkout, then each retry after a failure)
create table payments (
    id             uuid primary key,
    order_id       uuid           not null,
    attempt_key    text           not null,
    status         text           not null check (status in ('PENDING', 'AUTHORIZED', 'FAILED', 'VOIDED')),
    amount         numeric(19, 4) not null,
    currency       char(3)        not null,
    token          text           not null,
    intent_id      text unique,
    failure_code   text,
    void_requested boolean        not null default false,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null,
    unique (order_id, attempt_key)
);
create index payments_by_order on payments (order_id, created_at desc);

create table captures (
    reference  text primary key,
    payment_id uuid           not null references payments (id),
    amount     numeric(19, 4) not null check (amount > 0),
    status     text           not null check (status in ('PENDING', 'DONE')),
    created_at timestamptz    not null
);
create index captures_by_payment on captures (payment_id);

create table refunds (
    id         uuid primary key,
    payment_id uuid           not null references payments (id),
    amount     numeric(19, 4) not null check (amount > 0),
    reason     text           not null,
    status     text           not null check (status in ('PENDING', 'SUCCEEDED')),
    created_at timestamptz    not null
);
create index refunds_by_payment on refunds (payment_id);

-- provider events already handled: a replay is answered 200 and changes nothing
create table webhook_events (
    event_id    text primary key,
    received_at timestamptz not null
);
