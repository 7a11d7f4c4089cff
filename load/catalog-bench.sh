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
JAR="$ROOT/target/dukkan.jar"

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

log() { printf '[catalog-bench] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }

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
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --seed) need_value "$@"; SEED=$2; shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

is_count() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
is_duration() { [[ $1 =~ ^[0-9]+[smh]?$ ]]; }
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

# ---------------------------------------------------------------- tools
command -v python3 >/dev/null || die "python3 is needed"
command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
if ! command -v wrk >/dev/null; then
  log "wrk is not installed: apt-get install -y wrk"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y wrk >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y wrk >&2; } ||
    die "could not install wrk"
fi

JAVA=""
if [[ -z $BASE_URL ]]; then
  if [[ -n ${JAVA_HOME:-} ]]; then
    JAVA="$JAVA_HOME/bin/java"
    [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
  else
    JAVA=$(command -v java) || die "java is not on PATH (or set JAVA_HOME)"
  fi
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR="$ROOT/var/bench-$STAMP"
mkdir -p "$RUN_DIR"
APP_PID=""
STARTED=0
DELETE_DATA=0

# shellcheck disable=SC2317 # reached through the trap
cleanup() {
  local rc=$? i pg_pid
  trap - EXIT INT TERM
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID) and its embedded PostgreSQL"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for ((i = 0; i < 120; i++)); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$APP_PID" 2>/dev/null; then
      log "the app did not stop within 120 s: killing pid $APP_PID"
      kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  # A PostgreSQL that outlived its JVM (killed, crashed) is stopped by the pid in its data directory.
  if [[ -n $DATA_DIR && -f $DATA_DIR/postmaster.pid ]]; then
    pg_pid=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
    if [[ $pg_pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pg_pid/comm" 2>/dev/null) == postgres* ]]; then
      log "stopping the embedded PostgreSQL left running (pid $pg_pid)"
      kill -INT "$pg_pid" 2>/dev/null || true
      for ((i = 0; i < 60; i++)); do
        kill -0 "$pg_pid" 2>/dev/null || break
        sleep 1
      done
    fi
  fi
  if ((DELETE_DATA)) && [[ -n $DATA_DIR && -d $DATA_DIR ]]; then
    log "deleting the data directory $DATA_DIR"
    rm -rf -- "$DATA_DIR" "$RUN_DIR/files"
  fi
  rmdir "$RUN_DIR" 2>/dev/null || log "results are in ${RUN_DIR#"$ROOT"/}/"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" 2>/dev/null || true; }

catalog_total() {
  curl -s --max-time 30 -H 'Accept: application/json' "$BASE_URL/api/v1/products?page=0&size=1" 2>/dev/null |
    python3 -c 'import json,sys
try: print(int(json.load(sys.stdin).get("total") or 0))
except Exception: print(0)'
}

wait_ready() {
  local min_total=$1 deadline=$((SECONDS + START_TIMEOUT)) code total
  log "waiting for $BASE_URL/readyz (up to ${START_TIMEOUT} s; seeding takes a while)"
  while :; do
    if [[ -n $APP_PID ]] && ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -n 40 "$RUN_DIR/app.log" >&2 || true
      die "the app exited during start-up (log: ${RUN_DIR#"$ROOT"/}/app.log)"
    fi
    code=$(http_code "$BASE_URL/readyz")
    if [[ $code == 200 ]]; then
      return 0
    elif [[ $code == 404 && $(http_code "$BASE_URL/livez") == 200 ]]; then
      # no /readyz: alive, and the listing shows the seeded catalog
      total=$(catalog_total)
      ((total >= min_total)) && return 0
    fi
    ((SECONDS < deadline)) || die "not ready after ${START_TIMEOUT} s (last /readyz: $code)"
    sleep 2
  done
}

scrape() {
  if ! curl -fsS --max-time 30 -H 'Accept: text/plain' "$BASE_URL/actuator/prometheus" -o "$1"; then
    log "warning: could not scrape $BASE_URL/actuator/prometheus"
    : >"$1"
  fi
}

run_wrk() { # name duration url-file
  log "wrk $2 over $(basename "$3") ($1)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$LUA" "$BASE_URL" -- "$3" | tee "$RUN_DIR/$1.txt"
}

# ---------------------------------------------------------------- the app
if [[ -z $BASE_URL ]]; then
  if ((BUILD)) || [[ ! -f $JAR ]]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
  fi
  [[ -f $JAR ]] || die "$JAR is missing after the build"
  if [[ -z $PORT ]]; then
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  fi
  if [[ -n $DATA_DIR ]]; then
    DATA_DIR=$(cd "$ROOT" && mkdir -p "$DATA_DIR" && cd "$DATA_DIR" && pwd)
  else
    DATA_DIR="$RUN_DIR/data"
    ((KEEP_DATA)) || DELETE_DATA=1
  fi
  BASE_URL="http://127.0.0.1:$PORT"
  read -r -a JVM_FLAGS <<<"${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
  SETSID=()
  # its own session: a Ctrl-C on the terminal reaches the trap below, not the JVM or PostgreSQL
  command -v setsid >/dev/null && SETSID=(setsid)
  START=$SECONDS
  log "starting the app on port $PORT with $("$JAVA" -version 2>&1 | head -n 1), data in ${DATA_DIR#"$ROOT"/}"
  (
    cd "$ROOT"
    exec "${SETSID[@]}" "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" \
      --server.port="$PORT" \
      --dukkan.embedded-postgres.data-directory="$DATA_DIR" \
      --dukkan.seed.demo-products=0 \
      --dukkan.seed.products="$PRODUCTS" \
      --dukkan.storage.directory="$RUN_DIR/files" \
      "${APP_ARGS[@]}"
  ) >"$RUN_DIR/app.log" 2>&1 </dev/null &
  APP_PID=$!
  STARTED=1
  wait_ready "$PRODUCTS"
  log "ready after $((SECONDS - START)) s"
else
  wait_ready 1
fi

# ---------------------------------------------------------------- the request mix
log "building the request mix from the API"
URLS="$RUN_DIR/urls.txt"
python3 "$HELPER" urls --base "$BASE_URL" --out "$URLS" --stats "$RUN_DIR/urls-stats.json" \
  ${SEED:+--seed "$SEED"} >/dev/null
cat "$RUN_DIR/urls-stats.json" >&2
echo >&2
LISTING_URLS=$(grep -c $'^listing\t' "$URLS" || true)
DETAIL_URLS=$(grep -c $'^detail\t' "$URLS" || true)
CATALOG_TOTAL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["catalog_total"])' "$RUN_DIR/urls-stats.json")
printf 'livez\t/livez\n' >"$RUN_DIR/livez-urls.txt"

# ---------------------------------------------------------------- measurements
# Both measured paths are warmed up: on two cores the JIT compiler needs well over a minute of load
# before a path runs at its steady rate, and /livez runs code (its own filter chain) the mix does not.
if [[ $WARMUP != 0 && $WARMUP != 0[smh] ]]; then
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
CPU=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
MACHINE="$(nproc) cores ${CPU:-unknown CPU}, ${MEM:-? GiB}"
JDK_FALLBACK="" # the summary prefers jvm_info from the app's own metrics
((STARTED)) && JDK_FALLBACK=$("$JAVA" -version 2>&1 | head -n 1 | sed 's/^[^"]*"\([^"]*\)".*/\1/')
echo
set +e
python3 "$HELPER" summary \
  --livez "$RUN_DIR/livez.txt" --mix "$RUN_DIR/mix.txt" \
  --before "$RUN_DIR/prometheus-before.txt" --after "$RUN_DIR/prometheus-after.txt" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$JDK_FALLBACK" --machine "$MACHINE" \
  --wrk "-t$THREADS -c$CONNECTIONS; warm-up $WARMUP, livez $LIVEZ_DURATION, mix $DURATION" \
  --mix-info "$LISTING_URLS listing + $DETAIL_URLS detail URLs (catalog of $CATALOG_TOTAL products)" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
