-- Listings only ask whether a product can be bought (in_stock filter and flag), never how many units
-- it has. Keeping a running total on the product row rewrote that row, and all its indexes (the GIN
-- search indexes included: total_stock sat in the facets index), on every reservation and sale. The
-- product row now changes only when its price range or its in-stock flag changes.
alter table products add column in_stock boolean not null default false;
update products set in_stock = total_stock > 0;

drop index products_active_facets_idx;
alter table products drop column total_stock;
create index products_active_facets_idx on products (category_id, min_price) include (in_stock) where status = 'active';

create or replace function refresh_product_prices() returns trigger
    language plpgsql as
$$
declare
    affected uuid;
begin
    -- Bulk loaders that write the derived columns themselves switch this off for their transaction.
    if current_setting('dukkan.defer_price_refresh', true) = 'on' then
        return null;
    end if;
    for affected in
        select distinct pid
        from unnest(array [
            case when tg_op <> 'INSERT' then old.product_id end,
            case when tg_op <> 'DELETE' then new.product_id end]) as pid
        where pid is not null
        loop
            update products p
            set min_price = agg.min_price,
                max_price = agg.max_price,
                in_stock  = agg.in_stock
            from (select min(price_minor) as min_price, max(price_minor) as max_price,
                         coalesce(bool_or(stock - reserved > 0), false) as in_stock
                  from variants
                  where product_id = affected
                    and active) agg
            where p.id = affected
              and (p.min_price, p.max_price, p.in_stock) is distinct from (agg.min_price, agg.max_price, agg.in_stock);
        end loop;
    return null;
end
$$;
