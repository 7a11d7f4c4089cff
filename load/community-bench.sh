#!/usr/bin/env bash
# Community feed benchmark: starts the shop on a fresh embedded PostgreSQL, writes a community of
# --users members, --follows follows and --posts posts straight into the database
# (load/community-data.sql), restarts the shop over it, signs --members members in, and measures
# --connections concurrent connections of signed-in members (wrk, load/community-mix.lua): 50 % read
# their feed, 30 % post, 20 % like. Prints the database time and plans of the feed of the member
# following 1,000 accounts (auto_explain during a probe), latencies, errors and DB time. See docs/benchmarks.md,
# "Community feed".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
LUA="$LOAD/community-mix.lua"
HELPER="$LOAD/community_bench.py"
BENCH_NAME=community-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
USERS=100000
POSTS=1000000
FOLLOWS=10000000
MEMBERS=1000
CONNECTIONS=1000
THREADS=2
DURATION=5m
WARMUP=60s
THINK=0
PRODUCTS=200
PORT=""
DATA_DIR=""
KEEP_DATA=0
APP_ARGS=()
START_TIMEOUT=900
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"
# every member signs in from 127.0.0.1 and writes from an X-Forwarded-For address of its own (the shop
# trusts it from 127.0.0.1); the limits per member and per address are raised for the run
LIMIT_ARGS=(
  --dukkan.identity.sign-in-limits.per-ip=1000000 --server.forward-headers-strategy=native
  --dukkan.community.limits.posts.per-user=1000000 --dukkan.community.limits.posts.per-address=100000000
  --dukkan.community.limits.likes.per-user=1000000 --dukkan.community.limits.likes.per-address=100000000
)

usage() {
  cat <<EOF
Usage: load/community-bench.sh [options]

Creates a community (bulk SQL) and measures signed-in members reading their feed (50 %), posting
(30 %) and liking (20 %); PASS when p95 < 100 ms over every request, no error, and the feed of the
member following 1,000 accounts takes < 5 ms of database time (every statement, via auto_explain).

Options:
  --users N             members (identity users with community profiles; default $USERS)
  --posts N             posts over the last year (default $POSTS)
  --follows N           follows, skewed: every tenth member follows 500..1,000 (default $FOLLOWS)
  --members N           members signed in and driving the load (default $MEMBERS)
  --connections N       wrk connections (default $CONNECTIONS)
  --threads N           wrk threads (default $THREADS)
  --duration D          measured run, wrk syntax (default $DURATION)
  --warmup D            warm-up over the same mix before measuring; 0 to skip (default $WARMUP)
  --think MS            each connection waits 0.5-1.5 x MS between its requests, as a person
                        would (default $THINK: a closed loop, --connections requests always in flight)
  --quick               1/100 of the data, 30 s measured, 20 s warm-up (options after it still win)
  --products N          catalog products seeded at start-up (default $PRODUCTS)
  --data-dir DIR        embedded PostgreSQL data directory to reuse: the community is written only
                        when it holds none, and the directory is kept (default: a fresh
                        var/community-bench-<timestamp>/data, deleted afterwards)
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --port N              HTTP port of the app (default: a free port)
  --keep-data           keep the fresh data directory
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app (default $START_TIMEOUT)
  -h, --help            this text

Environment: JAVA_HOME, JAVA_OPTS (default: $DEFAULT_JAVA_OPTS).
Needs psql (apt-get install -y postgresql-client), python3, curl and wrk (installed when missing).
Results (summary, wrk outputs, plans, Prometheus scrapes, logs) stay in var/community-bench-<timestamp>/.
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --users) need_value "$@"; USERS=$2; shift ;;
    --posts) need_value "$@"; POSTS=$2; shift ;;
    --follows) need_value "$@"; FOLLOWS=$2; shift ;;
    --members) need_value "$@"; MEMBERS=$2; shift ;;
    --connections) need_value "$@"; CONNECTIONS=$2; shift ;;
    --threads) need_value "$@"; THREADS=$2; shift ;;
    --duration) need_value "$@"; DURATION=$2; shift ;;
    --warmup) need_value "$@"; WARMUP=$2; shift ;;
    --think) need_value "$@"; THINK=$2; shift ;;
    --quick) USERS=1000 POSTS=10000 FOLLOWS=100000 DURATION=30s WARMUP=20s ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
bench_check_counts "$USERS" "$POSTS" "$FOLLOWS" "$MEMBERS" "$CONNECTIONS" "$THREADS" "$PRODUCTS" "$START_TIMEOUT"
[[ $THINK =~ ^[0-9]+$ ]] || die "--think must be a number of milliseconds"
for d in "$DURATION" "$WARMUP"; do
  is_duration "$d" || die "not a duration: $d (use e.g. 30s, 5m)"
done
((MEMBERS <= USERS)) || die "--members must not exceed --users"
((MEMBERS >= THREADS)) || die "--members must be at least --threads"
((CONNECTIONS >= THREADS)) || die "--connections must be at least --threads"
((USERS % 7919 != 0)) || die "--users must not be a multiple of 7919 (the posts' author permutation)"
command -v psql >/dev/null || die "psql is needed (apt-get install -y postgresql-client)"

bench_require_tools
bench_find_java
bench_init_run_dir community-bench
# a socket per connection, and the app's side of them when it runs here
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(($(ulimit -n) > CONNECTIONS + 100)) || die "open files limit $(ulimit -n) is too low for $CONNECTIONS connections"

ADMIN_EMAIL=admin@bench.dukkan.local
ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
export DUKKAN_ADMIN_EMAIL=$ADMIN_EMAIL DUKKAN_ADMIN_PASSWORD=$ADMIN_PASSWORD
APP_OPTIONS=(--dukkan.seed.demo-products=0 --dukkan.seed.products="$PRODUCTS" --dukkan.seed.demo-orders=0
  "${LIMIT_ARGS[@]}")

bench_ready_fallback() { (($(bench_catalog_total) >= $1)); }

data_info() {
  sql -At -c "select (select count(*) from community_profiles) || ' members, ' ||
    (select count(*) from community_follows) || ' follows, ' || (select count(*) from community_posts) || ' posts'"
}
sql() {
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "${PG_HOST:-127.0.0.1}" -p "$PG_PORT" -U postgres -d dukkan "$@"
}
start() {
  bench_start_app "${APP_OPTIONS[@]}"
  bench_wait_ready "$PRODUCTS"
  log "ready after $((SECONDS - APP_START)) s"
  PG_PORT=$(sed -n 4p "$DATA_DIR/postmaster.pid")
  PG_HOST=$(sed -n 5p "$DATA_DIR/postmaster.pid")
  PG_LOG="$DATA_DIR.log" # EmbeddedPostgresServer: PostgreSQL's own log beside its data directory
}

# ---------------------------------------------------------------- the community
start
WRITTEN=0
if [[ $(sql -At -c "select count(*) from community_profiles where handle = 'bench_1'") == 1 ]]; then
  log "the data directory already holds the community: $(data_info)"
else
  log "writing $USERS members, $FOLLOWS follows and $POSTS posts (load/community-data.sql)"
  started=$SECONDS
  sql -v users="$USERS" -v posts="$POSTS" -v follows="$FOLLOWS" -v password_of="$ADMIN_EMAIL" \
    -f "$LOAD/community-data.sql" >"$RUN_DIR/data.txt" 2>&1 ||
    { tail -n 20 "$RUN_DIR/data.txt" >&2; die "writing the community failed"; }
  log "written in $((SECONDS - started)) s: $(data_info)"
  WRITTEN=1
fi
# auto_explain is loaded into every new session, off until the probe switches it on
if ((WRITTEN)) || [[ $(sql -At -c "show session_preload_libraries") != auto_explain ]]; then
  sql -c "alter system set session_preload_libraries = 'auto_explain'" \
    -c "alter system set auto_explain.log_min_duration = -1" >/dev/null
  # Restarted over its data as a shop in service is: connections that never saw the tables empty
  # (their cached plans), auto_explain loaded, the JIT compiler's work started on this data.
  sql -c checkpoint >/dev/null # the shutdown's own checkpoint then has little left to write
  bench_stop_app
  start
fi

# ---------------------------------------------------------------- members and what they like
# The members who drive the load get this run's password, stored as "{noop}…" (Spring Security's
# DelegatingPasswordEncoder checks it without bcrypt): signing 1,000 members in takes seconds, not
# minutes of bcrypt on a busy machine, and a reused data directory needs no password of an earlier run.
MEMBER_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
sql -v password="{noop}$MEMBER_PASSWORD" -v members="$MEMBERS" >/dev/null <<'SQL'
update users set password_hash = :'password'
where email in (select 'bench-' || n || '@bench.dukkan.local' from generate_series(1, :members) n);
SQL
log "signing in $MEMBERS members"
started=$SECONDS
SESSIONS="$RUN_DIR/sessions.txt"
python3 "$HELPER" sessions --base "$BASE_URL" --count "$MEMBERS" --password "$MEMBER_PASSWORD" --out "$SESSIONS" >&2
log "signed in after $((SECONDS - started)) s"
POST_IDS="$RUN_DIR/posts.txt"
# the newest visible posts, more than the run's likes need: every like of every member a new one
sql -At -c "select id from community_posts where status = 'visible' order by id desc limit 200000" >"$POST_IDS"
log "$(wc -l <"$POST_IDS") posts to like"

run_wrk() { # name duration
  log "wrk -t$THREADS -c$CONNECTIONS $2, think ${THINK} ms ($1)"
  COMMUNITY_MIX_THINK_MS=$THINK wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s -s "$LUA" "$BASE_URL" -- "$SESSIONS" "$POST_IDS" "$THREADS" \
    >"$RUN_DIR/$1.txt"
  grep -E '^(Requests/sec|community-mix: (non-2xx|latency))' "$RUN_DIR/$1.txt" | sed "s/^/[$BENCH_NAME]   /" >&2 || true
}

# Waits (up to a minute) until PostgreSQL has run no statement of the shop for a second: with 1,000
# connections the shop is still answering requests queued before wrk stopped.
idle() {
  local i busy quiet=0
  for ((i = 0; i < 120; i++)); do
    busy=$(sql -At -c "select count(*) from pg_stat_activity where datname = 'dukkan' and state = 'active'
      and pid <> pg_backend_pid() and backend_type = 'client backend'")
    if ((busy == 0)); then
      quiet=$((quiet + 1))
      ((quiet < 3)) || return 0
    else
      quiet=0
    fi
    sleep 0.5
  done
  log "warning: the shop was still busy a minute after wrk stopped"
}

if ! is_zero_duration "$WARMUP"; then
  run_wrk warmup "$WARMUP"
fi

# ---------------------------------------------------------------- the feed's database time and plans
# the member following 1,000 accounts (member 1, line 1 of the sessions) reads its feed while
# auto_explain logs every statement's plan with EXPLAIN (ANALYZE, BUFFERS); only the statements with
# its id among their parameters count (not those of requests the warm-up left queued). The timed
# reads run without per-node timing, whose clock reads would inflate the figure; one more read
# logs the plan with per-node times, to be read, not counted.
idle
PROBES=7
MEMBER_1=$(sql -At -c "select user_id from community_profiles where handle = 'bench_1'")
probe() { # probe <log_timing on|off> <reads> <out basename>
  local offset
  offset=$(stat -c %s "$PG_LOG")
  sql -c "alter system set auto_explain.log_min_duration = 0" -c "alter system set auto_explain.log_analyze = on" \
    -c "alter system set auto_explain.log_buffers = on" -c "alter system set auto_explain.log_timing = $1" \
    -c "select pg_reload_conf()" >/dev/null
  sleep 1
  python3 "$HELPER" feed --base "$BASE_URL" --sessions "$SESSIONS" --line 1 --times "$2" >/dev/null
  sql -c "alter system set auto_explain.log_min_duration = -1" -c "select pg_reload_conf()" >/dev/null
  python3 "$HELPER" explain --log "$PG_LOG" --offset "$offset" --requests "$2" --member "$MEMBER_1" \
    --out "$RUN_DIR/$3.txt" --json "$RUN_DIR/$3.json" >/dev/null
}
if probe off "$PROBES" explain; then
  head -n 8 "$RUN_DIR/explain.txt" | cut -c1-160 | sed "s/^/[$BENCH_NAME]   /" >&2
else
  log "warning: no plan of the feed was logged (${RUN_DIR#"$ROOT"/}/explain.txt)"
fi
probe on 1 explain-timed || log "warning: no timed plan of the feed was logged"
[[ -s $RUN_DIR/explain.json ]] || echo '{}' >"$RUN_DIR/explain.json"

# ---------------------------------------------------------------- the measured run
idle
scrape "$RUN_DIR/prometheus-before.txt"
bench_cpu_snapshot "$RUN_DIR/cpu-before.json"
run_wrk mix "$DURATION"
bench_cpu_snapshot "$RUN_DIR/cpu-after.json"
scrape "$RUN_DIR/prometheus-after.txt"

DATA_INFO=$(data_info)
set +e
python3 "$HELPER" summary --mix "$RUN_DIR/mix.txt" --before "$RUN_DIR/prometheus-before.txt" \
  --after "$RUN_DIR/prometheus-after.txt" --explain "$RUN_DIR/explain.json" \
  --cpu "$RUN_DIR/cpu-before.json" "$RUN_DIR/cpu-after.json" \
  --date "$(date -u +%Y-%m-%dT%H:%MZ)" --jdk "$(bench_jdk)" --machine "$(bench_machine)" \
  --data "$DATA_INFO (after the run)" \
  --wrk "-t$THREADS -c$CONNECTIONS, think $THINK ms, $MEMBERS members, warm-up $WARMUP, measured $DURATION" \
  --out "$RUN_DIR/summary.txt"
VERDICT=$?
set -e
[[ $VERDICT == 0 || $VERDICT == 3 ]] || die "the summary did not complete"
exit "$VERDICT"
