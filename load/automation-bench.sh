#!/usr/bin/env bash
# Automation benchmark: starts the shop on a fresh embedded PostgreSQL with a local HTTP stub, creates
# an API key (triggers:write) and a two-step workflow (an http call to the stub, then a second call
# under a condition on the first one's answer), and measures POST /api/v1/triggers/{key} with wrk
# (load/automation-trigger.lua) while the runs drain, then the runs finished end to end per second.
# See docs/benchmarks.md, "Automation (issue 18)".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
LUA="$LOAD/automation-trigger.lua"
HELPER="$LOAD/automation_bench.py"
BENCH_NAME=automation-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
CONNECTIONS=32
THREADS=2
DURATION=30s
WARMUP=30s
DRAIN_WAIT=900
PORT=""
DATA_DIR=""
KEEP_DATA=0
APP_ARGS=()
START_TIMEOUT=600
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF2
Usage: load/automation-bench.sh [options]

Triggers a two-step workflow over HTTP with an API key and measures: triggers accepted per second
and their latency (PASS: >= 2,000 req/s, p99 < 50 ms, every one answered 202) while runs drain, and
runs finished end to end per second from the first measured trigger to the last run (PASS: >= 500/s,
none failed).

Options:
  --connections N       wrk connections (default $CONNECTIONS)
  --threads N           wrk threads (default $THREADS)
  --duration D          measured triggering, wrk syntax (default $DURATION)
  --warmup D            triggering before measuring (JIT); its runs drain before the measurement;
                        0 to skip (default $WARMUP)
  --drain-wait S        how long to wait for the runs to finish (default $DRAIN_WAIT)
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

Results (wrk output, logs, Prometheus scrapes, summary) are kept in var/automation-bench-<timestamp>/.
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
    --drain-wait) need_value "$@"; DRAIN_WAIT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done
bench_check_counts "$CONNECTIONS" "$THREADS" "$DRAIN_WAIT" "$START_TIMEOUT"
((CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
for d in "$DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 2m)"
done

bench_require_tools
bench_find_java
bench_init_run_dir automation-bench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

STUB_PID=""
# shellcheck disable=SC2317 # reached through the trap
bench_on_exit() {
  [[ -z $STUB_PID ]] || kill "$STUB_PID" 2>/dev/null || true
}

STUB_PORT=$(free_port)
python3 "$HELPER" stub --port "$STUB_PORT" >"$RUN_DIR/stub.log" 2>&1 &
STUB_PID=$!

ADMIN_EMAIL="automation-bench@dukkan.local"
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
# the stub listens on 127.0.0.1, which outgoing HTTP refuses unless allowed
bench_start_app --dukkan.seed.demo-products=0 --dukkan.automation.http.allowed-hosts=127.0.0.1
bench_wait_ready
log "ready after $((SECONDS - APP_START)) s; stub on port $STUB_PORT"

python3 "$HELPER" prepare --base "$BASE_URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
  --stub-port "$STUB_PORT" --out "$RUN_DIR/key.txt" | tee "$RUN_DIR/prepare.json" >&2
KEY=$(cat "$RUN_DIR/key.txt")
WORKFLOW=bench-two-step

trigger() { # name duration
  log "wrk $2 of triggers, -t$THREADS -c$CONNECTIONS ($1)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s "$LUA" "$BASE_URL" -- "$KEY" "$WORKFLOW" | tee "$RUN_DIR/$1.txt"
}

drain() {
  python3 "$HELPER" drain --base "$BASE_URL" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" \
    --wait "$DRAIN_WAIT"
}

if ! is_zero_duration "$WARMUP"; then
  trigger warmup "$WARMUP" >/dev/null
  log "warm-up: $(grep '^Requests/sec' "$RUN_DIR/warmup.txt" || echo 'no figure'); waiting for its runs"
  drain >/dev/null || die "the warm-up's runs did not finish within $DRAIN_WAIT s"
fi

scrape "$RUN_DIR/prometheus-before.txt"
T0=$(date +%s.%N)
trigger triggers "$DURATION"
T1=$(date +%s.%N)
scrape "$RUN_DIR/prometheus-during.txt"
log "waiting for the runs to finish (up to $DRAIN_WAIT s)"
DRAINED=$(drain | python3 -c 'import json,sys; v=json.load(sys.stdin)["drained_at"]; print("" if v is None else v)') || true
scrape "$RUN_DIR/prometheus-after.txt"
# the machine's reference rate, as the other benchmarks measure it: the same machine answers
# /livez twice as fast on some days as on others
log "wrk 20s of /livez (the machine's reference rate)"
wrk -t"$THREADS" -c64 -d20s "$BASE_URL/livez" >"$RUN_DIR/livez.txt"

echo
set +e
python3 "$HELPER" summary \
  --triggers "$RUN_DIR/triggers.txt" \
  --before "$RUN_DIR/prometheus-before.txt" --during "$RUN_DIR/prometheus-during.txt" \
  --after "$RUN_DIR/prometheus-after.txt" --livez "$RUN_DIR/livez.txt" \
  --seconds "$(python3 -c "print(round($T1 - $T0, 3))")" \
  ${DRAINED:+--drain-seconds "$(python3 -c "print(round($DRAINED - $T0, 3))")"} \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$(bench_jdk)" --machine "$(bench_machine)" \
  --runs "warm-up $WARMUP; triggers $DURATION -t$THREADS -c$CONNECTIONS" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
