#!/usr/bin/env bash
# WhatsApp benchmark: starts the shop on a fresh embedded PostgreSQL with the WhatsApp channel
# configured and a local stub as the Cloud API, lets N customers give their consent, then sends
# signed deliveries (one new message each: "menu" typed or "browse" tapped, each answered with a
# list) with wrk (load/whatsapp-webhook.lua) while two guests shop on the web one purchase after
# another (load/whatsapp_bench.py shopper: a product page, a cart write, checkout init, each timed). Measures the webhook's acknowledgements, each conversation turn from the
# delivery recorded to the reply accepted by the stub (as the database recorded them), and the web
# routes' latency during the load. See docs/benchmarks.md, "WhatsApp (issue 19)".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
HELPER="$LOAD/whatsapp_bench.py"
BENCH_NAME=whatsapp-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
CONNECTIONS=32
THREADS=2
DURATION=30s
WARMUP=15s
PHONES=200
DRAIN_WAIT=600
PORT=""
DATA_DIR=""
KEEP_DATA=0
APP_ARGS=()
START_TIMEOUT=600
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF2
Usage: load/whatsapp-bench.sh [options]

Sends signed WhatsApp deliveries to the webhook while the web shop is used and measures (PASS):
acknowledgements >= 1,000 messages/s with p99 < 50 ms, every one 200; conversation turns (delivery
recorded -> reply accepted by the Cloud API stub) p95 < 300 ms; during the load, for guests
shopping, product pages p95 <= 200 ms, cart writes p95 <= 200 ms and checkout init p95 <= 250 ms.

Options:
  --connections N       wrk connections of the webhook load (default $CONNECTIONS)
  --threads N           wrk threads of the webhook load (default $THREADS)
  --duration D          measured load, wrk syntax (default $DURATION)
  --warmup D            webhook load before measuring (JIT), drained before the measurement;
                        0 to skip (default $WARMUP)
  --phones N            customers writing (default $PHONES)
  --drain-wait S        how long to wait for the turns to finish (default $DRAIN_WAIT)
  --data-dir DIR        embedded PostgreSQL data directory (default: a fresh one under var/, deleted)
  --build               build target/dukkan.jar first (also when it is missing)
  --keep-data           keep the fresh data directory
  --port N              the shop's port (default: a free one)
  --app-arg ARG         extra argument for the shop (repeatable)
  --start-timeout S     seconds to wait for the shop (default $START_TIMEOUT)
  -h, --help            this help

Environment:
  JAVA_HOME             JDK to run (and build) with
  JAVA_OPTS             JVM flags of the shop (default: $DEFAULT_JAVA_OPTS)

Needs psql (apt-get install -y postgresql-client), python3, curl and wrk.
Results (wrk outputs, logs, summary) are kept in var/whatsapp-bench-<timestamp>/.
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF2
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --connections) need_value "$@"; CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --duration) need_value "$@"; DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --phones) need_value "$@"; PHONES=$2; shift ;;
    --drain-wait) need_value "$@"; DRAIN_WAIT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done
bench_check_counts "$CONNECTIONS" "$THREADS" "$PHONES" "$DRAIN_WAIT" "$START_TIMEOUT"
((CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
for d in "$DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 2m)"
done
command -v psql >/dev/null || die "psql is needed (apt-get install -y postgresql-client)"

bench_require_tools
bench_find_java
bench_init_run_dir whatsapp-bench

seconds_of() { python3 -c "import re,sys; v=sys.argv[1]; m=re.fullmatch(r'(\d+)([smh]?)', v); print(int(m.group(1)) * {'': 1, 's': 1, 'm': 60, 'h': 3600}[m.group(2)])" "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

STUB_PID=""
# shellcheck disable=SC2317 # reached through the trap
bench_on_exit() {
  [[ -z $STUB_PID ]] || kill "$STUB_PID" 2>/dev/null || true
}

STUB_PORT=$(free_port)
python3 "$HELPER" stub --port "$STUB_PORT" >"$RUN_DIR/stub.log" 2>&1 &
STUB_PID=$!

SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
PHONE_NUMBER_ID=1055500099
ADMIN_EMAIL="whatsapp-bench@dukkan.local"
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
export DUKKAN_WHATSAPP_VERIFY_TOKEN=bench DUKKAN_WHATSAPP_APP_SECRET=$SECRET
export DUKKAN_WHATSAPP_PHONE_NUMBER_ID=$PHONE_NUMBER_ID DUKKAN_WHATSAPP_ACCESS_TOKEN=bench-token
# the stub listens on 127.0.0.1, which outgoing HTTP refuses unless allowed
bench_start_app --dukkan.automation.whatsapp.base-url="http://127.0.0.1:$STUB_PORT/v21.0" \
  --dukkan.automation.http.allowed-hosts=127.0.0.1
bench_wait_ready
log "ready after $((SECONDS - APP_START)) s; Cloud API stub on port $STUB_PORT"

PG_PORT=$(sed -n 4p "$DATA_DIR/postmaster.pid")
PG_HOST=$(sed -n 5p "$DATA_DIR/postmaster.pid")
sql() {
  PGCONNECT_TIMEOUT=10 psql -X -q -t -A -v ON_ERROR_STOP=1 -h "${PG_HOST:-127.0.0.1}" -p "$PG_PORT" -U postgres -d dukkan -c "$1"
}

python3 "$LOAD/purchase_bench.py" prepare --base "$BASE_URL" --admin-email "$ADMIN_EMAIL" \
  --admin-password "$ADMIN_PASSWORD" --out-dir "$RUN_DIR" --products 20 --shoppers 10 >"$RUN_DIR/prepare.json"
SLUG=$(curl -fsS "$BASE_URL/api/v1/products?page=0&size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')

log "$PHONES customers give their consent"
python3 "$HELPER" consent --base "$BASE_URL" --secret "$SECRET" --phone-number-id "$PHONE_NUMBER_ID" --phones "$PHONES" >/dev/null
for _ in $(seq 1 120); do
  [[ $(sql "select count(*) from whatsapp_conversations where consent = 'granted'") -ge $PHONES ]] && break
  sleep 1
done
[[ $(sql "select count(*) from whatsapp_conversations where consent = 'granted'") -ge $PHONES ]] ||
  die "the customers' consent was not processed within 120 s"

# new message ids for each run (a repeated id is answered without being recorded): at most 4,000 a second
WARMUP_COUNT=$(($(seconds_of "$WARMUP") * 4000 + 1))
MEASURED_COUNT=$(($(seconds_of "$DURATION") * 4000))
python3 "$HELPER" deliveries --secret "$SECRET" --phone-number-id "$PHONE_NUMBER_ID" --phones "$PHONES" \
  --count "$WARMUP_COUNT" --out "$RUN_DIR/warmup-deliveries.txt" >/dev/null
python3 "$HELPER" deliveries --secret "$SECRET" --phone-number-id "$PHONE_NUMBER_ID" --phones "$PHONES" \
  --start "$WARMUP_COUNT" --count "$MEASURED_COUNT" --out "$RUN_DIR/deliveries.txt" >/dev/null
log "$((WARMUP_COUNT + MEASURED_COUNT)) signed deliveries written"

webhook() { # name duration deliveries-file
  log "wrk $2 of webhook deliveries, -t$THREADS -c$CONNECTIONS ($1)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$LOAD/whatsapp-webhook.lua" "$BASE_URL" -- \
    "$3" "$THREADS" >"$RUN_DIR/$1.txt"
}

drain() { # waits until every recorded delivery is processed and no reply waits; prints the time
  local deadline=$((SECONDS + DRAIN_WAIT))
  while ((SECONDS < deadline)); do
    if [[ $(sql "select (select count(*) from whatsapp_inbox where processed_at is null)
                 + (select count(*) from whatsapp_messages where status = 'queued')") == 0 ]]; then
      date +%s.%N
      return 0
    fi
    sleep 0.5
  done
  return 1
}

if ! is_zero_duration "$WARMUP"; then
  webhook warmup "$WARMUP" "$RUN_DIR/warmup-deliveries.txt"
  log "warm-up: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure'); waiting for its turns"
  drain >/dev/null || die "the warm-up's turns did not finish within $DRAIN_WAIT s"
fi
bench_analyze

T0=$(date +%s.%N)
log "$DURATION of webhook load with two guests shopping beside it"
SHOPPER_PIDS=()
for n in 1 2; do
  python3 "$HELPER" shopper --base "$BASE_URL" --variants "$RUN_DIR/variants.txt" --slug "$SLUG" \
    --seconds "$(seconds_of "$DURATION")" >"$RUN_DIR/shopper-$n.json" &
  SHOPPER_PIDS+=($!)
done
webhook webhook "$DURATION" "$RUN_DIR/deliveries.txt"
wait "${SHOPPER_PIDS[@]}"
cat "$RUN_DIR"/shopper-*.json >"$RUN_DIR/shoppers.json"
T1=$(date +%s.%N)
log "waiting for the turns to finish (up to $DRAIN_WAIT s)"
DRAINED=$(drain) || die "the turns did not finish within $DRAIN_WAIT s"
sql "select json_build_object(
       'turns', count(*),
       'p50_ms', round((percentile_cont(0.5) within group (order by ms))::numeric, 1),
       'p95_ms', round((percentile_cont(0.95) within group (order by ms))::numeric, 1),
       'p99_ms', round((percentile_cont(0.99) within group (order by ms))::numeric, 1),
       'drain_s', round(($DRAINED - $T1)::numeric, 1))
     from (select extract(epoch from (select min(o.sent_at) from whatsapp_messages o
                                      where o.conversation_id = m.conversation_id and o.direction = 'out'
                                        and o.created_at >= m.created_at) - i.received_at) * 1000 as ms
             from whatsapp_messages m join whatsapp_inbox i on i.id = m.wa_message_id
            where m.direction = 'in' and i.received_at >= to_timestamp($T0)) turns" >"$RUN_DIR/turns.json"
log "wrk 20s of /livez (the machine's reference rate)"
wrk -t"$THREADS" -c64 -d20s "$BASE_URL/livez" >"$RUN_DIR/livez.txt"
LIVEZ=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); from catalog_bench import parse_wrk; print(parse_wrk(open(sys.argv[2]).read()).get("rps") or "")' "$LOAD" "$RUN_DIR/livez.txt")

echo
set +e
python3 "$HELPER" summary --webhook "$RUN_DIR/webhook.txt" --turns "$RUN_DIR/turns.json" \
  --shoppers "$RUN_DIR/shoppers.json" ${LIVEZ:+--livez-rps "$LIVEZ"} \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$(bench_jdk)" --machine "$(bench_machine)" \
  --runs "warm-up $WARMUP; $DURATION: webhook -t$THREADS -c$CONNECTIONS, 2 guests shopping; $PHONES customers" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
