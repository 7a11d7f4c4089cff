-- Loyalty points: a balance per customer and the entries that made it. Customers and orders are
-- ids of other modules, not foreign keys.
create table loyalty_badges (
    code      text primary key,
    name      text   not null,
    threshold bigint not null unique check (threshold >= 0)
);
insert into loyalty_badges (code, name, threshold) values
    ('bronze', 'Bronze', 0),
    ('silver', 'Silver', 500),
    ('gold', 'Gold', 2000);

create table loyalty_accounts (
    user_id    uuid primary key,
    balance    bigint      not null default 0 check (balance >= 0),
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table loyalty_entries (
    id            uuid primary key,
    user_id       uuid        not null references loyalty_accounts (user_id),
    order_id      uuid        not null,
    order_number  text        not null,
    kind          text        not null check (kind in ('credit', 'refund', 'cancel')),
    -- what caused the entry: 'paid', 'refund-<refunded minor units so far>' or 'cancel'
    cause         text        not null,
    points        bigint      not null check (points <> 0),
    balance_after bigint      not null check (balance_after >= 0),
    created_at    timestamptz not null,
    unique (order_id, cause)
);
-- an order is credited once
create unique index loyalty_entries_one_credit_idx on loyalty_entries (order_id) where kind = 'credit';
create index loyalty_entries_history_idx on loyalty_entries (user_id, created_at desc, id desc);
