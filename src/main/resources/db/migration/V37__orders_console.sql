-- The console's order search: orders by a seller's products (their lines by product), and the list
-- sorted by total or status within the placed orders.
create index order_lines_product_idx on order_lines (product_id, order_id);
create index orders_total_idx on orders (total_minor desc, id desc) where number is not null;
create index orders_status_sort_idx on orders (status, id desc) where number is not null;
