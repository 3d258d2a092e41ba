create table users (
    id            uuid primary key,
    email         text        not null unique,
    name          text        not null,
    password_hash text        not null,
    roles         text[]      not null,
    created_at    timestamptz not null
);

-- failed sign-ins per e-mail, counted over a sliding minute to throttle password guessing on every instance
create table failed_logins (
    email text        not null,
    at    timestamptz not null
);
create index failed_logins_by_email on failed_logins (email, at);
