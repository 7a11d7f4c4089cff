#!/usr/bin/env bash
# Dashboard figures benchmark: starts the shop on a fresh embedded PostgreSQL with a seeded catalog,
# writes 1,000,000 paid orders over the last year straight into the database (load/figures-data.sql:
# bulk SQL, not the API) with their counters, then measures the console's dashboard (/admin, its
# live fragment) and the figures API as the administrator and as a seller, one request at a time
# (p50/p95 against the 200 ms target), prints EXPLAIN ANALYZE of the figure queries and the cost of
# the counters' statements on the payment path. See docs/benchmarks.md, "Dashboard figures".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
BENCH_NAME=figures-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
PRODUCTS=2000
ORDERS=1000000
DAYS=365
REQUESTS=200
WARMUP=50
PORT=""
DATA_DIR=""
KEEP_DATA=0
FOLD=1
APP_ARGS=()
START_TIMEOUT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF2
Usage: load/figures-bench.sh [options]

Creates a shop with --orders paid orders (bulk SQL) and measures the dashboard's figures: GET /admin
(today, 30 days), its fragment, and /api/v1/admin/figures/{summary,series,funnel,low-stock}, as the
administrator and as a seller; PASS when every p95 is under 200 ms.

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --products N          products seeded at start-up (default $PRODUCTS)
  --orders N            paid orders written (default $ORDERS)
  --days N              over the last N days (default $DAYS)
  --requests N          measured requests per target and role (default $REQUESTS)
  --warmup N            requests before measuring, per target and role (default $WARMUP)
  --port N              HTTP port of the app (default: a free port)
  --keep-data           keep the fresh data directory
  --no-fold             measure the counters as written, every hour's 8 slots (the job that folds them
                        every 10 minutes has not run): the worst case of a read
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app (default $START_TIMEOUT)
  -h, --help            this text

Environment: JAVA_HOME, JAVA_OPTS (default: $DEFAULT_JAVA_OPTS).
Results (summary, EXPLAIN ANALYZE, payment-path cost, app log) are kept in var/figures-<timestamp>/.
Needs psql (apt-get install -y postgresql-client).
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF2
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --orders) need_value "$@"; ORDERS=$2; shift ;;
    --days) need_value "$@"; DAYS=$2; shift ;;
    --requests) need_value "$@"; REQUESTS=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --no-fold) FOLD=0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
bench_check_counts "$PRODUCTS" "$ORDERS" "$DAYS" "$REQUESTS" "$WARMUP" "$START_TIMEOUT"
command -v psql >/dev/null || die "psql is needed (apt-get install -y postgresql-client)"

bench_require_tools --without-wrk
bench_find_java
bench_init_run_dir figures

ADMIN_EMAIL=admin@bench.dukkan.local
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD

bench_ready_fallback() { (($(bench_catalog_total) >= $1)); }

bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" --dukkan.seed.demo-orders=0
bench_wait_ready "$PRODUCTS"
log "ready after $((SECONDS - APP_START)) s"

PG_PORT=$(sed -n 4p "$DATA_DIR/postmaster.pid")
PG_HOST=$(sed -n 5p "$DATA_DIR/postmaster.pid")
sql() { PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "${PG_HOST:-127.0.0.1}" -p "$PG_PORT" -U postgres -d dukkan "$@"; }

# ---------------------------------------------------------------- the order history
log "writing $ORDERS orders over $DAYS days (load/figures-data.sql)"
started=$SECONDS
sql -v orders="$ORDERS" -v days="$DAYS" -f "$LOAD/figures-data.sql" >"$RUN_DIR/data.txt" 2>&1 ||
  { tail -n 20 "$RUN_DIR/data.txt" >&2; die "writing the orders failed"; }
log "written in $((SECONDS - started)) s: $(grep -A2 ' orders' "$RUN_DIR/data.txt" | tr -s ' \n' ' ' | head -c 200)"

# what the recurring job compact-figure-counters does every 10 minutes in a running shop: the slots
# of the hours that ended over an hour ago folded into one row each (JdbcFigureCounters.compact)
if ((FOLD)); then
  started=$SECONDS
  sql -c "with folded as (delete from figure_counters where hour < date_trunc('hour', now()) - interval '1 hour'
            and slot > 0 returning scope, metric, hour, count, amount)
          insert into figure_counters (scope, metric, hour, slot, count, amount)
          select scope, metric, hour, 0, sum(count), sum(amount) from folded group by 1, 2, 3 order by 1, 2, 3
          on conflict (scope, metric, hour, slot) do update
            set count = figure_counters.count + excluded.count, amount = figure_counters.amount + excluded.amount" >/dev/null
  sql -c "vacuum (analyze) figure_counters" >/dev/null
  log "counters folded in $((SECONDS - started)) s: $(sql -At -c 'select count(*) from figure_counters') rows"
fi

# the seller with the most orders signs in with the administrator's password (same hash)
SELLER=$(sql -At -c "select seller_id from order_sellers group by 1 order by count(*) desc limit 1")
SELLER_EMAIL=$(sql -At -c "select email from users where id = '$SELLER'")
sql -c "update users set password_hash = (select password_hash from users where email = '$ADMIN_EMAIL')
        where id = '$SELLER'" >/dev/null
log "seller $SELLER_EMAIL: $(sql -At -c "select count(*) from order_sellers where seller_id = '$SELLER'") orders"

# ---------------------------------------------------------------- render times
log "measuring: $WARMUP warm-up and $REQUESTS measured requests per target and role"
set +e
(cd "$LOAD" && python3 figures_bench.py "$BASE_URL" "$ADMIN_EMAIL" "$SELLER_EMAIL" "$ADMIN_PASSWORD" \
  "$REQUESTS" "$WARMUP" "$RUN_DIR/summary.txt")
VERDICT=$?
set -e
[[ $VERDICT == 0 || $VERDICT == 3 ]] || die "the measurement did not complete"

# ---------------------------------------------------------------- query plans
NOW=$(date -u +%Y-%m-%dT%H:00:00Z)
{
  for scope in "00000000-0000-0000-0000-000000000000" "$SELLER"; do
    echo "### counters of 30 days, scope $scope"
    sql -c "explain (analyze, buffers) select metric, hour, sum(count) as count, sum(amount) as amount
      from figure_counters where scope = '$scope' and metric = any('{orders.paid,orders.refunded,orders.checkouts}')
        and hour >= timestamptz '$NOW' - interval '30 days' and hour < timestamptz '$NOW' + interval '1 day'
      group by metric, hour order by hour, metric"
  done
  echo "### latest orders, whole shop"
  sql -c "explain (analyze, buffers) select number, paid_at, status, total_minor, currency from orders
      where number is not null and paid_at is not null order by paid_at desc limit 10"
  echo "### latest orders, seller"
  sql -c "explain (analyze, buffers) select o.number, s.paid_at, o.status, s.paid_minor, o.currency
      from order_sellers s join orders o on o.id = s.order_id where s.seller_id = '$SELLER'
      order by s.paid_at desc limit 10"
  for filter in "" "and p.seller_id = '$SELLER'"; do
    echo "### low stock ${filter:+(seller)}"
    sql -c "explain (analyze, buffers) select v.id, v.product_id, p.name, v.sku, v.name, v.stock, v.reserved
      from variants v join products p on p.id = v.product_id
      where v.active and p.status <> 'archived' and v.stock - v.reserved <= 5 $filter
      order by v.stock - v.reserved, lower(v.sku) limit 10"
  done
} >"$RUN_DIR/explain.txt" 2>&1
log "query plans in ${RUN_DIR#"$ROOT"/}/explain.txt"

# ---------------------------------------------------------------- the payment path's extra work
# What SalesCounting.paid adds to a payment's transaction, in the database: the sellers of the lines
# (Stock.variants), the order_sellers row and the counters' upsert (shop + seller), 2,000 times in
# one session, against the same hour's rows as a live shop.
sql >"$RUN_DIR/payment-path.txt" 2>&1 <<SQL
\timing on
create temp table probe as select o.id as order_id, ol.variant_id from orders o join order_lines ol on ol.order_id = o.id limit 2000;
do \$\$
declare
  r record;
  seller uuid;
  started timestamptz := clock_timestamp();
  n int := 0;
begin
  for r in select * from probe loop
    select p.seller_id into seller from variants v join products p on p.id = v.product_id where v.id = r.variant_id;
    insert into order_sellers (order_id, seller_id, paid_at, paid_minor) values (r.order_id, seller, now(), 100)
      on conflict do nothing;
    insert into figure_counters (scope, metric, hour, slot, count, amount)
    select s, 'orders.paid', date_trunc('hour', now()), (random() * 7)::int, 1, 100
    from unnest(array['00000000-0000-0000-0000-000000000000'::uuid, seller]) as s
    order by s
    on conflict (scope, metric, hour, slot) do update
      set count = figure_counters.count + excluded.count, amount = figure_counters.amount + excluded.amount;
    n := n + 1;
  end loop;
  raise notice 'counting statements: % µs per payment over % payments',
    round(extract(epoch from clock_timestamp() - started) * 1000000 / n), n;
end
\$\$;
SQL
log "$(grep -o 'counting statements.*' "$RUN_DIR/payment-path.txt" || echo 'payment path: no figure')"

{
  echo "figures-bench $(date -u +%Y-%m-%dT%H:%MZ) | $ORDERS orders over $DAYS days, $PRODUCTS products, counters $( ((FOLD)) && echo folded || echo 'in 8 slots')"
  echo "| JDK $(bench_jdk) | $(bench_machine)"
  cat "$RUN_DIR/summary.txt"
  grep -o 'counting statements.*' "$RUN_DIR/payment-path.txt" || true
} | tee "$RUN_DIR/report.txt"
exit "$VERDICT"
