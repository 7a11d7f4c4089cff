-- Carts: a signed-in user's (user_id) or an anonymous one named by a cookie, of which only the SHA-256 is kept.
-- user_id points at an identity account and variant_id at a catalog variant; modules do not share foreign keys.
create table carts (
    id         uuid primary key,
    user_id    uuid unique,
    token_hash bytea unique check (token_hash is null or length(token_hash) = 32),
    currency   char(3)     not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check ((user_id is null) <> (token_hash is null))
);
-- the sweep of abandoned anonymous carts
create index carts_anonymous_updated_idx on carts (updated_at) where user_id is null;

create table cart_lines (
    id         uuid primary key,
    cart_id    uuid        not null references carts (id) on delete cascade,
    variant_id uuid        not null,
    quantity   int         not null check (quantity > 0),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    -- also serves every look-up of a cart's lines
    unique (cart_id, variant_id)
);

create table coupons (
    id                 uuid primary key,
    code               text        not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{2,31}$'),
    kind               text        not null check (kind in ('percent', 'fixed')),
    percent            int check (percent between 1 and 100),
    amount_minor       bigint check (amount_minor > 0),
    currency           char(3)     not null,
    min_subtotal_minor bigint      not null default 0 check (min_subtotal_minor >= 0),
    starts_at          timestamptz not null,
    ends_at            timestamptz,
    usage_cap          int check (usage_cap > 0),
    used_count         int         not null default 0 check (used_count >= 0),
    once_per_customer  boolean     not null default false,
    active             boolean     not null default true,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    check ((kind = 'percent' and percent is not null and amount_minor is null)
        or (kind = 'fixed' and amount_minor is not null and percent is null)),
    check (ends_at is null or ends_at > starts_at)
);
create unique index coupons_code_uq on coupons (lower(code));
create index coupons_newest_idx on coupons (created_at desc, id desc);

-- One row per paid order that used a coupon; order_id points at the orders module.
create table coupon_redemptions (
    coupon_id    uuid        not null references coupons (id),
    order_id     uuid        not null unique,
    customer_key text        not null,
    redeemed_at  timestamptz not null
);
create index coupon_redemptions_customer_idx on coupon_redemptions (coupon_id, customer_key);
