#!/usr/bin/env bash
# Live stock streams benchmark: starts the shop on a fresh embedded PostgreSQL with --products
# products, opens --streams Server-Sent Events streams (GET /inventory/stream) from a load client on
# this machine, changes the stock of the product they all follow through the admin API and measures
# the time until 50, 99 and 100 % of the streams got the event; records heap and live threads
# before and with the streams open. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
HELPER="$LOAD/streams_bench.py"
BENCH_NAME=streams-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
STREAMS=10000
PER_CLIENT=16
ROUNDS=5
PRODUCTS=1000
APP_ARGS=()
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
START_TIMEOUT=900
ADMIN_EMAIL=${DUKKAN_ADMIN_EMAIL:-}
ADMIN_PASSWORD=${DUKKAN_ADMIN_PASSWORD:-}
# Tomcat keeps about 110 KiB of buffers per open connection (docs/benchmarks.md): 10,000 streams
# need more than the other benchmarks' 1 GiB heap
DEFAULT_JAVA_OPTS="-Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF
Usage: load/streams-bench.sh [options]

Opens many live stock streams against the shop on this machine, changes stock and prints a summary
with PASS/FAIL against the targets (at least 10,000 streams open on one instance, 99 % of them get
each stock change within 1 s, every open stream gets every change).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --streams N           streams to open (default $STREAMS)
  --per-client N        streams opened from one source address 127.0.x.y (default $PER_CLIENT, the
                        shop's dukkan.live.streams-per-client); the client uses ceil(N / this)
                        addresses, so the shop's per-address limit stays in force
  --rounds N            stock changes, each measured on its own, after two that warm up (default $ROUNDS)
  --products N          products seeded at start-up (default $PRODUCTS)
  --port N              HTTP port of the app (default: a free port)
  --data-dir DIR        embedded PostgreSQL data directory to reuse; it is kept afterwards
  --keep-data           keep the fresh data directory
  --url URL             benchmark a shop that is already running at URL (nothing is built, started
                        or stopped; heap is read without a full GC first); needs an administrator:
                        DUKKAN_ADMIN_EMAIL and DUKKAN_ADMIN_PASSWORD
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app to be ready (default $START_TIMEOUT)
  -h, --help            this text

Environment:
  JAVA_HOME             JDK to run (and build) with
  JAVA_OPTS             JVM flags (default: $DEFAULT_JAVA_OPTS)

The client needs an open file per stream (ulimit -n above --streams). Results (JSON, summary, app
log) are kept in var/streams-bench-<timestamp>/. Exit status: 0 PASS, 3 FAIL, anything else: the
run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --build) BUILD=1 ;;
    --streams) need_value "$@"; STREAMS=$2; shift ;;
    --per-client) need_value "$@"; PER_CLIENT=$2; shift ;;
    --rounds) need_value "$@"; ROUNDS=$2; shift ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

is_count "$STREAMS" || die "--streams must be a positive integer"
is_count "$PER_CLIENT" || die "--per-client must be a positive integer"
is_count "$ROUNDS" || die "--rounds must be a positive integer"
is_count "$PRODUCTS" || die "--products must be a positive integer"
is_count "$START_TIMEOUT" || die "--start-timeout must be a positive integer"
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
(($(ulimit -Hn) > STREAMS + 100)) || die "ulimit -n (hard $(ulimit -Hn)) is too low for $STREAMS streams"
if [[ -n $BASE_URL && (-z $ADMIN_EMAIL || -z $ADMIN_PASSWORD) ]]; then
  die "--url needs DUKKAN_ADMIN_EMAIL and DUKKAN_ADMIN_PASSWORD of an administrator of that shop"
fi

bench_require_tools --without-wrk
bench_find_java
bench_init_run_dir streams-bench

# ---------------------------------------------------------------- the app
if [[ -z $BASE_URL ]]; then
  ADMIN_EMAIL="streams-bench@dukkan.local"
  ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  # read by the app at its first start (see AdminBootstrap)
  export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" \
    --dukkan.live.streams-per-client="$PER_CLIENT"
  bench_wait_ready
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready
fi

# ---------------------------------------------------------------- measurement
MACHINE=$(bench_machine)
JDK=$(bench_jdk)
# jcmd of the JDK that runs the app: the client reads the heap after a full collection
JDK_BIN=""
if [[ -n ${APP_PID:-} ]]; then
  JDK_BIN=$(dirname "$(readlink -f "$JAVA")")
  [[ -x $JDK_BIN/jcmd ]] || JDK_BIN=""
fi
log "opening $STREAMS streams ($PER_CLIENT per source address), then $ROUNDS stock changes"
set +e
PATH="${JDK_BIN:+$JDK_BIN:}$PATH" python3 "$HELPER" run --base "$BASE_URL" --metrics-base "${METRICS_URL:-$BASE_URL}" \
  --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
  --streams "$STREAMS" --per-client "$PER_CLIENT" --rounds "$ROUNDS" \
  ${APP_PID:+--app-pid "$APP_PID"} \
  --out "$RUN_DIR/result.json" --histogram "$RUN_DIR/heap-histogram.txt" --summary "$RUN_DIR/summary.txt" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "${JDK:-unknown}" --machine "$MACHINE"
STATUS=$?
set -e
scrape "$RUN_DIR/prometheus-after.txt"
exit "$STATUS"
