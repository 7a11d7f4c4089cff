#!/usr/bin/env bash
# Job benchmark: runs `java -jar target/dukkan.jar jobs-bench` on a fresh embedded PostgreSQL, with
# the no-op job type or with the order-confirmation mail job. For the mail job it first starts the
# shop and buys one order through the API (built-in test payment provider), stops the shop, starts
# a local SMTP server (GreenMail standalone) and lets every job render and send that order's
# confirmation to it; at the end it counts the mails the SMTP server received. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
HELPER="$LOAD/jobs_bench.py"
BENCH_NAME=jobs-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

MAIL_TASK=mail-order-confirmation
TASK=bench-noop
JOBS=""
RATE=""
SECONDS_=""
ORDER=""
BUILD=0
APP_ARGS=()
PORT=""
SMTP_PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
START_TIMEOUT=600
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"
DEFAULT_GREENMAIL_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC"
GREENMAIL_PID=""

usage() {
  cat <<EOF
Usage: load/jobs-bench.sh [options]

Measures job throughput and enqueue-to-start latency with one worker process (the jobs-bench
command) and prints a summary with PASS/FAIL: p95 enqueue-to-start < 500 ms at the latency rate,
for the no-op task also >= 2,000 jobs/s; for the mail task also exactly one mail per job at the
SMTP server.

Options:
  --task NAME           bench-noop (default) or $MAIL_TASK
  --jobs N              jobs of the throughput phase (default 50000 no-op, 10000 mail)
  --rate R              jobs/s of the latency phase, below the throughput (default 500 no-op, 100 mail)
  --seconds S           duration of the latency phase (default 15 no-op, 20 mail)
  --order NUMBER        mail task: an existing paid order of --data-dir instead of buying one
  --smtp-port N         mail task: port of the local SMTP server (default: a free port)
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --data-dir DIR        embedded PostgreSQL data directory to use; it is kept afterwards
                        (default: a fresh var/jobs-bench-<timestamp>/data, deleted afterwards)
  --keep-data           keep the fresh data directory
  --app-arg ARG         extra Spring setting for the jobs-bench command, repeatable, e.g.
                        --app-arg --db-scheduler.threads=8
  --port N              HTTP port of the shop while it takes the order (default: a free port)
  --start-timeout S     seconds to wait for the shop to be ready (default $START_TIMEOUT)
  -h, --help            this text

Environment:
  JAVA_HOME             JDK to run (and build) with
  JAVA_OPTS             JVM flags of the shop and the command (default: $DEFAULT_JAVA_OPTS)
  GREENMAIL_JAVA_OPTS   JVM flags of the SMTP server (default: $DEFAULT_GREENMAIL_JAVA_OPTS)
  DUKKAN_ADMIN_EMAIL, DUKKAN_ADMIN_PASSWORD
                        the administrator that watches the job queues while the order is taken
                        (default: a fresh one with a random password; a reused --data-dir keeps
                        the administrator it was created with)

The GreenMail standalone jar (com.icegreen:greenmail-standalone, the version of the project's
greenmail test dependency) is copied into var/tools/ by Maven when missing. Results (the
command's output, logs, mail count, summary) are kept in var/jobs-bench-<timestamp>/. Exit status:
0 PASS, 3 FAIL, anything else: the run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --task) need_value "$@"; TASK=$2; shift ;;
    --jobs) need_value "$@"; JOBS=$2; shift ;;
    --rate) need_value "$@"; RATE=$2; shift ;;
    --seconds) need_value "$@"; SECONDS_=$2; shift ;;
    --order) need_value "$@"; ORDER=$2; shift ;;
    --smtp-port) need_value "$@"; SMTP_PORT=$2; shift ;;
    --build) BUILD=1 ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

MAIL=0
case $TASK in
  bench-noop) : "${JOBS:=50000}" "${RATE:=500}" "${SECONDS_:=15}" ;;
  "$MAIL_TASK") MAIL=1; : "${JOBS:=10000}" "${RATE:=100}" "${SECONDS_:=20}" ;;
  *) die "--task is bench-noop or $MAIL_TASK" ;;
esac
for pair in "jobs:$JOBS" "rate:$RATE" "seconds:$SECONDS_" "start-timeout:$START_TIMEOUT"; do
  is_count "${pair#*:}" || die "--${pair%%:*} must be a positive integer"
done
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
[[ -z $SMTP_PORT ]] || is_count "$SMTP_PORT" || die "--smtp-port must be a number"
[[ -z $ORDER || $ORDER =~ ^[A-Za-z0-9-]+$ ]] || die "--order is an order number such as DK-1001"
[[ -z $ORDER || -n $DATA_DIR ]] || die "--order names an order of an existing database: give --data-dir too"
((MAIL)) || [[ -z $ORDER && -z $SMTP_PORT ]] || die "--order and --smtp-port are for --task $MAIL_TASK"

command -v python3 >/dev/null || die "python3 is needed"
command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
bench_find_java
bench_init_run_dir jobs-bench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# shellcheck disable=SC2317 # reached through the trap
bench_on_exit() {
  local i
  if [[ -n $GREENMAIL_PID ]] && kill -0 "$GREENMAIL_PID" 2>/dev/null; then
    log "stopping the SMTP server (pid $GREENMAIL_PID)"
    kill -TERM "$GREENMAIL_PID" 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do
      kill -0 "$GREENMAIL_PID" 2>/dev/null || break
      sleep 1
    done
    kill -KILL "$GREENMAIL_PID" 2>/dev/null || true
    wait "$GREENMAIL_PID" 2>/dev/null || true
  fi
}

# The jar of com.icegreen:greenmail-standalone in the version of the project's greenmail test
# dependency, copied from Maven Central into var/tools/ on first use.
greenmail_jar() {
  local version jar
  version=$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
  [[ -n $version ]] || die "no greenmail.version in pom.xml"
  jar="$ROOT/var/tools/greenmail-standalone-$version.jar"
  if [[ ! -f $jar ]]; then
    log "fetching com.icegreen:greenmail-standalone:$version into var/tools/"
    (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$version" \
      -DoutputDirectory="$ROOT/var/tools" >&2) || die "could not fetch greenmail-standalone $version"
  fi
  [[ -f $jar ]] || die "$jar is missing"
  echo "$jar"
}

start_greenmail() {
  local jar api_port deadline
  local -a flags setsid=()
  jar=$(greenmail_jar)
  [[ -n $SMTP_PORT ]] || SMTP_PORT=$(free_port)
  IMAP_PORT=$(free_port)
  api_port=$(free_port)
  read -r -a flags <<<"${GREENMAIL_JAVA_OPTS:-$DEFAULT_GREENMAIL_JAVA_OPTS}"
  command -v setsid >/dev/null && setsid=(setsid)
  log "starting GreenMail $(basename "$jar" .jar): SMTP 127.0.0.1:$SMTP_PORT, IMAP $IMAP_PORT"
  "${setsid[@]}" "$JAVA" "${flags[@]}" \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$IMAP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$api_port" \
    -jar "$jar" >"$RUN_DIR/greenmail.log" 2>&1 </dev/null &
  GREENMAIL_PID=$!
  deadline=$((SECONDS + 60))
  until [[ $(http_code "http://127.0.0.1:$api_port/api/service/readiness") == 200 ]]; do
    kill -0 "$GREENMAIL_PID" 2>/dev/null || { tail -n 20 "$RUN_DIR/greenmail.log" >&2; die "GreenMail exited"; }
    ((SECONDS < deadline)) || die "GreenMail not ready after 60 s (log: ${RUN_DIR#"$ROOT"/}/greenmail.log)"
    sleep 1
  done
}

# ---------------------------------------------------------------- the order (mail task)
EMAIL="jobs-bench@example.com"
if ((MAIL)) && [[ -z $ORDER ]]; then
  ADMIN_EMAIL=${DUKKAN_ADMIN_EMAIL:-jobs-bench@dukkan.local}
  ADMIN_PASSWORD=${DUKKAN_ADMIN_PASSWORD:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')}
  export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
  # a few demo products to buy from; mails stay in the development mailbox (no SMTP yet)
  bench_start_app --dukkan.seed.demo-products=20
  bench_wait_ready
  log "ready after $((SECONDS - APP_START)) s; buying one order as a guest ($EMAIL)"
  ORDER=$(python3 "$LOAD/purchase_bench.py" buy-one --base "$BASE_URL" --email "$EMAIL" \
    --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD") || die "the purchase failed"
  log "order $ORDER is paid and its jobs are done; stopping the shop"
  bench_stop_app
fi

# ---------------------------------------------------------------- the command
if [[ -z $DATA_DIR ]]; then
  DATA_DIR="$RUN_DIR/data"
  ((KEEP_DATA)) || DELETE_DATA=1
fi
DATA_DIR=$(cd "$ROOT" && mkdir -p "$DATA_DIR" && cd "$DATA_DIR" && pwd)
if ((BUILD)) && ((!STARTED)) || [[ ! -f $JAR ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
fi

BENCH_ARGS=(--task "$TASK" --jobs "$JOBS" --rate "$RATE" --seconds "$SECONDS_"
  --dukkan.embedded-postgres.data-directory="$DATA_DIR" --dukkan.storage.directory="$RUN_DIR/files"
  --dukkan.payments.test-provider.enabled=true --logging.level.root=WARN)
if ((MAIL)); then
  start_greenmail
  BENCH_ARGS+=(--order "$ORDER" --spring.mail.host=127.0.0.1 --spring.mail.port="$SMTP_PORT")
fi
BENCH_ARGS+=("${APP_ARGS[@]}")

read -r -a JVM_FLAGS <<<"${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
SETSID=()
command -v setsid >/dev/null && SETSID=(setsid)
log "java -jar target/dukkan.jar jobs-bench ${BENCH_ARGS[*]}"
(cd "$ROOT" && exec "${SETSID[@]}" "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" jobs-bench "${BENCH_ARGS[@]}") \
  >"$RUN_DIR/bench.txt" 2>&1 </dev/null &
APP_PID=$! # stopped by the clean-up trap like the shop
STARTED=1
tail -n +1 -f --pid="$APP_PID" "$RUN_DIR/bench.txt" || true
set +e
wait "$APP_PID"
BENCH_STATUS=$?
set -e
APP_PID=""
log "the command exited with status $BENCH_STATUS"

MAIL_ARGS=()
if ((MAIL)) && ((BENCH_STATUS == 0 || BENCH_STATUS == 3)); then
  python3 "$HELPER" mails --imap-port "$IMAP_PORT" --user "$EMAIL" >"$RUN_DIR/mails.json" ||
    die "could not count the mails at the SMTP server"
  MAIL_ARGS=(--mails "$RUN_DIR/mails.json")
fi

set +e
python3 "$HELPER" summary --bench "$RUN_DIR/bench.txt" "${MAIL_ARGS[@]}" \
  --jdk "$(bench_jdk)" --machine "$(bench_machine)" --date "$(date -u +%Y-%m-%dT%H:%MZ)" \
  --out "$RUN_DIR/summary.txt"
STATUS=$?
set -e
exit "$STATUS"
