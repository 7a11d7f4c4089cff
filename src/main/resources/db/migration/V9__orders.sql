-- An order starts as the customer's draft and keeps its id through payment, fulfilment and refunds.
-- Numbers are given only when an order is paid, so abandoned drafts leave no gaps a customer sees.
create sequence order_numbers start with 100001;

create table orders (
    id                  uuid primary key,
    number              text unique,
    status              text        not null check (status in
        ('draft', 'awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'refunded')),
    payment_status      text check (payment_status in ('requires_action', 'processing', 'succeeded', 'failed')),
    -- module boundaries: customer, cart and payment are ids of other modules, not foreign keys
    customer_id         uuid,
    cart_id             uuid,
    email               text        not null check (length(email) <= 254),
    phone               text,
    address             jsonb       not null,
    shipping_code       text        not null,
    shipping_name       text        not null,
    coupon_code         text,
    currency            char(3)     not null,
    subtotal_minor      bigint      not null check (subtotal_minor >= 0),
    discount_minor      bigint      not null check (discount_minor >= 0),
    shipping_minor      bigint      not null check (shipping_minor >= 0),
    tax_minor           bigint      not null check (tax_minor >= 0),
    tax_rate            numeric(6, 3) not null,
    tax_inclusive       boolean     not null,
    total_minor         bigint      not null check (total_minor >= 0),
    refunded_minor      bigint      not null default 0 check (refunded_minor >= 0),
    -- every change of lines, address, shipping or coupon; a payment intent belongs to one revision
    revision            int         not null default 1,
    payment_id          uuid,
    provider_payment_id text,
    reserved_until      timestamptz,
    cancel_reason       text,
    tracking            jsonb,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    paid_at             timestamptz,
    fulfilled_at        timestamptz,
    closed_at           timestamptz,
    check ((number is null) = (status in ('draft', 'awaiting_payment')))
);
create index orders_customer_idx on orders (customer_id, paid_at desc) where number is not null;
create index orders_email_idx on orders (lower(email), paid_at desc) where number is not null;
create index orders_phone_idx on orders (phone, paid_at desc) where number is not null and phone is not null;
create index orders_status_idx on orders (status, paid_at desc) where number is not null;
create index orders_paid_idx on orders (paid_at desc) where number is not null;
create index orders_open_draft_by_cart_idx on orders (cart_id) where status in ('draft', 'awaiting_payment');
create index orders_payment_idx on orders (payment_id);

create table order_lines (
    id               uuid primary key,
    order_id         uuid    not null references orders (id) on delete cascade,
    position         int     not null,
    variant_id       uuid    not null,
    product_id       uuid    not null,
    sku              text    not null,
    product_name     text    not null,
    variant_name     text    not null,
    product_slug     text    not null,
    unit_price_minor bigint  not null check (unit_price_minor >= 0),
    quantity         int     not null check (quantity > 0),
    unique (order_id, variant_id)
);
create index order_lines_order_idx on order_lines (order_id, position);

create table order_returns (
    id          uuid primary key,
    order_id    uuid        not null references orders (id),
    line_id     uuid        not null references order_lines (id),
    quantity    int         not null check (quantity > 0),
    reason      text        not null check (length(reason) between 1 and 1000),
    status      text        not null check (status in ('requested', 'accepted', 'rejected')),
    note        text check (length(note) <= 1000),
    refund_id   uuid,
    created_at  timestamptz not null,
    decided_at  timestamptz,
    decided_by  uuid
);
create index order_returns_order_idx on order_returns (order_id, created_at);
create index order_returns_requested_idx on order_returns (created_at) where status = 'requested';
create index order_returns_line_idx on order_returns (line_id);

-- What happened to an order and who did it, for customers' timelines and operators' audits.
create table order_history (
    id         bigint generated always as identity primary key,
    order_id   uuid        not null references orders (id) on delete cascade,
    at         timestamptz not null,
    status     text        not null,
    note       text        not null,
    actor_id   uuid
);
create index order_history_order_idx on order_history (order_id, id);

-- Refunds operators asked for; the key makes a repeated request (same Idempotency-Key) count once.
create table order_refunds (
    id              uuid primary key,
    order_id        uuid        not null references orders (id),
    idempotency_key text        not null unique,
    amount_minor    bigint      not null check (amount_minor > 0),
    reason          text        not null check (length(reason) between 1 and 500),
    restocked       boolean     not null,
    payment_refund  uuid        not null,
    actor_id        uuid,
    created_at      timestamptz not null
);
create index order_refunds_order_idx on order_refunds (order_id, created_at);
