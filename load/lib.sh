# Shared parts of the benchmark commands (load/catalog-bench.sh, load/purchase-bench.sh,
# load/jobs-bench.sh, load/pages-bench.sh, load/lighthouse.sh); sourced, never run on its own. It gives: logging and option checks, the
# tools (python3, curl, wrk, a JDK), the run directory with its clean-up trap, starting and stopping
# the shop from target/dukkan.jar on a fresh embedded PostgreSQL, waiting for /readyz, scraping
# /actuator/prometheus and describing the machine.
#
# The sourcing script sets before sourcing:
#   BENCH_NAME   prefix of log lines, e.g. catalog-bench
#   ROOT         the repository
# and before calling bench_start_app / bench_wait_ready (all optional except where said):
#   BASE_URL PORT DATA_DIR KEEP_DATA START_TIMEOUT APP_ARGS(array) JAVA_OPTS DEFAULT_JAVA_OPTS BUILD
# It may define bench_ready_fallback ARGS...: called while /readyz answers 404 and /livez 200
# (a shop without /readyz), it succeeds once the shop is ready for the benchmark; and bench_on_exit:
# called first by the clean-up trap (to stop further processes of its own).
# shellcheck shell=bash

JAR="$ROOT/target/dukkan.jar"

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { log "error: $*"; exit 2; }

need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }

is_count() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }
is_duration() { [[ $1 =~ ^[0-9]+[smh]?$ ]]; }
is_zero_duration() { [[ $1 == 0 || $1 == 0[smh] ]]; }

# The options every benchmark takes (--build, --port N, --keep-data, --app-arg ARG, --start-timeout S,
# -h/--help; --url URL too when BENCH_TAKES_URL=1): sets BUILD, PORT, KEEP_DATA, APP_ARGS,
# START_TIMEOUT or BASE_URL and BENCH_SHIFT to the number of arguments used; fails (status 1) for
# any other option, which the script then parses itself. --help calls the script's usage.
bench_common_option() {
  BENCH_SHIFT=1
  case $1 in
    --build) BUILD=1 ;;
    --port) need_value "$@"; PORT=$2; BENCH_SHIFT=2 ;;
    --keep-data) KEEP_DATA=1 ;;
    --url) [[ ${BENCH_TAKES_URL:-0} == 1 ]] || return 1; need_value "$@"; BASE_URL=${2%/}; BENCH_SHIFT=2 ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); BENCH_SHIFT=2 ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; BENCH_SHIFT=2 ;;
    -h | --help) usage; exit 0 ;;
    *) return 1 ;;
  esac
}

# Dies unless every argument is a positive count and PORT, when given, a number.
bench_check_counts() {
  local value
  for value in "$@"; do
    is_count "$value" || die "counts must be positive numbers: $value"
  done
  [[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
}

# python3 and curl must be there; wrk is installed from the Debian package when missing (unless the
# argument is --without-wrk).
bench_require_tools() {
  command -v python3 >/dev/null || die "python3 is needed"
  command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
  [[ ${1:-} != --without-wrk ]] || return 0
  if ! command -v wrk >/dev/null; then
    log "wrk is not installed: apt-get install -y wrk"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y wrk >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y wrk >&2; } ||
      die "could not install wrk"
  fi
}

# Sets JAVA from JAVA_HOME, else the java on the PATH (nothing when BASE_URL is given).
bench_find_java() {
  JAVA=""
  [[ -z ${BASE_URL:-} ]] || return 0
  if [[ -n ${JAVA_HOME:-} ]]; then
    JAVA="$JAVA_HOME/bin/java"
    [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
  else
    JAVA=$(command -v java) || die "java is not on PATH (or set JAVA_HOME)"
  fi
}

# Creates RUN_DIR=$ROOT/var/<prefix>-<timestamp> and installs the clean-up trap.
bench_init_run_dir() {
  STAMP=$(date -u +%Y%m%dT%H%M%SZ)
  RUN_DIR="$ROOT/var/$1-$STAMP"
  mkdir -p "$RUN_DIR"
  APP_PID=""
  STARTED=0
  DELETE_DATA=0
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Stops the app started by bench_start_app (SIGTERM, which also stops its embedded PostgreSQL; after
# 120 s SIGKILL) and waits for it; nothing when it is not running.
bench_stop_app() {
  local i
  if [[ -n ${APP_PID:-} ]] && kill -0 "$APP_PID" 2>/dev/null; then
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
  APP_PID=""
}

# shellcheck disable=SC2317 # reached through the trap
bench_cleanup() {
  local rc=$? i pg_pid
  trap - EXIT INT TERM
  if declare -F bench_on_exit >/dev/null; then
    bench_on_exit || true
  fi
  bench_stop_app
  # A PostgreSQL that outlived its JVM (killed, crashed) is stopped by the pid in its data directory.
  if [[ -n ${DATA_DIR:-} && -f $DATA_DIR/postmaster.pid ]]; then
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
  if ((DELETE_DATA)) && [[ -n ${DATA_DIR:-} && -d $DATA_DIR ]]; then
    log "deleting the data directory $DATA_DIR"
    rm -rf -- "$DATA_DIR" "$RUN_DIR/files"
  fi
  rmdir "$RUN_DIR" 2>/dev/null || log "results are in ${RUN_DIR#"$ROOT"/}/"
  exit "$rc"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" 2>/dev/null || true; }

# Waits until /readyz answers 200 (or, without /readyz, until bench_ready_fallback "$@" succeeds).
bench_wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) code
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
      if ! declare -F bench_ready_fallback >/dev/null || bench_ready_fallback "$@"; then
        return 0
      fi
    fi
    ((SECONDS < deadline)) || die "not ready after ${START_TIMEOUT} s (last /readyz: $code)"
    sleep 2
  done
}

# Products the catalog API lists (0 when it does not answer): ready once the seeded catalog shows.
bench_catalog_total() {
  curl -s --max-time 30 -H 'Accept: application/json' "$BASE_URL/api/v1/products?page=0&size=1" 2>/dev/null |
    python3 -c 'import json,sys
try: print(int(json.load(sys.stdin).get("total") or 0))
except Exception: print(0)'
}

# Metrics come from the management port of a shop started here (open there, as in the deploy
# manifests) or, for --url, from the shop's own port, which needs DUKKAN_METRICS_KEY: an admin's API
# key with the scope metrics:read.
scrape() {
  local url="${METRICS_URL:-$BASE_URL}/actuator/prometheus"
  local -a auth=()
  [[ -z ${DUKKAN_METRICS_KEY:-} ]] || auth=(-H "Authorization: Bearer $DUKKAN_METRICS_KEY")
  if ! curl -fsS --max-time 30 -H 'Accept: text/plain' "${auth[@]}" "$url" -o "$1"; then
    log "warning: could not scrape $url"
    : >"$1"
  fi
}

# Builds the jar when needed and starts the shop in the background on a free port (or PORT) with
# its embedded PostgreSQL in DATA_DIR (default: a fresh RUN_DIR/data, deleted at the end unless
# KEEP_DATA=1), its actuator on a management port of its own. The arguments are passed to the app,
# then APP_ARGS (which therefore win). Sets BASE_URL, METRICS_URL, APP_PID, APP_START (SECONDS at
# the start), STARTED and DATA_DIR; the app's output goes to RUN_DIR/app.log.
bench_start_app() {
  if ((BUILD)) || [[ ! -f $JAR ]]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
  fi
  [[ -f $JAR ]] || die "$JAR is missing after the build"
  if [[ -z ${PORT:-} ]]; then
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  fi
  if [[ -n ${DATA_DIR:-} ]]; then
    DATA_DIR=$(cd "$ROOT" && mkdir -p "$DATA_DIR" && cd "$DATA_DIR" && pwd)
  else
    DATA_DIR="$RUN_DIR/data"
    ((KEEP_DATA)) || DELETE_DATA=1
  fi
  BASE_URL="http://127.0.0.1:$PORT"
  METRICS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  METRICS_URL="http://127.0.0.1:$METRICS_PORT"
  local -a jvm_flags setsid=()
  read -r -a jvm_flags <<<"${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
  # its own session: a Ctrl-C on the terminal reaches the trap, not the JVM or PostgreSQL
  command -v setsid >/dev/null && setsid=(setsid)
  APP_START=$SECONDS
  log "starting the app on port $PORT with $("$JAVA" -version 2>&1 | head -n 1), data in ${DATA_DIR#"$ROOT"/}"
  (
    cd "$ROOT"
    exec "${setsid[@]}" "$JAVA" "${jvm_flags[@]}" -jar "$JAR" \
      --server.port="$PORT" \
      --management.server.port="$METRICS_PORT" \
      --dukkan.embedded-postgres.data-directory="$DATA_DIR" \
      --dukkan.storage.directory="$RUN_DIR/files" \
      --dukkan.payments.test-provider.enabled=true \
      "$@" \
      "${APP_ARGS[@]}"
  ) >"$RUN_DIR/app.log" 2>&1 </dev/null &
  APP_PID=$!
  STARTED=1
}

# Analyzes the database of a shop started here (embedded PostgreSQL in DATA_DIR), as pgbench does
# after loading its data: the benchmark loads in seconds what a shop in service gathers over weeks,
# and its connections cache their statements' plans meanwhile. PostgreSQL keeps planning a cached
# statement anew on every execution once its generic plan was costed while a table was new and its
# custom plans cost less later; autovacuum's statistics do not undo that for the connection's life
# (docs/benchmarks.md, purchase flow run 33). Needs psql; skipped with a warning otherwise.
bench_analyze() {
  ((STARTED)) || return 0
  local pid_file="$DATA_DIR/postmaster.pid" port host
  if [[ ! -f $pid_file ]]; then
    log "warning: no $pid_file (not the embedded PostgreSQL?): the database is not analyzed"
    return 0
  fi
  if ! command -v psql >/dev/null; then
    log "warning: psql is missing (apt-get install -y postgresql-client): the database is not analyzed"
    return 0
  fi
  # postmaster.pid: line 4 the port, line 5 the first Unix socket directory (empty without one)
  port=$(sed -n 4p "$pid_file")
  host=$(sed -n 5p "$pid_file")
  PGCONNECT_TIMEOUT=10 psql -X -q -h "${host:-127.0.0.1}" -p "$port" -U postgres -d dukkan -c analyze >&2 ||
    log "warning: analyze failed: the planner statistics are the ones autovacuum gathered"
}

# Writes to the file a snapshot of the CPU time used so far by the machine, the app started here, its
# embedded PostgreSQL and wrk (JSON, load/purchase_bench.py cpu); {} when it cannot be taken.
bench_cpu_snapshot() { # file
  python3 "$ROOT/load/purchase_bench.py" cpu ${APP_PID:+--app-pid "$APP_PID"} ${DATA_DIR:+--data-dir "$DATA_DIR"} >"$1" ||
    echo '{}' >"$1"
}

# "2 cores AMD EPYC ..., 24 GiB"
bench_machine() {
  local cpu mem
  cpu=$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
  mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
  printf '%s cores %s, %s\n' "$(nproc)" "${cpu:-unknown CPU}" "${mem:-? GiB}"
}

# The version of the JDK that runs the app, for when its metrics do not say (empty with --url).
bench_jdk() {
  ((STARTED)) || return 0
  "$JAVA" -version 2>&1 | head -n 1 | sed 's/^[^"]*"\([^"]*\)".*/\1/'
}
