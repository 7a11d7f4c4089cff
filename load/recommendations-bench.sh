#!/usr/bin/env bash
# Recommendations API benchmark: starts the shop on a fresh embedded PostgreSQL with 10,000 products
# and a paid order history (dukkan.seed.demo-orders), waits until the recommendations have counted
# that history (their backfill), then measures GET /api/v1/recommendations with wrk over every
# product's slug (and the home page's set) and prints a summary row. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
LUA="$LOAD/catalog-mix.lua"
BENCH_TAKES_URL=1
BENCH_NAME=recommendations-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
DURATION=30s
# on two cores the JIT compiler needs about a minute of load before the path runs at its steady rate
WARMUP=60s
APP_ARGS=()
CONNECTIONS=8
THREADS=2
PRODUCTS=10000
ORDERS=20000
LIMIT=8
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
START_TIMEOUT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF2
Usage: load/recommendations-bench.sh [options]

Benchmarks GET /api/v1/recommendations (90 % ?product=<slug> over every active product, 10 % the
home page's set) and prints a summary with PASS/FAIL against the target (p99 < 20 ms, no non-2xx).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --duration D          measured duration, wrk syntax (default $DURATION)
  --warmup D            warm-up over the same mix before measuring; 0 to skip (default $WARMUP)
  --connections N       wrk connections (default $CONNECTIONS)
  --threads N           wrk threads (default $THREADS)
  --products N          products seeded at start-up (default $PRODUCTS)
  --orders N            paid orders seeded at start-up (default $ORDERS)
  --limit N             recommendations per request (default $LIMIT)
  --port N              HTTP port of the app (default: a free port)
  --keep-data           keep the fresh data directory
  --url URL             benchmark a shop already running at URL (nothing is built or started)
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app and the backfill (default $START_TIMEOUT)
  -h, --help            this text

Environment: JAVA_HOME, JAVA_OPTS (default: $DEFAULT_JAVA_OPTS).
Results (wrk output, URL list, app log, summary) are kept in var/recommendations-<timestamp>/.
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF2
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --duration) need_value "$@"; DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --connections) need_value "$@"; CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --orders) need_value "$@"; ORDERS=$2; shift ;;
    --limit) need_value "$@"; LIMIT=$2; shift ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
is_duration "$DURATION" || die "--duration must be a wrk duration such as 30s"
is_duration "$WARMUP" || die "--warmup must be a wrk duration such as 30s"
bench_check_counts "$CONNECTIONS" "$THREADS" "$PRODUCTS" "$ORDERS" "$LIMIT" "$START_TIMEOUT"

bench_require_tools
bench_find_java
bench_init_run_dir recommendations

bench_ready_fallback() { (($(bench_catalog_total) >= $1)); }

run_wrk() { # name duration
  log "wrk $2 over the mix ($1)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$LUA" "$BASE_URL" -- "$URLS" | tee "$RUN_DIR/$1.txt"
}

# ---------------------------------------------------------------- the app and its order history
if [[ -z $BASE_URL ]]; then
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" \
    --dukkan.seed.demo-orders="$ORDERS"
  bench_wait_ready "$PRODUCTS"
  log "ready after $((SECONDS - APP_START)) s; waiting for the recommendations' backfill"
  deadline=$((SECONDS + START_TIMEOUT))
  until grep -q 'Recommendations backfill finished' "$RUN_DIR/app.log"; do
    ((SECONDS < deadline)) || die "the backfill did not finish within $START_TIMEOUT s"
    sleep 2
  done
  log "$(grep -o 'Recommendations backfill finished.*' "$RUN_DIR/app.log" | head -n 1) after $((SECONDS - APP_START)) s"
  bench_analyze
else
  bench_wait_ready 1
fi

# ---------------------------------------------------------------- the request mix
URLS="$RUN_DIR/urls.txt"
log "listing every active product's slug"
python3 - "$BASE_URL" "$URLS" "$LIMIT" <<'PY'
import json, random, sys, urllib.request
base, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
slugs, page = [], 0
while True:
    with urllib.request.urlopen(f"{base}/api/v1/products?size=100&page={page}", timeout=60) as r:
        items = json.load(r)["items"]
    if not items:
        break
    slugs += [item["slug"] for item in items]
    page += 1
random.Random(7).shuffle(slugs)
with open(out, "w") as f:
    for slug in slugs:
        f.write(f"product\t/api/v1/recommendations?product={slug}&limit={limit}\n")
    for _ in range(max(1, len(slugs) // 9)):
        f.write(f"home\t/api/v1/recommendations?limit={limit}\n")
print(f"{len(slugs)} products", file=sys.stderr)
PY
SAMPLE=$(grep -m 1 $'^product\t' "$URLS" | cut -f 2)
log "a sample answer ($SAMPLE): $(curl -s "$BASE_URL$SAMPLE" | head -c 300)"

# ---------------------------------------------------------------- measurements
if ! is_zero_duration "$WARMUP"; then
  run_wrk warmup "$WARMUP" >/dev/null
  log "warm-up: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure')"
fi
# the machine's state: the HTTP stack alone (GET /livez) under the same connections
printf 'livez\t/livez\n' >"$RUN_DIR/livez-urls.txt"
log "wrk 10s over /livez (baseline)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s --latency -s "$LUA" "$BASE_URL" -- "$RUN_DIR/livez-urls.txt" >"$RUN_DIR/livez.txt"
run_wrk mix "$DURATION"

# ---------------------------------------------------------------- summary
python3 - "$RUN_DIR/mix.txt" "$RUN_DIR/livez.txt" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(bench_jdk)" "$(bench_machine)" \
  "-t$THREADS -c$CONNECTIONS, warm-up $WARMUP, $DURATION" "$PRODUCTS products, $ORDERS orders" \
  "$RUN_DIR/summary.txt" <<'PY'
import re, sys
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
def percentiles_of(text):
    return {p: ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M)}
text = open(sys.argv.pop(1)).read()
livez = open(sys.argv.pop(1)).read()
percentiles = percentiles_of(text)
livez_p99 = percentiles_of(livez)["99"]
livez_rate = float(re.search(r"^Requests/sec:\s+([\d.]+)", livez, re.M).group(1))
rate = float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M).group(1))
errors = sum(int(n) for n in re.findall(r"^Non-2xx or 3xx responses:\s+(\d+)", text, re.M))
ok = percentiles["99"] < 20 and errors == 0
date, jdk, machine, runs, data, out = sys.argv[1:7]
row = (f"{date} | {data} | {runs} | {rate:.0f} req/s | p50 {percentiles['50']:.2f} ms"
       f" | p90 {percentiles['90']:.2f} ms | p99 {percentiles['99']:.2f} ms | non-2xx {errors}"
       f" | /livez {livez_rate:.0f} req/s, p99 {livez_p99:.2f} ms"
       f" | JDK {jdk} | {machine} | {'PASS' if ok else 'FAIL'} (p99 < 20 ms)")
print(row)
open(out, "w").write(row + "\n")
sys.exit(0 if ok else 3)
PY
