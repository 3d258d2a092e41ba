create table intents (
    id              text primary key,
    idempotency_key text        not null unique,
    order_id        text        not null,
    amount          bigint      not null check (amount > 0),
    currency        char(3)     not null,
    token           text        not null,
    outcome         text        not null check (outcome in ('succeeded', 'failed')),
    failure_code    text,
    status          text        not null,
    captured        bigint      not null default 0,
    refunded        bigint      not null default 0,
    created_at      timestamptz not null,
    decided_at      timestamptz not null
);

-- capture, cancel and refund calls, by idempotency key: a replay answers the stored result
create table operations (
    idempotency_key text primary key,
    intent_id       text        not null,
    kind            text        not null,
    amount          bigint      not null,
    at              timestamptz not null
);

-- webhooks to send: one row per delivery (a duplicated event is two rows with the same event id)
create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    event_id        text        not null,
    payload         text        not null,
    due_at          timestamptz not null,
    attempts        int         not null default 0,
    delivered_at    timestamptz,
    last_status     int
);
create index webhook_deliveries_due on webhook_deliveries (due_at) where delivered_at is null;
