-- The abandoned-drafts purge takes drafts awaiting a payment untouched since the cutoff too (no card
-- authorisation stays pending that long): its index covers both, under the same name.
drop index orders_abandoned_drafts_idx;
create index orders_abandoned_drafts_idx on orders (updated_at)
    where status = 'draft' and payment_id is null or status = 'awaiting_payment';
