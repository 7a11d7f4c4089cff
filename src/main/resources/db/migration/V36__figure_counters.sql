-- The dashboard's figures, counted where they happen instead of aggregated from the orders when read
-- (ADR 0028). One row per scope (the nil uuid for the whole shop, else a seller), metric, UTC hour and
-- slot: a writer picks one of a few slots at random, so concurrent payments in the same hour rarely
-- wait for each other's row; readers sum the slots. count and amount (minor units of the shop's
-- currency) are what the metric counts, e.g. orders.paid: paid orders and their totals.
create table figure_counters (
    scope  uuid        not null,
    metric text        not null check (length(metric) <= 60),
    hour   timestamptz not null check (date_trunc('hour', hour) = hour),
    slot   smallint    not null check (slot between 0 and 15),
    count  bigint      not null default 0,
    amount bigint      not null default 0,
    primary key (scope, metric, hour, slot)
) with (fillfactor = 70);

-- Which sellers an order paid (the sellers of its lines' products then) and what their lines were
-- paid: a seller's latest orders and its share of a refund.
create table order_sellers (
    order_id   uuid        not null references orders (id) on delete cascade,
    seller_id  uuid        not null,
    paid_at    timestamptz not null,
    paid_minor bigint      not null check (paid_minor >= 0),
    primary key (order_id, seller_id)
);
create index order_sellers_latest_idx on order_sellers (seller_id, paid_at desc, order_id);

-- Backfill from what exists. Orders that never were paid (paid and then found short of stock) count
-- as started checkouts only.
insert into order_sellers (order_id, seller_id, paid_at, paid_minor)
select ol.order_id, p.seller_id, o.paid_at, sum(coalesce(ol.paid_minor, ol.unit_price_minor * ol.quantity))
from orders o
         join order_lines ol on ol.order_id = o.id
         join products p on p.id = ol.product_id
where o.paid_at is not null
  and o.cancel_reason is distinct from 'stock_shortage'
group by ol.order_id, p.seller_id, o.paid_at;

insert into figure_counters (scope, metric, hour, slot, count, amount)
select '00000000-0000-0000-0000-000000000000', 'orders.paid', date_trunc('hour', paid_at), 0, count(*), sum(total_minor)
from orders
where paid_at is not null
  and cancel_reason is distinct from 'stock_shortage'
group by date_trunc('hour', paid_at);

insert into figure_counters (scope, metric, hour, slot, count, amount)
select seller_id, 'orders.paid', date_trunc('hour', paid_at), 0, count(*), sum(paid_minor)
from order_sellers
group by seller_id, date_trunc('hour', paid_at);

-- refunds when they were made: those the shop asked for, and what the provider reported beyond them
-- at the order's last change
with refunds as (
    select r.order_id, r.created_at as at, r.amount_minor as amount
    from order_refunds r
    union all
    select o.id, o.updated_at, o.refunded_minor - coalesce((select sum(amount_minor) from order_refunds r where r.order_id = o.id), 0)
    from orders o
    where o.refunded_minor > 0
      and o.cancel_reason is distinct from 'stock_shortage'),
     shop as (
         insert into figure_counters (scope, metric, hour, slot, count, amount)
             select '00000000-0000-0000-0000-000000000000', 'orders.refunded', date_trunc('hour', at), 0, count(*), sum(amount)
             from refunds
             where amount > 0
             group by date_trunc('hour', at))
insert
into figure_counters (scope, metric, hour, slot, count, amount)
select s.seller_id, 'orders.refunded', date_trunc('hour', r.at), 0, count(*),
       sum(floor(r.amount::numeric * s.paid_minor / nullif(o.total_minor, 0)))::bigint
from refunds r
         join orders o on o.id = r.order_id
         join order_sellers s on s.order_id = r.order_id
where r.amount > 0
group by s.seller_id, date_trunc('hour', r.at);

-- every order started as a checkout (a draft)
insert into figure_counters (scope, metric, hour, slot, count, amount)
select '00000000-0000-0000-0000-000000000000', 'orders.checkouts', date_trunc('hour', created_at), 0, count(*), 0
from orders
group by date_trunc('hour', created_at);

-- the carts that still exist (swept anonymous carts are gone)
insert into figure_counters (scope, metric, hour, slot, count, amount)
select '00000000-0000-0000-0000-000000000000', 'checkout.carts', date_trunc('hour', created_at), 0, count(*), 0
from carts
group by date_trunc('hour', created_at);
