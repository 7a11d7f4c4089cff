-- A started payment reserves one use of its coupon until its stock hold expires (checkout's table).
-- A row outlives its expiry (it only stops counting), so a payment arriving late is counted under the
-- customer it was reserved for; it goes when the use is redeemed or released.
create table coupon_holds (
    order_id     uuid primary key,
    coupon_id    uuid        not null references coupons (id),
    customer_key text        not null,
    expires_at   timestamptz not null,
    created_at   timestamptz not null
);
create index coupon_holds_coupon_idx on coupon_holds (coupon_id, expires_at);

-- Once per customer is keyed by the normalised email, the account's for signed-in customers.
update coupon_redemptions r
set customer_key = lower(btrim(coalesce(u.email, o.email)))
from orders o
         left join users u on u.id = o.customer_id
where o.id = r.order_id;

-- Every stock hold taken by a payment start (orders' table): one per revision of a draft, counted
-- per draft and, while active, per client address.
create table payment_holds (
    order_id   uuid        not null references orders (id),
    revision   int         not null,
    client     text        not null check (length(client) <= 100),
    expires_at timestamptz not null,
    created_at timestamptz not null,
    primary key (order_id, revision)
);
create index payment_holds_client_idx on payment_holds (client, expires_at);
