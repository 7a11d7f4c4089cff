#!/usr/bin/env bash
# Erasure benchmark: starts the shop on a fresh embedded PostgreSQL, writes a customer who has 1,000
# orders (lines, history), 1,000 posts, 1,000 mails in the development mailbox and 1,000 WhatsApp messages
# (load/erasure-data.sql), signs them in and asks for their erasure (POST /api/v1/me/erasures), then
# times the request from its creation to its completion (every module's part done), as the database
# recorded them. See docs/benchmarks.md, "Erasure (privacy P3)".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
BENCH_NAME=erasure-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
ORDERS=1000
POSTS=1000
MAILS=1000
TARGET_MS=10000
WAIT=300
PORT=""
DATA_DIR=""
KEEP_DATA=0
APP_ARGS=()
START_TIMEOUT=600
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC"

usage() {
  cat <<EOF2
Usage: load/erasure-bench.sh [options]

Erases a customer with many orders, posts and mails and measures the erasure from the request to
its last part (PASS: under ${TARGET_MS} ms, no part failed, no trace of the email left in orders).

Options:
  --orders N            the customer's orders (default $ORDERS)
  --posts N             their community posts (default $POSTS)
  --mails N             mails to them in the development mailbox (default $MAILS)
  --wait S              how long to wait for the erasure (default $WAIT)
  --build               build target/dukkan.jar first (also when it is missing)
  --keep-data           keep the fresh data directory
  --port N              the shop's port (default: a free one)
  --app-arg ARG         extra argument for the shop (repeatable)
  --start-timeout S     seconds to wait for the shop (default $START_TIMEOUT)
  -h, --help            this help

Environment: JAVA_HOME, JAVA_OPTS (default: $DEFAULT_JAVA_OPTS).
Needs psql (apt-get install -y postgresql-client), python3 and curl.
Results (summary, logs) are kept in var/erasure-bench-<timestamp>/.
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF2
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --orders) need_value "$@"; ORDERS=$2; shift ;;
    --posts) need_value "$@"; POSTS=$2; shift ;;
    --mails) need_value "$@"; MAILS=$2; shift ;;
    --wait) need_value "$@"; WAIT=$2; shift ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
bench_check_counts "$ORDERS" "$POSTS" "$MAILS" "$WAIT" "$START_TIMEOUT"
command -v psql >/dev/null || die "psql is needed (apt-get install -y postgresql-client)"

bench_require_tools --without-wrk
bench_find_java
bench_init_run_dir erasure-bench

ADMIN_EMAIL=admin@bench.dukkan.local
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
bench_start_app --dukkan.seed.demo-products=0 --dukkan.seed.demo-orders=0
bench_wait_ready
log "ready after $((SECONDS - APP_START)) s"
PG_PORT=$(sed -n 4p "$DATA_DIR/postmaster.pid")
PG_HOST=$(sed -n 5p "$DATA_DIR/postmaster.pid")
sql() {
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "${PG_HOST:-127.0.0.1}" -p "$PG_PORT" -U postgres -d dukkan "$@"
}

# ---------------------------------------------------------------- the customer and their data
EMAIL="erasable-$STAMP@bench.dukkan.local"
EMAIL=${EMAIL,,}
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
JAR_COOKIES="$RUN_DIR/cookies.txt"
csrf() { awk '$6 == "XSRF-TOKEN" { print $7 }' "$JAR_COOKIES" | tail -n 1; }
api() { # method path [json]
  curl -fsS --max-time 30 -b "$JAR_COOKIES" -c "$JAR_COOKIES" -X "$1" -H 'Content-Type: application/json' \
    -H 'Accept: application/json' -H "X-XSRF-TOKEN: $(csrf)" ${3:+--data "$3"} "$BASE_URL$2"
}
curl -fsS --max-time 30 -c "$JAR_COOKIES" "$BASE_URL/api/v1/auth/csrf" >/dev/null
api POST /api/v1/auth/register "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\", \"accept_privacy_notice\": true}" >/dev/null
log "writing $ORDERS orders, $POSTS posts, $MAILS mails and $MAILS WhatsApp messages of $EMAIL (load/erasure-data.sql)"
started=$SECONDS
sql -v email="$EMAIL" -v orders="$ORDERS" -v posts="$POSTS" -v mails="$MAILS" \
  -f "$LOAD/erasure-data.sql" >"$RUN_DIR/data.txt" 2>&1 ||
  { tail -n 20 "$RUN_DIR/data.txt" >&2; die "writing the data failed"; }
log "written in $((SECONDS - started)) s"
sql -c "analyze" >/dev/null

# ---------------------------------------------------------------- the erasure
curl -fsS --max-time 30 -b "$JAR_COOKIES" -c "$JAR_COOKIES" "$BASE_URL/api/v1/auth/csrf" >/dev/null
api POST /api/v1/auth/login "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}" >/dev/null
curl -fsS --max-time 30 -b "$JAR_COOKIES" -c "$JAR_COOKIES" "$BASE_URL/api/v1/auth/csrf" >/dev/null
log "asking for the erasure"
api POST /api/v1/me/erasures "{\"password\": \"$PASSWORD\"}" >"$RUN_DIR/erasure.json"
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$RUN_DIR/erasure.json")
deadline=$((SECONDS + WAIT))
while [[ $(sql -At -c "select status from privacy_requests where id = '$ID'") == running ]]; do
  ((SECONDS < deadline)) || die "the erasure did not finish within $WAIT s"
  sleep 0.2
done

STATUS=$(sql -At -c "select status from privacy_requests where id = '$ID'")
MILLIS=$(sql -At -c "select round(extract(epoch from completed_at - created_at) * 1000)
  from privacy_requests where id = '$ID'")
PARTS=$(sql -At -c "select string_agg(p.part || ' ' || p.status || ' ' ||
    coalesce(round(extract(epoch from p.completed_at - r.created_at) * 1000)::text, '-') || ' ms', ', ' order by p.completed_at)
  from privacy_request_parts p join privacy_requests r on r.id = p.request_id where request_id = '$ID'")
LEFT=$(sql -At -c "select count(*) from orders where lower(email) = '$EMAIL'")
KEPT=$(sql -At -c "select count(*) from orders where email = 'erased@erased.invalid' and number like 'BENCH-%'")
{
  echo "erasure-bench $(date -u +%Y-%m-%dT%H:%MZ), $(bench_jdk), $(bench_machine)"
  echo "data: $ORDERS orders, $POSTS posts, $MAILS mails of one customer"
  echo "erasure $ID: $STATUS in ${MILLIS:-?} ms (target < $TARGET_MS ms)"
  echo "parts (finished after the request): $PARTS"
  echo "orders kept anonymised: $KEPT; orders still with the email: $LEFT"
} | tee "$RUN_DIR/summary.txt" | sed "s/^/[$BENCH_NAME] /" >&2
if [[ $STATUS == completed && -n $MILLIS ]] && ((MILLIS < TARGET_MS && LEFT == 0 && KEPT == ORDERS)); then
  log "PASS"
  exit 0
fi
log "FAIL"
exit 3
