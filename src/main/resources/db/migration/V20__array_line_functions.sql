-- Statements that take their lines as arrays (stock deltas, reservation lines, units leaving a cart)
-- read them through these functions rather than through unnest(). unnest() tells the planner how
-- long the array of each call is, so PostgreSQL planned such a statement anew on every call (the
-- plan for that length cost more than running it); with a fixed row estimate every call plans the
-- same, and the server keeps one plan. STRICT also keeps PostgreSQL from inlining them, which would
-- bring unnest()'s estimate back.
create function variant_quantities(variant_ids uuid[], quantities int[])
    returns table (variant_id uuid, quantity int)
    language sql immutable strict parallel safe rows 2
as 'select * from unnest(variant_ids, quantities)';

create function variant_deltas(variant_ids uuid[], stock_deltas int[], reserved_deltas int[])
    returns table (variant_id uuid, stock_delta int, reserved_delta int)
    language sql immutable strict parallel safe rows 2
as 'select * from unnest(variant_ids, stock_deltas, reserved_deltas)';
