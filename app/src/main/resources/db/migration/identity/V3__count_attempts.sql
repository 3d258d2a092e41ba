-- attempts per key (a sign-in per e-mail and client address, sign-ins and registrations per client address) in fixed
-- windows, one row per key, counted with one atomic upsert on every instance; replaces a row per failed sign-in
drop table failed_logins;
create table attempts (
    key        text        primary key,
    count      int         not null,
    expires_at timestamptz not null
);
create index attempts_by_expiry on attempts (expires_at);
