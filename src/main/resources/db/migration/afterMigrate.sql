-- Runs after every migration (a Flyway callback, not a versioned migration): gives every table that
-- was never analyzed its statistics, which for a new table says "empty". Without them the planner
-- assumes at least 10 pages for such a table, and a connection that prepares a statement in that
-- state keeps an inflated cost for the statement's generic plan. Once the table has real statistics
-- its custom plans look cheaper than that stale figure, so PostgreSQL plans the statement anew on
-- every execution for the life of the connection (0.1-0.3 ms per order read; docs/benchmarks.md).
-- With the statistics of an empty table the planner sizes the table by its actual pages instead.
do $$
declare
    never_analyzed regclass;
begin
    for never_analyzed in
        select c.oid::regclass
        from pg_class c
        where c.relnamespace = current_schema()::regnamespace
          and c.relkind in ('r', 'p')
          and c.reltuples < 0
    loop
        execute format('analyze %s', never_analyzed);
    end loop;
end
$$;
