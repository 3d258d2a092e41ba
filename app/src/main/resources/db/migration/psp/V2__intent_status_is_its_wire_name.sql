-- An intent's stored status is an IntentStatus's wire name: 'processing' until a capture or cancel moves it (its
-- outcome shows from decided_at on), then 'captured' or 'canceled'. It was 'created' for the first of these.
update intents set status = 'processing' where status = 'created';
alter table intents add constraint intent_status_known check (status in ('processing', 'captured', 'canceled'));
