-- Facet counting reads only these columns: an index-only scan instead of reading whole product rows.
create index products_active_facets_idx on products (category_id, min_price) include (total_stock) where status = 'active';
