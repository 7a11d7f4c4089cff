-- Recommendations learn from paid orders: what each counted order contributed (so a refund or a
-- cancellation takes exactly that back, and counting an order twice changes nothing), how many such
-- orders bought two products together, and units sold per product and day. Products, orders and
-- users are ids of other modules, not foreign keys.
create table recommendation_orders (
    order_id   uuid primary key,
    paid_on    date   not null,
    -- distinct products of the order and the units of each that still count (refunds taken off)
    products   uuid[] not null,
    units      int[]  not null,
    check (cardinality(products) = cardinality(units))
);

create table recommendation_pairs (
    product_id uuid not null,
    other_id   uuid not null,
    orders     int  not null check (orders >= 0),
    primary key (product_id, other_id)
);
-- "bought together": the most frequent partners of one product
create index recommendation_pairs_top_idx on recommendation_pairs (product_id, orders desc, other_id);

create table recommendation_sales (
    product_id uuid not null,
    day        date not null,
    units      int  not null check (units >= 0),
    primary key (day, product_id)
);

-- Whether the orders paid before this module existed have been counted, and how far that got.
create table recommendation_backfill (
    id          boolean primary key default true check (id),
    after_order uuid,
    finished_at timestamptz
);
insert into recommendation_backfill (id) values (true);

-- The products a signed-in shopper looked at last, newest first; kept to the last 20 by the writer.
create table recently_viewed (
    user_id    uuid        not null,
    product_id uuid        not null,
    viewed_at  timestamptz not null,
    primary key (user_id, product_id)
);
create index recently_viewed_user_idx on recently_viewed (user_id, viewed_at desc);

-- The catalog's cards of a product's category neighbours (ProductCards.sameCategory): in stock
-- first, then newest, read in index order instead of sorting the whole category.
create index products_active_category_stock_idx on products (category_id, in_stock desc, created_at desc, id)
    where status = 'active';
