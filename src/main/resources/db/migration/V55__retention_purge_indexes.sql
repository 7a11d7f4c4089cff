-- The nightly retention purges: each is one delete over one of these indexes.

-- payments: provider events processed before the cutoff
create index payment_events_processed_idx on payment_events (processed_at) where processed_at is not null;

-- identity: mailed tokens expired before the cutoff (every token expires, used or not)
create index user_tokens_expires_idx on user_tokens (expires_at);

-- orders: drafts never paid, untouched since the cutoff (those with a payment or a hold stay)
create index orders_abandoned_drafts_idx on orders (updated_at) where status = 'draft' and payment_id is null;

-- notifications: the development mailbox's mails before the cutoff use mailbox_messages_recent_idx;
-- automation: log lines use their primary key (time-ordered ids) and automation_logs' own index.
