#!/usr/bin/env bash
# Two instances of the shop behind HAProxy on one PostgreSQL, under the catalog's listing mix and
# the full purchase flow at the same time:
#
#   ./mvnw -B -q package -DskipTests && load/scale-out-bench.sh [--duration 60s] [--warmup 30s]
#
# Instance A starts the embedded PostgreSQL (data in $DATA, default var/bench-scale, seeded with
# 10,000 products on the first run) and runs jobs; instance B uses A's PostgreSQL and runs jobs
# too. HAProxy (installed with apt-get when missing) balances both round-robin on port 18080 and
# checks /readyz. load/catalog-bench.sh and load/purchase-bench.sh run against HAProxy together;
# then this script reports, for the measured window, the requests per second of both, the CPU
# seconds used by each JVM, PostgreSQL, HAProxy and wrk (from /proc), requests per CPU-second of
# the shop (JVMs and PostgreSQL apart), each JVM's peak resident memory (VmHWM) and the
# exactly-once checks (every paid draft has one order number, no order number twice, stock held
# and sold never below zero).
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
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
command -v haproxy >/dev/null || apt-get install -y haproxy >/dev/null
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
export DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED=true
OUT=var/scale-$(date +%Y%m%dT%H%M%S)
mkdir -p "$OUT"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

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
  --dukkan.seed.products=10000 --logging.level.root=WARN > "$OUT/a.log" 2>&1 &
pids+=($!); A=$!
wait_ready 18081
PG_PORT=$(sed -n 4p "$DATA/postmaster.pid")
PG_PID=$(sed -n 1p "$DATA/postmaster.pid")
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port=18082 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/dukkan" --spring.datasource.username=postgres \
  --logging.level.root=WARN > "$OUT/b.log" 2>&1 &
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

cpu() { # user+system CPU seconds of a process and its children that have exited
  awk '{ printf "%.2f", ($14 + $15 + $16 + $17) / 100 }' "/proc/$1/stat"
}
pg_cpu() { # all PostgreSQL processes of this data directory (the postmaster and its backends)
  local total=0
  for p in $(pgrep -P "$PG_PID") "$PG_PID"; do
    total=$(echo "$total + $(cpu "$p" 2>/dev/null || echo 0)" | bc)
  done
  echo "$total"
}
wrk_cpu() {
  local total=0
  for p in $(pgrep -x wrk); do total=$(echo "$total + $(cpu "$p")" | bc); done
  echo "$total"
}

load/catalog-bench.sh --url http://127.0.0.1:18080 --warmup "$WARMUP" --duration "$DURATION" \
  > "$OUT/catalog.txt" 2>&1 &
CATALOG=$!
load/purchase-bench.sh --url http://127.0.0.1:18080 --warmup "$WARMUP" --flow-duration "$DURATION" \
  > "$OUT/purchase.txt" 2>&1 &
PURCHASE=$!

# the measured window: both benchmarks' measuring runs overlap most after their warm-ups
sleep "${WARMUP%s}"
sleep "${WARMUP%s}"
before=("$(cpu $A)" "$(cpu $B)" "$(pg_cpu)" "$(cpu $H)" "$(wrk_cpu)" "$(date +%s.%N)")
sleep "${DURATION%s}"
after=("$(cpu $A)" "$(cpu $B)" "$(pg_cpu)" "$(cpu $H)" "$(wrk_cpu)" "$(date +%s.%N)")
wait $CATALOG || echo "catalog-bench failed: see $OUT/catalog.txt"
wait $PURCHASE || echo "purchase-bench failed: see $OUT/purchase.txt"

seconds=$(echo "${after[5]} - ${before[5]}" | bc)
echo "== window of $seconds s"
printf "CPU seconds: instance A %.1f, instance B %.1f, PostgreSQL %.1f, HAProxy %.1f, wrk %.1f\n" \
  "$(echo "${after[0]} - ${before[0]}" | bc)" "$(echo "${after[1]} - ${before[1]}" | bc)" \
  "$(echo "${after[2]} - ${before[2]}" | bc)" "$(echo "${after[3]} - ${before[3]}" | bc)" \
  "$(echo "${after[4]} - ${before[4]}" | bc)"
echo "peak resident memory: A $(grep VmHWM /proc/$A/status | awk '{print $2/1024 " MB"}'), B $(grep VmHWM /proc/$B/status | awk '{print $2/1024 " MB"}')"
echo "== catalog"; tail -25 "$OUT/catalog.txt"
echo "== purchase"; tail -30 "$OUT/purchase.txt"
echo "== exactly once"
PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=dukkan command psql -At -c "
  select 'orders with a number: ' || count(*) from orders where number is not null;
  select 'numbers used twice: ' || count(*) from (select number from orders where number is not null group by number having count(*) > 1) d;
  select 'paid drafts without a number: ' || count(*) from orders where status = 'paid' and number is null;
  select 'payments succeeded without an order: ' || count(*) from payments p where status = 'succeeded'
     and not exists (select 1 from orders o where o.id::text = p.reference and o.number is not null);
  select 'variants below zero: ' || count(*) from variants where stock < 0;"
echo "outputs in $OUT"
