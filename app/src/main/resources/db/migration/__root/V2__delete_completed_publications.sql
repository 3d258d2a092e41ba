-- Completed publications are now deleted as they complete (spring.modulith.events.completion-mode: delete, ADR 0004);
-- the ones kept by earlier versions (for a week) would otherwise stay for good.
delete from events.event_publication where completion_date is not null;
