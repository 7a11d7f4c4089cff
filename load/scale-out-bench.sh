#!/usr/bin/env bash
# Two instances of the shop behind HAProxy on one PostgreSQL, under the catalog's listing mix and
# the full purchase flow at the same time:
#
#   ./mvnw -B -q package -DskipTests && load/scale-out-bench.sh [--duration 60s] [--warmup 30s]
#
# Instance A starts the embedded PostgreSQL (data in $DATA, default var/bench-scale, seeded with
# 10,000 products on the first run) and runs jobs; instance B uses A's PostgreSQL and runs jobs
# too. HAProxy (installed with apt-get when missing) balances both round-robin on port 18080 and
# checks /readyz. Two wrk runs go through HAProxy at once, a warm-up and then the measured one:
# the catalog's listing mix (load/catalog-mix.lua over URLs built from the live API, 64
# connections) and the full guest purchase flow (load/purchase-flow.lua, 8 shoppers, built-in test
# provider). Reported for the measured run: both throughputs and latencies, the CPU seconds of each
# JVM, PostgreSQL and HAProxy (from /proc), requests per CPU-second of the JVMs (and with
# PostgreSQL), each JVM's peak resident memory (VmHWM) and the exactly-once checks (order numbers
# unique, no paid draft without one, no succeeded payment without an order, no stock below zero).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/dukkan.jar}
DATA=${DATA:-var/bench-scale}
DURATION=60s
WARMUP=30s
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -Xss512k"}
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    -h|--help) sed -n "2,17p" "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
command -v haproxy >/dev/null || apt-get install -y haproxy >/dev/null
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
export DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED=true
export DUKKAN_ADMIN_EMAIL=${DUKKAN_ADMIN_EMAIL:-admin@dukkan.local}
export DUKKAN_ADMIN_PASSWORD=${DUKKAN_ADMIN_PASSWORD:-Scale-Bench-Passphrase-4711}
OUT=var/scale-$(date +%Y%m%dT%H%M%S)
mkdir -p "$OUT"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# every shopper of the benchmark comes from 127.0.0.1, which the per-client limit of payment holds
# would otherwise refuse (429 too-many-holds), as load/purchase-bench.sh does
BENCH_SETTINGS=(--logging.level.root=WARN --dukkan.orders.holds-per-client=1000000)

wait_ready() {
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$1/readyz" && return 0
    sleep 0.5
  done
  echo "instance on port $1 did not get ready" >&2
  exit 1
}

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port=18081 --dukkan.embedded-postgres.data-directory="$DATA" \
  --dukkan.seed.products=10000 "${BENCH_SETTINGS[@]}" > "$OUT/a.log" 2>&1 &
pids+=($!); A=$!
wait_ready 18081
PG_PORT=$(sed -n 4p "$DATA/postmaster.pid")
PG_PID=$(sed -n 1p "$DATA/postmaster.pid")
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port=18082 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/dukkan" --spring.datasource.username=postgres \
  "${BENCH_SETTINGS[@]}" > "$OUT/b.log" 2>&1 &
pids+=($!); B=$!
wait_ready 18082

cat > "$OUT/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend shop
  bind 127.0.0.1:18080
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  server a 127.0.0.1:18081 check inter 2s
  server b 127.0.0.1:18082 check inter 2s
CFG
haproxy -f "$OUT/haproxy.cfg" > "$OUT/haproxy.log" 2>&1 &
pids+=($!); H=$!
wait_ready 18080

cpu() { # user+system CPU seconds a live process has used
  awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"
}
pg_cpu() { # the postmaster and its backends (a backend that exits between the samples is missed)
  local total=0
  for p in "$PG_PID" $(pgrep -P "$PG_PID"); do
    total=$(echo "$total + $(cpu "$p" 2>/dev/null || echo 0)" | bc)
  done
  echo "$total"
}
snapshot() { echo "$(cpu $A) $(cpu $B) $(pg_cpu) $(cpu $H) $(date +%s.%N)"; }

BASE=http://127.0.0.1:18080
python3 load/catalog_bench.py urls --base "$BASE" --out "$OUT/urls.txt" --stats "$OUT/urls-stats.json" \
  --listing 700 --detail 300 >/dev/null
python3 load/purchase_bench.py prepare --base "$BASE" --admin-email "$DUKKAN_ADMIN_EMAIL" \
  --admin-password "$DUKKAN_ADMIN_PASSWORD" --out-dir "$OUT" --products 50 --shoppers 10 >/dev/null

run() { # $1 name, $2 duration: the listing mix (64 connections) and 8 shoppers' purchases at once
  wrk -t2 -c64 -d"$2" --latency -s load/catalog-mix.lua "$BASE" -- "$OUT/urls.txt" > "$OUT/$1-catalog.txt" &
  local catalog=$!
  wrk -t8 -c8 -d"$2" --latency --timeout 30s -s load/purchase-flow.lua "$BASE" -- "$OUT/variants.txt" 1 20 \
    > "$OUT/$1-flow.txt" &
  local flow=$!
  wait $catalog
  wait $flow
}
run warmup "$WARMUP"
before=($(snapshot))
run measure "$DURATION"
after=($(snapshot))

delta() { echo "${after[$1]} - ${before[$1]}" | bc; }
seconds=$(delta 4)
requests=$(awk '/requests in/ { print $1 }' "$OUT/measure-catalog.txt")
flow_requests=$(awk '/requests in/ { print $1 }' "$OUT/measure-flow.txt")
paid=$(python3 load/purchase_bench.py flow "$OUT/measure-flow.txt" | awk -F= '$1 == "paid" { print $2 }')
jvm=$(echo "$(delta 0) + $(delta 1)" | bc)
echo "== measured $seconds s (warm-up $WARMUP before)"
echo "listing mix: $requests requests, $(echo "scale=1; $requests / $seconds" | bc) req/s; $(grep -E 'Non-2xx|non-2xx' "$OUT/measure-catalog.txt" | tr '\n' ' ')"
grep -A4 "Latency Distribution" "$OUT/measure-catalog.txt" | sed 's/^/  /'
echo "purchase flow: $paid paid orders, $(echo "scale=1; $paid / $seconds" | bc) orders/s, $flow_requests requests; unexpected answers: $(awk '/unexpected responses:/ { print $4 }' "$OUT/measure-flow.txt")"
grep -E "^(paid|order|confirm|cart|init)" "$OUT/measure-flow.txt" | sed 's/^/  /' || true
printf "CPU seconds: instance A %.1f, instance B %.1f, PostgreSQL %.1f, HAProxy %.1f\n" "$(delta 0)" "$(delta 1)" "$(delta 2)" "$(delta 3)"
echo "per core used by the JVMs: $(echo "scale=0; ($requests + $flow_requests) / $jvm" | bc) requests per CPU-second ($(echo "scale=2; $jvm / $seconds" | bc) cores); with PostgreSQL: $(echo "scale=0; ($requests + $flow_requests) / ($jvm + $(delta 2))" | bc)"
echo "peak resident memory: A $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$A/status), B $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$B/status)"
echo "== exactly once"
PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=dukkan command psql -At -c "
  select 'orders with a number: ' || count(*) from orders where number is not null;
  select 'numbers used twice: ' || count(*) from (select number from orders where number is not null group by number having count(*) > 1) d;
  select 'paid drafts without a number: ' || count(*) from orders where status = 'paid' and number is null;
  select 'payments succeeded without an order: ' || count(*) from payments p where status = 'succeeded'
     and not exists (select 1 from orders o where o.id::text = p.reference and o.number is not null);
  select 'variants below zero: ' || count(*) from variants where stock < 0;"
echo "outputs in $OUT"
