#!/usr/bin/env bash
# Storefront page views benchmark: starts the shop on a fresh embedded PostgreSQL seeded with 10,000
# products, builds a mix of listing and product pages in English, German and Arabic from the live
# API, signs in shoppers with something in their carts, then measures /livez, the anonymous page
# mix and the signed-in shoppers' mix with wrk, and the page cache's hit ratio from
# /actuator/prometheus. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
LUA="$LOAD/catalog-mix.lua"
HELPER="$LOAD/pages_bench.py"
BENCH_NAME=pages-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
DURATION=30s
SIGNED_DURATION=""
LIVEZ_DURATION=20s
WARMUP=60s
APP_ARGS=()
CONNECTIONS=64
THREADS=2
SHOPPERS=""
PRODUCTS=10000
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
SEED=""
START_TIMEOUT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"
# sign-up and sign-in are limited per client address, and every shopper here comes from 127.0.0.1
LIMIT_ARGS=(--dukkan.identity.sign-up-limits.per-ip=1000000 --dukkan.identity.sign-in-limits.per-ip=1000000)

usage() {
  cat <<EOF
Usage: load/pages-bench.sh [options]

Benchmarks the shop's pages (listing and product pages in all three languages) against /livez on
this machine and prints a summary with PASS/FAIL against the targets (anonymous page views
>= 3000 req/s with p99 < 50 ms, a signed-in shopper's page views >= 1000 req/s, no non-2xx answer).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --duration D          measured anonymous run, wrk syntax (default $DURATION)
  --signed-duration D   measured signed-in run (default: --duration)
  --livez-duration D    /livez baseline duration (default $LIVEZ_DURATION)
  --warmup D            warm-up before measuring: D over each of the anonymous mix, /livez and the
                        signed-in mix, then D over the anonymous mix again; 0 to skip (default $WARMUP)
  --connections N       wrk connections for every run (default $CONNECTIONS)
  --threads N           wrk threads for the anonymous and /livez runs (default $THREADS); the
                        signed-in run has one thread per connection, each one shopper
  --shoppers N          shoppers signed up and signed in (default: --connections); 0 skips the
                        signed-in run
  --products N          products seeded at start-up (default $PRODUCTS)
  --port N              HTTP port of the app (default: a free port)
  --data-dir DIR        embedded PostgreSQL data directory to reuse; it is kept afterwards
                        (default: a fresh var/pages-bench-<timestamp>/data, deleted afterwards)
  --keep-data           keep the fresh data directory
  --url URL             benchmark a shop that is already running at URL (nothing is built,
                        started or stopped); it must allow --shoppers sign-ups and sign-ins from
                        this address (dukkan.identity.sign-up-limits.per-ip, sign-in-limits.per-ip)
  --app-arg ARG         extra argument for the app, repeatable
  --seed N              seed of the page mix generation (default: fixed, so runs compare)
  --start-timeout S     seconds to wait for the app to be ready (default $START_TIMEOUT)
  -h, --help            this text

Environment:
  JAVA_HOME             JDK to run (and build) with, e.g. /usr/lib/jvm/temurin-25-jdk-amd64
  JAVA_OPTS             JVM flags (default: $DEFAULT_JAVA_OPTS)

Results (wrk outputs, Prometheus scrapes, page mixes, app log, summary) are kept in
var/pages-bench-<timestamp>/. Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --build) BUILD=1 ;;
    --duration) need_value "$@"; DURATION=$2; shift ;;
    --signed-duration) need_value "$@"; SIGNED_DURATION=$2; shift ;;
    --livez-duration) need_value "$@"; LIVEZ_DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --connections) need_value "$@"; CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --shoppers) need_value "$@"; SHOPPERS=$2; shift ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --seed) need_value "$@"; SEED=$2; shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

SIGNED_DURATION=${SIGNED_DURATION:-$DURATION}
SHOPPERS=${SHOPPERS:-$CONNECTIONS}
is_count "$CONNECTIONS" || die "--connections must be a positive integer"
is_count "$THREADS" || die "--threads must be a positive integer"
[[ $SHOPPERS =~ ^[0-9]+$ ]] || die "--shoppers must be a number"
is_count "$PRODUCTS" || die "--products must be a positive integer"
is_count "$START_TIMEOUT" || die "--start-timeout must be a positive integer"
((CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
for d in "$DURATION" "$SIGNED_DURATION" "$LIVEZ_DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 2m)"
done
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
[[ -z $SEED ]] || [[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a number"

# ---------------------------------------------------------------- tools
bench_require_tools
bench_find_java
bench_init_run_dir pages-bench

# without /readyz: ready when the listing shows the seeded catalog
bench_ready_fallback() {
  local total
  total=$(bench_catalog_total)
  ((total >= $1))
}

# pages are asked for as a browser asks for them
export CATALOG_MIX_ACCEPT=text/html

run_wrk() { # name duration url-file [cookie-file]: with cookies, one thread (and shopper) per connection
  local threads=$THREADS TIMEFORMAT='wrk-cpu %U %S'
  [[ -z ${4:-} ]] || threads=$CONNECTIONS
  log "wrk $2 over $(basename "$3") ($1)"
  # wrk's own CPU time (user, system), which a snapshot after it ended no longer sees
  # /livez answers JSON only: asked for HTML it would measure the 406 error path instead
  local accept=$CATALOG_MIX_ACCEPT
  [[ $1 != *livez* ]] || accept=application/json
  { time CATALOG_MIX_ACCEPT=$accept wrk -t"$threads" -c"$CONNECTIONS" -d"$2" --latency -s "$LUA" "$BASE_URL" -- "$3" ${4:+"$4"} |
    tee "$RUN_DIR/$1.txt"; } 2>"$RUN_DIR/$1.wrk-cpu"
}

# ---------------------------------------------------------------- the app
if [[ -z $BASE_URL ]]; then
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" "${LIMIT_ARGS[@]}"
  bench_wait_ready "$PRODUCTS"
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready 1
fi

# ---------------------------------------------------------------- the page mixes
log "building the anonymous page mix from the API (every page requested once)"
URLS="$RUN_DIR/urls.txt"
python3 "$HELPER" urls --base "$BASE_URL" --out "$URLS" --stats "$RUN_DIR/urls-stats.json" \
  ${SEED:+--seed "$SEED"} >/dev/null
cat "$RUN_DIR/urls-stats.json" >&2
echo >&2
ANON_INFO=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["info"])' "$RUN_DIR/urls-stats.json")
printf 'livez\t/livez\n' >"$RUN_DIR/livez-urls.txt"

SIGNED_URLS=""
COOKIES=""
SIGNED_INFO=""
if ((SHOPPERS > 0)); then
  log "signing up and signing in $SHOPPERS shoppers, one item in each one's cart"
  SIGNED_URLS="$RUN_DIR/signed-urls.txt"
  COOKIES="$RUN_DIR/cookies.txt"
  python3 "$HELPER" shoppers --base "$BASE_URL" --count "$SHOPPERS" --cookies "$COOKIES" --urls "$URLS" \
    --out "$SIGNED_URLS" ${SEED:+--seed "$SEED"} >"$RUN_DIR/shoppers.json"
  cat "$RUN_DIR/shoppers.json" >&2
  SIGNED_INFO=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["info"])' "$RUN_DIR/shoppers.json")
fi

# ---------------------------------------------------------------- measurements
# Every measured path is warmed up (on two cores the JIT compiler needs well over a minute of load
# before a path runs at its steady rate), and the page cache is filled.
if ! is_zero_duration "$WARMUP"; then
  run_wrk warmup "$WARMUP" "$URLS" >/dev/null
  log "warm-up: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure')"
  run_wrk warmup-livez "$WARMUP" "$RUN_DIR/livez-urls.txt" >/dev/null
  log "warm-up of /livez: $(grep '^Requests/sec' "$RUN_DIR/warmup-livez.txt" || echo 'no figure')"
  if [[ -n $SIGNED_URLS ]]; then
    run_wrk warmup-signed "$WARMUP" "$SIGNED_URLS" "$COOKIES" >/dev/null
    log "warm-up signed in: $(grep '^Requests/sec' "$RUN_DIR/warmup-signed.txt" || echo 'no figure')"
  fi
  run_wrk warmup "$WARMUP" "$URLS" >/dev/null
  log "warm-up again: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure')"
fi
run_wrk livez "$LIVEZ_DURATION" "$RUN_DIR/livez-urls.txt"
scrape "$RUN_DIR/prometheus-before.txt"
bench_cpu_snapshot "$RUN_DIR/cpu-anonymous-before.json"
run_wrk anonymous "$DURATION" "$URLS"
bench_cpu_snapshot "$RUN_DIR/cpu-anonymous-after.json"
scrape "$RUN_DIR/prometheus-after.txt"
SIGNED_ARGS=()
if [[ -n $SIGNED_URLS ]]; then
  bench_cpu_snapshot "$RUN_DIR/cpu-signed-in-before.json"
  run_wrk signed-in "$SIGNED_DURATION" "$SIGNED_URLS" "$COOKIES"
  bench_cpu_snapshot "$RUN_DIR/cpu-signed-in-after.json"
  scrape "$RUN_DIR/prometheus-after-signed-in.txt"
  SIGNED_ARGS=(--signed "$RUN_DIR/signed-in.txt"
    --cpu-signed "$RUN_DIR/cpu-signed-in-before.json" "$RUN_DIR/cpu-signed-in-after.json"
    --wrk-cpu-signed "$RUN_DIR/signed-in.wrk-cpu")
fi

# ---------------------------------------------------------------- summary
MACHINE=$(bench_machine)
JDK_FALLBACK=$(bench_jdk) # the summary prefers jvm_info from the app's own metrics
echo
set +e
python3 "$HELPER" summary \
  --livez "$RUN_DIR/livez.txt" --anon "$RUN_DIR/anonymous.txt" "${SIGNED_ARGS[@]}" \
  --cpu-anon "$RUN_DIR/cpu-anonymous-before.json" "$RUN_DIR/cpu-anonymous-after.json" \
  --wrk-cpu-anon "$RUN_DIR/anonymous.wrk-cpu" \
  --before "$RUN_DIR/prometheus-before.txt" --after "$RUN_DIR/prometheus-after.txt" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$JDK_FALLBACK" --machine "$MACHINE" \
  --wrk "-t$THREADS -c$CONNECTIONS (signed in: -t$CONNECTIONS -c$CONNECTIONS); warm-up $WARMUP, livez $LIVEZ_DURATION, anonymous $DURATION, signed in $SIGNED_DURATION" \
  --anon-info "$ANON_INFO" --signed-info "$SIGNED_INFO" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
