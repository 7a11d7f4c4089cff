-- Every reservation and sale rewrites a variant's stock or reserved, but its product's derived
-- columns (price range, in-stock flag) can only move when the variant's price, active flag or product
-- changes, or when it starts or stops having stock available. The trigger function ran (a PL/pgSQL
-- call and an aggregate over the product's variants) for every such write; a WHEN condition, checked
-- without calling it, now skips the writes that cannot change the product.
drop trigger variants_refresh_product_prices on variants;

create trigger variants_refresh_product_prices
    after insert or delete
    on variants
    for each row
execute function refresh_product_prices();

create trigger variants_refresh_product_prices_on_update
    after update of price_minor, stock, reserved, active, product_id
    on variants
    for each row
    when (old.price_minor is distinct from new.price_minor
        or old.active is distinct from new.active
        or old.product_id is distinct from new.product_id
        or (old.stock - old.reserved > 0) is distinct from (new.stock - new.reserved > 0))
execute function refresh_product_prices();
