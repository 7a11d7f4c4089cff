-- Stock reservations: available = stock - reserved. `reserved` is the sum of the active reservations of
-- a variant, kept in step with stock_reservations by the stock module in the same transaction.
alter table variants
    add column reserved int not null default 0;
alter table variants
    add constraint variants_reserved_check check (reserved >= 0 and reserved <= stock);

create table stock_reservations (
    reservation_key text        not null check (length(reservation_key) between 1 and 200),
    variant_id      uuid        not null references variants (id),
    quantity        int         not null check (quantity > 0),
    expires_at      timestamptz not null,
    created_at      timestamptz not null,
    primary key (reservation_key, variant_id)
);
create index stock_reservations_expires_idx on stock_reservations (expires_at);
create index stock_reservations_variant_idx on stock_reservations (variant_id);

-- products.total_stock is what shoppers can buy: on hand minus reserved, over the active variants.
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
            set min_price   = agg.min_price,
                max_price   = agg.max_price,
                total_stock = agg.stock
            from (select min(price_minor) as min_price, max(price_minor) as max_price,
                         coalesce(sum(stock - reserved), 0) as stock
                  from variants
                  where product_id = affected
                    and active) agg
            where p.id = affected;
        end loop;
    return null;
end
$$;

drop trigger variants_refresh_product_prices on variants;
create trigger variants_refresh_product_prices
    after insert or update of price_minor, stock, reserved, active, product_id or delete
    on variants
    for each row
execute function refresh_product_prices();
