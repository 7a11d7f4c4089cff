-- carts of a channel other than the shop's pages (a WhatsApp chat): no user and no cookie, addressed
-- by id, swept after their own, longer lifetime (dukkan.checkout.channel-cart-lifetime)
alter table carts add column channel boolean not null default false;
alter table carts drop constraint carts_check;
alter table carts add constraint carts_owner_check check (num_nonnulls(user_id, token_hash) + channel::int = 1);

-- the sweeps: anonymous carts by their cookie's lifetime, channel carts by theirs
drop index carts_anonymous_updated_idx;
create index carts_anonymous_updated_idx on carts (updated_at) where token_hash is not null;
create index carts_channel_updated_idx on carts (updated_at) where channel;
