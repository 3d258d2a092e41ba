create table audit_log (
    id       bigint generated always as identity primary key,
    at       timestamptz not null,
    actor    text        not null,
    action   text        not null,
    resource text        not null
);
create index audit_log_by_time on audit_log (at desc, id desc);
