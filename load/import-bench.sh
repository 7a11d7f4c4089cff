#!/usr/bin/env bash
# Product CSV import benchmark: starts the shop on a fresh embedded PostgreSQL (no demo products),
# generates a CSV of --products products with --variants variants each, imports it as the
# administrator (POST /api/v1/admin/products/import, which runs as a job above 1,000 rows), follows
# GET /api/v1/admin/imports/{id} until it ends, then imports the same file again (every row
# unchanged) and prints a summary row with PASS/FAIL against the target (first import < 30 s).
# See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
BENCH_TAKES_URL=1
BENCH_NAME=import-bench
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

BUILD=0
PRODUCTS=10000
VARIANTS=3
TARGET=30
APP_ARGS=()
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
START_TIMEOUT=300
ADMIN_EMAIL=${ADMIN_EMAIL:-bench-admin@dukkan.local}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-import-bench-Passphrase-4711}
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

usage() {
  cat <<EOF2
Usage: load/import-bench.sh [options]

Imports a generated CSV of products with variants into a fresh shop and measures how long the
import takes (upload until GET /api/v1/admin/imports/{id} reports it ended).

Options:
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --products N          products in the file (default $PRODUCTS)
  --variants N          variants per product (default $VARIANTS)
  --target S            seconds the first import may take to PASS (default $TARGET)
  --port N              HTTP port of the app (default: a free port)
  --keep-data           keep the fresh data directory
  --url URL             a shop already running at URL (nothing is built or started; sign in
                        with ADMIN_EMAIL / ADMIN_PASSWORD from the environment)
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app (default $START_TIMEOUT)
  -h, --help            this text

Environment: JAVA_HOME, JAVA_OPTS (default: $DEFAULT_JAVA_OPTS), ADMIN_EMAIL, ADMIN_PASSWORD.
Results (the CSV, the reports, app log, summary) are kept in var/import-<timestamp>/.
Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF2
}

while [[ $# -gt 0 ]]; do
  if bench_common_option "$@"; then
    shift "$BENCH_SHIFT"
    continue
  fi
  case $1 in
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --variants) need_value "$@"; VARIANTS=$2; shift ;;
    --target) need_value "$@"; TARGET=$2; shift ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done
bench_check_counts "$PRODUCTS" "$VARIANTS" "$TARGET" "$START_TIMEOUT"

bench_require_tools --without-wrk
bench_find_java
bench_init_run_dir import

if [[ -z $BASE_URL ]]; then
  bench_start_app --dukkan.seed.demo-products=0 --dukkan.admin.email="$ADMIN_EMAIL" \
    --dukkan.admin.password="$ADMIN_PASSWORD"
  bench_wait_ready
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready
fi

CSV="$RUN_DIR/products.csv"
log "generating $PRODUCTS products × $VARIANTS variants"
python3 - "$CSV" "$PRODUCTS" "$VARIANTS" <<'PY'
import csv, json, random, sys
out, products, variants = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
words = ["Brass", "Oak", "Linen", "Ceramic", "Walnut", "Wool", "Copper", "Marble", "Bamboo", "Glass",
         "Lampe", "Stuhl", "Kissen", "Teppich", "مصباح", "كرسي", "Lamp", "Chair", "Cushion", "Rug"]
sizes = ["S", "M", "L", "XL", "XXL"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["slug", "name", "description", "category", "status", "attributes", "sku", "variant_name",
                "variant_attributes", "price", "stock", "images"])
    for p in range(products):
        name = " ".join(rng.choice(words) for _ in range(3)) + f" {p}"
        description = f"{name}: hand made, {rng.randint(1, 90)} cm, ships in {rng.randint(1, 9)} days. " * 3
        attributes = json.dumps({"brand": rng.choice(words), "material": rng.choice(words)}, ensure_ascii=False)
        image = f"https://img.example.com/bench/{p}.jpg"
        for v in range(variants):
            w.writerow([f"bench-{p}", name, description, "", "active", attributes, f"BENCH-{p}-{v}",
                        sizes[v % len(sizes)], json.dumps({"size": sizes[v % len(sizes)]}),
                        f"{rng.randint(100, 99999) / 100:.2f}", rng.randint(0, 200), image])
PY
log "file: $(wc -c <"$CSV") bytes, $((PRODUCTS * VARIANTS)) rows"

JAR_COOKIES="$RUN_DIR/cookies.txt"
curl -fsS -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE_URL/api/v1/auth/csrf" >/dev/null
xsrf() { awk '$6 == "XSRF-TOKEN" {print $7}' "$JAR_COOKIES"; }
curl -fsS -c "$JAR_COOKIES" -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$ADMIN_EMAIL\", \"password\": \"$ADMIN_PASSWORD\"}" "$BASE_URL/api/v1/auth/login" >/dev/null ||
  die "could not sign in as $ADMIN_EMAIL"

# Imports the file; prints "seconds status created updated unchanged rejected" (seconds from the
# start of the upload until the import is reported ended).
import_once() { # name
  local started answer id report status
  started=$(date +%s.%N)
  answer=$(curl -sS -b "$JAR_COOKIES" -H "X-XSRF-TOKEN: $(xsrf)" -H 'Accept: application/json' \
    -F "file=@$CSV;type=text/csv" "$BASE_URL/api/v1/admin/products/import")
  printf '%s\n' "$answer" >"$RUN_DIR/$1-answer.json"
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$answer") ||
    die "the import was refused: $(head -c 500 <<<"$answer")"
  while :; do
    report=$(curl -fsS -b "$JAR_COOKIES" -H 'Accept: application/json' "$BASE_URL/api/v1/admin/imports/$id")
    status=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["status"] if r.get("finished_at") else "")' <<<"$report")
    [[ -z $status ]] || break
    sleep 0.2
  done
  printf '%s\n' "$report" >"$RUN_DIR/$1-report.json"
  python3 - "$started" "$(date +%s.%N)" "$RUN_DIR/$1-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[3]))
print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f} {r['status']} {r['created']} {r['updated']} {r['unchanged']} {r['rejected']}")
PY
}

log "importing (new catalog)"
read -r FIRST FIRST_STATUS CREATED _ _ REJECTED < <(import_once first)
log "first import: $FIRST s, $FIRST_STATUS, $CREATED rows created, $REJECTED rejected"
log "importing the same file again (every row unchanged)"
read -r SECOND SECOND_STATUS _ _ UNCHANGED _ < <(import_once second)
log "second import: $SECOND s, $SECOND_STATUS, $UNCHANGED rows unchanged"

if ((STARTED)); then
  grep -o 'Import [0-9a-f-]* [a-z]* (.*' "$RUN_DIR/app.log" | while read -r line; do log "app: $line"; done || true
fi
ROWS=$((PRODUCTS * VARIANTS))
RESULT=FAIL
if [[ $FIRST_STATUS == completed && $CREATED == "$ROWS" && $SECOND_STATUS == completed && $UNCHANGED == "$ROWS" ]] &&
  python3 -c "import sys; sys.exit(0 if float('$FIRST') < $TARGET else 1)"; then
  RESULT=PASS
fi
ROW="$(date -u +%Y-%m-%dT%H:%MZ) | $PRODUCTS products × $VARIANTS variants ($ROWS rows, $(($(wc -c <"$CSV") / 1024)) KiB) | first import ${FIRST} s ($FIRST_STATUS, $CREATED created) | same file again ${SECOND} s ($UNCHANGED unchanged) | JDK $(bench_jdk) | $(bench_machine) | $RESULT (first < ${TARGET} s)"
printf '%s\n' "$ROW" | tee "$RUN_DIR/summary.txt"
[[ $RESULT == PASS ]] || exit 3
