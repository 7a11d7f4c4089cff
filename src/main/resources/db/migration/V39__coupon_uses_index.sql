-- The console lists the paid orders that used a coupon, latest first.
create index coupon_redemptions_latest_idx on coupon_redemptions (coupon_id, redeemed_at desc, order_id desc);
