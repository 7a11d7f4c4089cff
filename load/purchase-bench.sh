#!/usr/bin/env bash
# Purchase flow benchmark: starts the shop on a fresh embedded PostgreSQL, creates products with
# ample stock through the admin API, then measures add-to-cart writes and the full guest purchase
# (cart -> checkout/init -> payment intent -> test-provider confirm -> webhook -> paid) with wrk,
# and checkout/init latency on both sides. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
CART_LUA="$LOAD/purchase-cart.lua"
FLOW_LUA="$LOAD/purchase-flow.lua"
HELPER="$LOAD/purchase_bench.py"
BENCH_NAME=purchase-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
CART_DURATION=30s
FLOW_DURATION=60s
WARMUP=120s
APP_ARGS=()
CART_CONNECTIONS=32
THREADS=2
SHOPPERS=16
CART_SHOPPERS=1000
BENCH_PRODUCTS=50
LINES=1
POLL_MS=20
PRODUCTS=1000
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
START_TIMEOUT=900
BACKLOG_WAIT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"
ADMIN_EMAIL=${DUKKAN_ADMIN_EMAIL:-}
ADMIN_PASSWORD=${DUKKAN_ADMIN_PASSWORD:-}

usage() {
  cat <<EOF
Usage: load/purchase-bench.sh [options]

Benchmarks the purchase flow on this machine and prints a summary with PASS/FAIL against the
targets (add-to-cart >= 1000 req/s; full flow >= 100 paid orders/s; checkout/init p95 < 50 ms;
no unexpected responses).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --cart-duration D     measured add-to-cart duration, wrk syntax (default $CART_DURATION)
  --flow-duration D     measured full-flow duration (default $FLOW_DURATION)
  --warmup D            warm-up before measuring: D of add-to-cart, then D of the full flow;
                        0 to skip (default $WARMUP)
  --connections N       wrk connections of the add-to-cart runs (default $CART_CONNECTIONS)
  --threads N           wrk threads of the add-to-cart runs (default $THREADS)
  --shoppers N          concurrent guest shoppers of the full flow, each one wrk thread with one
                        connection (default $SHOPPERS)
  --cart-shoppers N     anonymous carts prepared for the add-to-cart runs (default $CART_SHOPPERS)
  --lines N             cart lines per order in the full flow (default $LINES)
  --poll-ms N           pause between polls of a paid draft (default $POLL_MS)
  --bench-products N    products created for the benchmark, 2 variants of stock 1,000,000 each
                        (default $BENCH_PRODUCTS)
  --products N          catalog products seeded at start-up besides (default $PRODUCTS)
  --port N              HTTP port of the app (default: a free port)
  --data-dir DIR        embedded PostgreSQL data directory to reuse; it is kept afterwards
                        (default: a fresh var/purchase-bench-<timestamp>/data, deleted afterwards)
  --keep-data           keep the fresh data directory
  --url URL             benchmark a shop that is already running at URL (nothing is built,
                        started or stopped); needs an administrator: DUKKAN_ADMIN_EMAIL and
                        DUKKAN_ADMIN_PASSWORD in the environment
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app to be ready (default $START_TIMEOUT)
  --backlog-wait S      after the flow, seconds to wait at most until no job is due any more
                        (the mails and receipts of the paid orders; default $BACKLOG_WAIT)
  -h, --help            this text

Environment:
  JAVA_HOME             JDK to run (and build) with, e.g. /usr/lib/jvm/temurin-25-jdk-amd64
  JAVA_OPTS             JVM flags (default: $DEFAULT_JAVA_OPTS)
  DUKKAN_ADMIN_EMAIL, DUKKAN_ADMIN_PASSWORD
                        the administrator that creates the products (default for a started
                        app: a fresh one with a random password)

Results (wrk outputs, Prometheus scrapes, prepared data, app log, summary) are kept in
var/purchase-bench-<timestamp>/. Exit status: 0 PASS, 3 FAIL, anything else: the run did not
complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --build) BUILD=1 ;;
    --cart-duration) need_value "$@"; CART_DURATION=$2; shift ;;
    --flow-duration) need_value "$@"; FLOW_DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --connections) need_value "$@"; CART_CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --shoppers) need_value "$@"; SHOPPERS=$2; shift ;;
    --cart-shoppers) need_value "$@"; CART_SHOPPERS=$2; shift ;;
    --lines) need_value "$@"; LINES=$2; shift ;;
    --poll-ms) need_value "$@"; POLL_MS=$2; shift ;;
    --bench-products) need_value "$@"; BENCH_PRODUCTS=$2; shift ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    --backlog-wait) need_value "$@"; BACKLOG_WAIT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

for pair in "connections:$CART_CONNECTIONS" "threads:$THREADS" "shoppers:$SHOPPERS" \
  "cart-shoppers:$CART_SHOPPERS" "lines:$LINES" "poll-ms:$POLL_MS" "bench-products:$BENCH_PRODUCTS" \
  "products:$PRODUCTS" "start-timeout:$START_TIMEOUT" "backlog-wait:$BACKLOG_WAIT"; do
  is_count "${pair#*:}" || die "--${pair%%:*} must be a positive integer"
done
((CART_CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
((LINES <= 10)) || die "--lines must be at most 10"
for d in "$CART_DURATION" "$FLOW_DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 2m)"
done
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
if [[ -n $BASE_URL && (-z $ADMIN_EMAIL || -z $ADMIN_PASSWORD) ]]; then
  die "--url needs DUKKAN_ADMIN_EMAIL and DUKKAN_ADMIN_PASSWORD of an administrator of that shop"
fi

# ---------------------------------------------------------------- tools
bench_require_tools
bench_find_java
bench_init_run_dir purchase-bench

run_cart() { # name duration
  log "wrk $2 of add-to-cart, -t$THREADS -c$CART_CONNECTIONS ($1)"
  wrk -t"$THREADS" -c"$CART_CONNECTIONS" -d"$2" --latency -s "$CART_LUA" "$BASE_URL" -- "$RUN_DIR/shoppers.txt" |
    tee "$RUN_DIR/$1.txt"
}

run_flow() { # name duration
  log "wrk $2 of the full flow, $SHOPPERS shoppers ($1)"
  # one connection per wrk thread: each thread's Lua state is one shopper (see purchase-flow.lua)
  wrk -t"$SHOPPERS" -c"$SHOPPERS" -d"$2" --latency --timeout 30s -s "$FLOW_LUA" "$BASE_URL" -- \
    "$RUN_DIR/variants.txt" "$LINES" "$POLL_MS" | tee "$RUN_DIR/$1.txt"
}

paid_count() {
  python3 "$HELPER" paid-count --base "$BASE_URL" --session "$RUN_DIR/admin-session.json"
}

# ---------------------------------------------------------------- the app
if [[ -z $BASE_URL ]]; then
  if [[ -z $ADMIN_EMAIL || -z $ADMIN_PASSWORD ]]; then
    ADMIN_EMAIL="purchase-bench@dukkan.local"
    ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  fi
  # read by the app at its first start (see AdminBootstrap); a reused --data-dir keeps its admin
  export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
  # every simulated shopper connects from 127.0.0.1: the per-address limit on running stock holds
  # would refuse all but the first few concurrent payments
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" \
    --dukkan.orders.holds-per-client=1000000
  bench_wait_ready
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready
fi

# ---------------------------------------------------------------- data
log "creating $BENCH_PRODUCTS products, checking one purchase, preparing $CART_SHOPPERS shoppers"
python3 "$HELPER" prepare --base "$BASE_URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
  --out-dir "$RUN_DIR" --products "$BENCH_PRODUCTS" --shoppers "$CART_SHOPPERS" | tee "$RUN_DIR/prepare.json" >&2
VARIANTS=$(grep -c . "$RUN_DIR/variants.txt")
log "analyzing the database"
bench_analyze

# ---------------------------------------------------------------- measurements
# On two cores the JIT compiler needs more than a minute of load before a path runs at its steady
# rate: both measured paths are warmed up first. Add-to-cart is measured before the full flow runs
# at all: every paid order leaves background jobs (confirmation mail, PDF receipt) that would
# otherwise still be running during the add-to-cart measurement.
if ! is_zero_duration "$WARMUP"; then
  run_cart warmup-cart "$WARMUP" >/dev/null
  log "warm-up of add-to-cart: $(grep '^Requests/sec' "$RUN_DIR/warmup-cart.txt" || echo 'no figure')"
fi
bench_cpu_snapshot "$RUN_DIR/cpu-cart-before.json"
run_cart cart "$CART_DURATION"
bench_cpu_snapshot "$RUN_DIR/cpu-cart-after.json"
if ! is_zero_duration "$WARMUP"; then
  run_flow warmup-flow "$WARMUP" >/dev/null
  log "warm-up of the full flow: $(grep '^purchase-flow: orders' "$RUN_DIR/warmup-flow.txt" || echo 'no figure')"
fi
scrape "$RUN_DIR/prometheus-before.txt"
PAID_BEFORE=$(paid_count)
T0=$(date +%s.%N)
bench_cpu_snapshot "$RUN_DIR/cpu-flow-before.json"
run_flow flow "$FLOW_DURATION"
bench_cpu_snapshot "$RUN_DIR/cpu-flow-after.json"
PAID_AFTER=$(paid_count)
T1=$(date +%s.%N)
scrape "$RUN_DIR/prometheus-after.txt"
# what the paid orders left to do in the background (mails, receipts: bulk work waits while busy)
log "waiting for the jobs the flow left (up to $BACKLOG_WAIT s)"
python3 "$HELPER" backlog --base "$BASE_URL" --session "$RUN_DIR/admin-session.json" --wait "$BACKLOG_WAIT" \
  >"$RUN_DIR/backlog.json" || echo '{}' >"$RUN_DIR/backlog.json"

# ---------------------------------------------------------------- summary
echo
set +e
python3 "$HELPER" summary \
  --cart "$RUN_DIR/cart.txt" --flow "$RUN_DIR/flow.txt" \
  --before "$RUN_DIR/prometheus-before.txt" --after "$RUN_DIR/prometheus-after.txt" \
  --paid-before "$PAID_BEFORE" --paid-after "$PAID_AFTER" \
  --flow-seconds "$(python3 -c "print(round($T1 - $T0, 3))")" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$(bench_jdk)" --machine "$(bench_machine)" \
  --runs "warm-up $WARMUP cart + $WARMUP flow; add-to-cart $CART_DURATION -t$THREADS -c$CART_CONNECTIONS; flow $FLOW_DURATION, $SHOPPERS shoppers, $LINES line(s) per order, poll every $POLL_MS ms" \
  --data "$VARIANTS variants (stock 1,000,000 each) of $BENCH_PRODUCTS products, $CART_SHOPPERS add-to-cart shoppers, catalog of $PRODUCTS seeded products" \
  --cpu-cart "$RUN_DIR/cpu-cart-before.json" "$RUN_DIR/cpu-cart-after.json" \
  --cpu-flow "$RUN_DIR/cpu-flow-before.json" "$RUN_DIR/cpu-flow-after.json" \
  --backlog "$RUN_DIR/backlog.json" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
