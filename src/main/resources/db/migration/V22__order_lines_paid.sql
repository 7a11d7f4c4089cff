-- What the customer pays for each line (its price less its share of the order's discounts, plus its
-- share of the tax when prices exclude tax; shipping stays with the order), so a return refunds what
-- was paid for the units, and how many of the line's units were paid back.
alter table order_lines
    add column paid_minor bigint,
    add column refunded_quantity int not null default 0;

-- Splits an amount in proportion to weights by largest remainder, earlier parts first on ties, as
-- the application does (DraftContent, Shares); used only to fill in the existing lines.
create function pg_temp.shares(amount bigint, weights bigint[]) returns bigint[]
    language plpgsql immutable
as $$
declare
    n int := coalesce(array_length(weights, 1), 0);
    total numeric := 0;
    result bigint[] := array_fill(0::bigint, array[n]);
    remainders numeric[] := array_fill(0::numeric, array[n]);
    left_over bigint := amount;
    part int;
begin
    if amount = 0 or n = 0 then
        return result;
    end if;
    for part in 1..n loop
        total := total + weights[part];
    end loop;
    if total = 0 then
        raise exception 'cannot split % by weights that are all zero', amount;
    end if;
    for part in 1..n loop
        result[part] := floor(amount::numeric * weights[part] / total);
        remainders[part] := amount::numeric * weights[part] - result[part] * total;
        left_over := left_over - result[part];
    end loop;
    for part in
        select r.part from unnest(remainders) with ordinality as r (remainder, part)
        order by r.remainder desc, r.part limit left_over
    loop
        result[part] := result[part] + 1;
    end loop;
    return result;
end
$$;

do $$
declare
    o record;
    ids uuid[];
    line_values bigint[];
    discounts bigint[];
    parts bigint[];
    taxes bigint[];
    n int;
begin
    for o in
        select id, subtotal_minor, discount_minor, shipping_minor, total_minor from orders
        where exists (select 1 from order_lines l where l.order_id = orders.id)
    loop
        select array_agg(l.id order by l.position), array_agg(l.unit_price_minor * l.quantity order by l.position)
        into ids, line_values
        from order_lines l where l.order_id = o.id;
        n := array_length(ids, 1);
        discounts := pg_temp.shares(o.discount_minor, line_values);
        parts := array(select line_values[i] - discounts[i] from generate_series(1, n) as i) || o.shipping_minor;
        taxes := pg_temp.shares(o.total_minor - (o.subtotal_minor - o.discount_minor) - o.shipping_minor, parts);
        update order_lines l set paid_minor = parts[i] + taxes[i]
        from generate_series(1, n) as i where l.id = ids[i];
    end loop;
end
$$;

-- units given back with a refund before lines counted them
update order_lines l set refunded_quantity = r.units
from (select line_id, sum(quantity) as units from order_returns
      where status = 'accepted' and refund_id is not null group by line_id) as r
where l.id = r.line_id;

alter table order_lines
    alter column paid_minor set not null,
    add constraint order_lines_paid_check check (paid_minor >= 0),
    add constraint order_lines_refunded_quantity_check check (refunded_quantity between 0 and quantity);
