-- Drafts the nightly purge deleted after a payment was started for them (they took a hold): the
-- provider may still confirm such a payment (an old tab, a draft set aside when its customer signed
-- in), and a success that finds its draft here is refunded instead of being an unknown reference.
-- Kept for good: an intent does not expire by itself, and a row names no one.
create table purged_drafts (
    order_id  uuid primary key,
    purged_at timestamptz not null
);
