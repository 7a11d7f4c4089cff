-- Bulk order history for load/figures-bench.sh (psql, variables: orders, days). Writes :orders paid
-- orders with one line each over the last :days days (2 % of them refunded a day later), the sellers of
-- their lines and the dashboard's counters for them, spread over the 8 slots writers use, plus
-- product views, carts and checkouts in proportion. Nothing goes through the application: it is the
-- shape a shop has after a year of trade, made in a few minutes.
\set ON_ERROR_STOP on
\timing on

set synchronous_commit = off;

create temp table pool as
select row_number() over (order by v.id) as n, v.id as variant_id, v.product_id, p.seller_id, v.sku,
       p.name as product_name, v.name as variant_name, p.slug, v.price_minor
from variants v
         join products p on p.id = v.product_id
where v.active and p.status = 'active';
select count(*) as pool_size from pool \gset

create temp table bench_orders as
select g,
       gen_random_uuid() as id,
       p.variant_id, p.product_id, p.seller_id, p.sku, p.product_name, p.variant_name, p.slug, p.price_minor,
       1 + (g % 3) as quantity,
       p.price_minor * (1 + (g % 3)) as lines_minor,
       case when p.price_minor * (1 + (g % 3)) >= 5000 then 0 else 490 end as shipping_minor,
       date_trunc('second', now() - random() * make_interval(days => :days)) as paid_at,
       g % 50 = 0 as refunded
from generate_series(1, :orders) g
         join pool p on p.n = 1 + (g::bigint * 7919) % :pool_size;

insert into orders (id, number, status, payment_status, email, address, shipping_code, shipping_name, currency,
                    subtotal_minor, discount_minor, shipping_minor, tax_minor, tax_rate, tax_inclusive, total_minor,
                    refunded_minor, created_at, updated_at, paid_at, fulfilled_at, closed_at)
select id, 'B' || g, case when refunded then 'refunded' when g % 4 = 0 then 'fulfilled' else 'paid' end, 'succeeded',
       'bench-' || (g % 50000) || '@example.com',
       '{"name": "Bench Buyer", "line1": "Hauptstraße 1", "city": "Berlin", "postal_code": "10115", "country": "DE"}',
       'standard', 'Standard', 'EUR', lines_minor, 0, shipping_minor, lines_minor * 19 / 119, 19.000, true,
       lines_minor + shipping_minor, case when refunded then lines_minor + shipping_minor else 0 end,
       paid_at - interval '5 minutes', paid_at, paid_at, case when g % 4 = 0 then paid_at + interval '1 day' end,
       case when refunded then paid_at + interval '1 day' end
from bench_orders;

insert into order_lines (id, order_id, position, variant_id, product_id, sku, product_name, variant_name, product_slug,
                         unit_price_minor, quantity, paid_minor, refunded_quantity)
select gen_random_uuid(), id, 0, variant_id, product_id, sku, product_name, variant_name, slug, price_minor, quantity,
       lines_minor, case when refunded then quantity else 0 end
from bench_orders;

insert into order_sellers (order_id, seller_id, paid_at, paid_minor, refunded_minor)
select id, seller_id, paid_at, lines_minor, case when refunded then lines_minor else 0 end
from bench_orders;

-- the counters, each hour's spread over the 8 slots as concurrent writers leave them
create temp table bench_counts (scope uuid, metric text, hour timestamptz, count bigint, amount bigint);
insert into bench_counts
select '00000000-0000-0000-0000-000000000000', 'orders.paid', date_trunc('hour', paid_at), count(*),
       sum(lines_minor + shipping_minor)
from bench_orders
group by 3;
insert into bench_counts
select seller_id, 'orders.paid', date_trunc('hour', paid_at), count(*), sum(lines_minor)
from bench_orders
group by 1, 3;
insert into bench_counts
select '00000000-0000-0000-0000-000000000000', 'orders.refunded', date_trunc('hour', paid_at + interval '1 day'),
       count(*), sum(lines_minor + shipping_minor)
from bench_orders
where refunded
group by 3;
insert into bench_counts
select seller_id, 'orders.refunded', date_trunc('hour', paid_at + interval '1 day'), count(*), sum(lines_minor)
from bench_orders
where refunded
group by 1, 3;
-- the funnel: 40 views, 4 carts and 2 checkouts per paid order
insert into bench_counts
select '00000000-0000-0000-0000-000000000000', m.metric, date_trunc('hour', paid_at), count(*) * m.factor, 0
from bench_orders,
     (values ('catalog.views', 40), ('checkout.carts', 4), ('orders.checkouts', 2)) as m (metric, factor)
group by m.metric, m.factor, 3;
insert into bench_counts
select seller_id, 'catalog.views', date_trunc('hour', paid_at), count(*) * 40, 0
from bench_orders
group by 1, 3;

insert into figure_counters (scope, metric, hour, slot, count, amount)
select scope, metric, hour, slot,
       count / 8 + case when slot = 0 then count % 8 else 0 end,
       amount / 8 + case when slot = 0 then amount % 8 else 0 end
from bench_counts,
     generate_series(0, 7) as slot
on conflict (scope, metric, hour, slot) do update
    set count  = figure_counters.count + excluded.count,
        amount = figure_counters.amount + excluded.amount;

-- some variants run low, as in a shop in service
update variants set stock = (abs(hashtext(id::text)) % 6) where abs(hashtext(id::text)) % 20 = 0 and reserved = 0;

vacuum (analyze) orders, order_lines, order_sellers, figure_counters, variants, products;

select count(*) as orders from orders;
select count(*) as counter_rows from figure_counters;
