-- Idempotency-Key per caller: the fingerprint of the request it was first used with, and the answer given.
create table idempotency_keys (
    caller       uuid        not null,
    key          text        not null,
    fingerprint  text        not null,
    status       int,
    body         text,
    location     text,
    started_at   timestamptz not null,
    completed_at timestamptz,
    primary key (caller, key)
);
create index idempotency_keys_by_age on idempotency_keys (started_at);
