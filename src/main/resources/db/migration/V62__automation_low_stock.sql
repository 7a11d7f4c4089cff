-- Which variants are below the low-stock level now, and how often each has gone below it: the
-- stock.low event fires once per dip (its key carries the dip's number), not once ever per level.
create table automation_low_stock (
    variant_id uuid primary key,
    dips       bigint  not null,
    low        boolean not null
);
