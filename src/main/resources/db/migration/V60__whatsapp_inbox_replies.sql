-- A turn's replies are sent by the turn's own job right after its transaction; the batch is kept on
-- the delivery so that the job, run again after a crash between the two, sends what is still queued.
alter table whatsapp_inbox add column replies jsonb;
