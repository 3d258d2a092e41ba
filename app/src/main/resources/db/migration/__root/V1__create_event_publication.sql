-- The Spring Modulith event publication registry: the transactional outbox every module publishes through.
create schema if not exists events;

create table events.event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on events.event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on events.event_publication (completion_date);
create index event_publication_incomplete_idx on events.event_publication (publication_date) where completion_date is null;
