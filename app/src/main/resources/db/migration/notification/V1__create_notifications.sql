-- one row per change and channel: the unique dedupe key makes a redelivered event a no-op
create table notifications (
    id              uuid primary key,
    dedupe_key      text        not null,
    channel         text        not null,
    recipient       uuid        not null,
    recipient_email text        not null,
    type            text        not null,
    order_id        uuid,
    subject         text        not null,
    body            text        not null,
    status          text        not null check (status in ('LOGGED', 'PENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    unique (dedupe_key, channel, recipient)
);
create index notifications_feed on notifications (recipient, created_at desc);
create index notifications_to_send on notifications (next_attempt_at) where status = 'PENDING';

create table subscriptions (
    id         uuid primary key,
    url        text        not null,
    events     text[]      not null,
    secret     text        not null,
    active     boolean     not null default true,
    created_at timestamptz not null
);

-- one outgoing event per change, with an id that stays the same over every retry and every subscriber
create table webhook_events (
    id         uuid primary key,
    dedupe_key text        not null unique,
    type       text        not null,
    payload    text        not null,
    created_at timestamptz not null
);

create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    event_id        uuid        not null references webhook_events (id),
    subscription_id uuid        not null references subscriptions (id),
    due_at          timestamptz not null,
    attempts        int         not null default 0,
    delivered_at    timestamptz,
    gave_up_at      timestamptz,
    unique (event_id, subscription_id)
);
create index webhook_deliveries_due on webhook_deliveries (due_at) where delivered_at is null and gave_up_at is null;

create table delivery_attempts (
    id              bigint generated always as identity primary key,
    subscription_id uuid        not null,
    event_id        uuid        not null,
    type            text        not null,
    attempt         int         not null,
    status          int         not null,
    at              timestamptz not null
);
create index delivery_attempts_by_subscription on delivery_attempts (subscription_id, id desc);
