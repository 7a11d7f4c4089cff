-- The nightly inbox purge also deletes deliveries whose job never finished (a dead letter keeps the
-- customer's text) once they are as old as the retention, and the statuses of messages this shop
-- never recorded (sent by automation, or of conversations purged or erased since).
create index whatsapp_inbox_unprocessed_idx on whatsapp_inbox (received_at) where processed_at is null;
create index whatsapp_early_statuses_at_idx on whatsapp_early_statuses (at);
