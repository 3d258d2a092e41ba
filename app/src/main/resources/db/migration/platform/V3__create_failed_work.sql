-- Background work that failed (an outbox publication, an order's expiry, a refund): how often, why, and when it may be
-- tried again; parked (parked_at set) after too many attempts, until an admin asks for another try. A row exists only
-- while the work keeps failing, so the table holds the failures, not the work.
create table failed_work (
    id          uuid        primary key,
    kind        text        not null,
    key         text        not null,
    reference   text,
    -- the outbox publication the work is, if it is one: its row goes once the publication has completed
    publication uuid,
    attempts    int         not null,
    last_error  text        not null,
    since       timestamptz not null,
    next_try_at timestamptz not null,
    parked_at   timestamptz,
    unique (kind, key)
);
create index failed_work_parked on failed_work (parked_at, id) where parked_at is not null;
