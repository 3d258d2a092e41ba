-- Two of the registry's indexes are written for every publication and read by nothing here:
-- - completion_date: completed publications are deleted as they complete (V2, ADR 0004), so no row has one;
-- - the hash of serialized_event: listeners complete their publications by id (the registry knows the id of every
--   publication in progress); Modulith falls back to matching the event's text only for a publication it does not
--   hold in memory, and then scans a table that holds only the work in flight.
-- Each cost an index insertion and a WAL record per publication, four publications per order (ADR 0004).
drop index if exists events.event_publication_by_completion_date_idx;
drop index if exists events.event_publication_serialized_event_hash_idx;
