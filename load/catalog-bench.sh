#!/usr/bin/env bash
# Catalog read path benchmark: starts the shop on a fresh embedded PostgreSQL seeded with
# 10,000 products, builds a mix of listing/search/filter and product detail requests from the
# live API, then measures /livez and the mix with wrk and DB time per listing request from
# /actuator/prometheus. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
LUA="$LOAD/catalog-mix.lua"
HELPER="$LOAD/catalog_bench.py"
BENCH_NAME=catalog-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
DURATION=30s
LIVEZ_DURATION=20s
WARMUP=60s
APP_ARGS=()
CONNECTIONS=64
THREADS=2
PRODUCTS=10000
PORT=""
DATA_DIR=""
KEEP_DATA=0
COLD=0
LISTING_URLS_WANTED=700
DETAIL_URLS_WANTED=300
BASE_URL=""
SEED=""
START_TIMEOUT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF
Usage: load/catalog-bench.sh [options]

Benchmarks the catalog read path (GET /api/v1/products listings and /api/v1/products/{slug})
against /livez on this machine and prints a summary with PASS/FAIL against the targets
(mix >= 1500 req/s, mix p99 < 50 ms, DB p95 per listing <= 5 ms, no non-2xx responses).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --duration D          measured mix duration, wrk syntax (default $DURATION)
  --livez-duration D    /livez baseline duration (default $LIVEZ_DURATION)
  --warmup D            warm-up before measuring: D over the mix, D over /livez, D over the mix
                        again; 0 to skip (default $WARMUP)
  --connections N       wrk connections for every run (default $CONNECTIONS)
  --threads N           wrk threads for every run (default $THREADS)
  --products N          products seeded at start-up (default $PRODUCTS)
  --port N              HTTP port of the app (default: a free port)
  --data-dir DIR        embedded PostgreSQL data directory to reuse; it is kept afterwards
                        (default: a fresh var/bench-<timestamp>/data, deleted afterwards)
  --keep-data           keep the fresh data directory
  --cold                listings no cache has seen: the listing and detail caches are switched off,
                        the mix has 3,000 distinct listing URLs and no detail; targets mix >= 1000
                        req/s and p99 < 100 ms (no DB-time target)
  --url URL             benchmark a shop that is already running at URL (nothing is built,
                        started or stopped; --products, --port and --data-dir are ignored)
  --app-arg ARG         extra argument for the app, repeatable, e.g.
                        --app-arg --dukkan.catalog.listing-cache-size=0 to measure without caches
  --seed N              seed of the request mix generation (default: fixed, so runs compare)
  --start-timeout S     seconds to wait for the app to be ready (default $START_TIMEOUT)
  -h, --help            this text

Environment:
  JAVA_HOME             JDK to run (and build) with, e.g. /usr/lib/jvm/temurin-25-jdk-amd64
  JAVA_OPTS             JVM flags (default: $DEFAULT_JAVA_OPTS)

Results (wrk outputs, Prometheus scrapes, request mix, app log, summary) are kept in
var/bench-<timestamp>/. Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --build) BUILD=1 ;;
    --duration) need_value "$@"; DURATION=$2; shift ;;
    --livez-duration) need_value "$@"; LIVEZ_DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --connections) need_value "$@"; CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --cold) COLD=1 ;;
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --seed) need_value "$@"; SEED=$2; shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

is_count "$CONNECTIONS" || die "--connections must be a positive integer"
is_count "$THREADS" || die "--threads must be a positive integer"
is_count "$PRODUCTS" || die "--products must be a positive integer"
is_count "$START_TIMEOUT" || die "--start-timeout must be a positive integer"
((CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
for d in "$DURATION" "$LIVEZ_DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 2m)"
done
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
[[ -z $SEED ]] || [[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a number"

if ((COLD)); then
  APP_ARGS+=(--dukkan.catalog.listing-cache-size=0 --dukkan.catalog.detail-cache-size=0)
  LISTING_URLS_WANTED=3000
  DETAIL_URLS_WANTED=0
fi

# ---------------------------------------------------------------- tools
bench_require_tools
bench_find_java
bench_init_run_dir bench

# without /readyz: ready when the listing shows the seeded catalog
bench_ready_fallback() {
  local total
  total=$(bench_catalog_total)
  ((total >= $1))
}

run_wrk() { # name duration url-file
  log "wrk $2 over $(basename "$3") ($1)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$LUA" "$BASE_URL" -- "$3" | tee "$RUN_DIR/$1.txt"
}

# ---------------------------------------------------------------- the app
if [[ -z $BASE_URL ]]; then
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS"
  bench_wait_ready "$PRODUCTS"
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready 1
fi

# ---------------------------------------------------------------- the request mix
log "building the request mix from the API"
URLS="$RUN_DIR/urls.txt"
python3 "$HELPER" urls --base "$BASE_URL" --out "$URLS" --stats "$RUN_DIR/urls-stats.json" \
  --listing "$LISTING_URLS_WANTED" --detail "$DETAIL_URLS_WANTED" ${SEED:+--seed "$SEED"} >/dev/null
cat "$RUN_DIR/urls-stats.json" >&2
echo >&2
LISTING_URLS=$(grep -c $'^listing\t' "$URLS" || true)
DETAIL_URLS=$(grep -c $'^detail\t' "$URLS" || true)
CATALOG_TOTAL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["catalog_total"])' "$RUN_DIR/urls-stats.json")
printf 'livez\t/livez\n' >"$RUN_DIR/livez-urls.txt"

# ---------------------------------------------------------------- measurements
# Both measured paths are warmed up: on two cores the JIT compiler needs well over a minute of load
# before a path runs at its steady rate, and /livez runs code (its own filter chain) the mix does not.
if ! is_zero_duration "$WARMUP"; then
  run_wrk warmup "$WARMUP" "$URLS" >/dev/null
  log "warm-up: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure')"
  run_wrk warmup-livez "$WARMUP" "$RUN_DIR/livez-urls.txt" >/dev/null
  log "warm-up of /livez: $(grep '^Requests/sec' "$RUN_DIR/warmup-livez.txt" || echo 'no figure')"
  run_wrk warmup "$WARMUP" "$URLS" >/dev/null
  log "warm-up again: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure')"
fi
run_wrk livez "$LIVEZ_DURATION" "$RUN_DIR/livez-urls.txt"
scrape "$RUN_DIR/prometheus-before.txt"
run_wrk mix "$DURATION" "$URLS"
scrape "$RUN_DIR/prometheus-after.txt"

# ---------------------------------------------------------------- summary
MACHINE=$(bench_machine)
JDK_FALLBACK=$(bench_jdk) # the summary prefers jvm_info from the app's own metrics
echo
set +e
python3 "$HELPER" summary \
  --livez "$RUN_DIR/livez.txt" --mix "$RUN_DIR/mix.txt" \
  --before "$RUN_DIR/prometheus-before.txt" --after "$RUN_DIR/prometheus-after.txt" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$JDK_FALLBACK" --machine "$MACHINE" \
  --wrk "-t$THREADS -c$CONNECTIONS; warm-up $WARMUP, livez $LIVEZ_DURATION, mix $DURATION" \
  --mix-info "$LISTING_URLS listing + $DETAIL_URLS detail URLs (catalog of $CATALOG_TOTAL products)" \
  --out "$RUN_DIR/summary.txt" $( ((COLD)) && echo --cold)
STATUS=$?
set -e
exit "$STATUS"
