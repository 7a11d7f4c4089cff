-- orders shipped in a period (ShippedOrders: the automation's nightly status update)
create index orders_fulfilled_idx on orders (fulfilled_at) where fulfilled_at is not null;
