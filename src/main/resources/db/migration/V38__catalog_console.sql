-- The console's product list: every status, newest change first, by seller, by category, by name
-- (the shop's indexes cover active products only).
create index products_updated_idx on products (updated_at desc, id desc);
create index products_seller_updated_idx on products (seller_id, updated_at desc, id desc);
create index products_category_all_idx on products (category_id, updated_at desc);
create index products_name_all_trgm_idx on products using gin (name gin_trgm_ops);
create index products_name_order_idx on products (name, id);

-- The price a variant was sold at before ("compare at"), shown struck through; null when none.
alter table variants
    add column compare_at_minor bigint check (compare_at_minor between 0 and 100000000000);
