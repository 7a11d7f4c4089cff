-- Indexes of the console's people pages.
-- The console lists the paid orders that used a coupon, latest first.
create index coupon_redemptions_latest_idx on coupon_redemptions (coupon_id, redeemed_at desc, order_id desc);

-- The console's search box finds products of any status by a part of their name.
create index products_name_any_trgm_idx on products using gin (lower(name) gin_trgm_ops);
