#!/usr/bin/env bash
# Lighthouse scores of the shop's pages: starts the shop (or takes --url), runs Lighthouse (npm,
# installed under var/tools/ on first use) with Debian's Chromium in its default mobile preset on
# home, a listing, a product page, the cart (with an item) and the first checkout step, and prints
# the four scores per page with the audits that did not pass. See load/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
HELPER="$LOAD/pages_bench.py"
BENCH_NAME=lighthouse
# shellcheck source=load/lib.sh
source "$LOAD/lib.sh"

LIGHTHOUSE_VERSION=12.8.2 # the 12.x line runs on Node 18.16+; 13.x needs Node 22
TOOLS="$ROOT/var/tools/lighthouse-$LIGHTHOUSE_VERSION"
LIGHTHOUSE="$TOOLS/node_modules/.bin/lighthouse"
OUT="$ROOT/target/lighthouse"
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

BUILD=0
APP_ARGS=()
PRODUCTS=200
PORT=""
DATA_DIR=""
KEEP_DATA=0
BASE_URL=""
RUNS=1
THRESHOLD=95
PAGES="home,listing,product,cart,checkout"
declare -A PATHS=()
START_TIMEOUT=600
DEFAULT_JAVA_OPTS="-Xms512m -Xmx1g -XX:+UseParallelGC"

usage() {
  cat <<EOF
Usage: load/lighthouse.sh [options]

Runs Lighthouse $LIGHTHOUSE_VERSION (mobile preset: Moto G Power viewport, simulated slow 4G and 4x
CPU slowdown) with $CHROME_PATH on the shop's pages and prints performance, accessibility, best
practices and SEO per page; FAIL when any score is below the threshold, with the titles of the
audits that did not pass. JSON reports: target/lighthouse/<page>.json (<page>-runN.json with --runs).

Pages (names for --pages) and their default paths:
  home       /
  listing    /products
  product    /products/<slug of the first product in stock>
  cart       /cart          with a cart of one item (its cookie from POST /api/v1/cart, set in
                            the browser before the page loads)
  checkout   /checkout/address  the first checkout step, with such a cart
  dashboard  /admin          the console's dashboard, signed in as the administrator the run
                            creates (with --url: set DUKKAN_BENCH_ADMIN_EMAIL and _PASSWORD)
  products   /admin/products the console's products list, signed in the same way

Options:
  --url URL             a shop that is already running (it needs a product in stock for the
                        product, cart and checkout pages); otherwise the shop is started
  --pages LIST          comma-separated page names (default $PAGES)
  --path NAME=PATH      another path for a page, e.g. --path listing=/c/kitchen (repeatable)
  --runs N              runs per page; the median of each score counts (default $RUNS)
  --threshold N         lowest passing score (default $THRESHOLD)
  --build               build target/dukkan.jar even if it exists (it is built when missing)
  --products N          demo products seeded at start-up (default $PRODUCTS)
  --port N              HTTP port of the app (default: a free port)
  --data-dir DIR        embedded PostgreSQL data directory to reuse (kept afterwards)
  --keep-data           keep the fresh data directory
  --app-arg ARG         extra argument for the app, repeatable
  --start-timeout S     seconds to wait for the app to be ready (default $START_TIMEOUT)
  -h, --help            this text

Environment:
  CHROME_PATH           the browser (default /usr/bin/chromium; Debian: apt-get install chromium)
  JAVA_HOME, JAVA_OPTS  JDK and JVM flags of the started shop (default: $DEFAULT_JAVA_OPTS)

Exit status: 0 PASS, 3 FAIL, anything else: the run did not complete.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --url) need_value "$@"; BASE_URL=${2%/}; shift ;;
    --pages) need_value "$@"; PAGES=$2; shift ;;
    --path)
      need_value "$@"
      [[ $2 == *=/* ]] || die "--path needs NAME=/path, not $2"
      PATHS[${2%%=*}]=${2#*=}
      shift
      ;;
    --runs) need_value "$@"; RUNS=$2; shift ;;
    --threshold) need_value "$@"; THRESHOLD=$2; shift ;;
    --build) BUILD=1 ;;
    --products) need_value "$@"; PRODUCTS=$2; shift ;;
    --port) need_value "$@"; PORT=$2; shift ;;
    --data-dir) need_value "$@"; DATA_DIR=$2; shift ;;
    --keep-data) KEEP_DATA=1 ;;
    --app-arg) need_value "$@"; APP_ARGS+=("$2"); shift ;;
    --start-timeout) need_value "$@"; START_TIMEOUT=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

is_count "$RUNS" || die "--runs must be a positive integer"
[[ $THRESHOLD =~ ^[0-9]+$ ]] && ((THRESHOLD <= 100)) || die "--threshold must be 0..100"
is_count "$PRODUCTS" || die "--products must be a positive integer"
is_count "$START_TIMEOUT" || die "--start-timeout must be a positive integer"
[[ -z $PORT ]] || is_count "$PORT" || die "--port must be a number"
IFS=, read -r -a PAGE_NAMES <<<"$PAGES"
((${#PAGE_NAMES[@]} > 0)) || die "--pages names no page"
for name in "${PAGE_NAMES[@]}"; do
  case $name in
    home | listing | product | cart | checkout | dashboard | products) ;;
    *) die "unknown page: $name (home, listing, product, cart, checkout, dashboard, products)" ;;
  esac
done

# ---------------------------------------------------------------- tools
bench_require_tools --without-wrk
command -v node >/dev/null || die "node is needed to run Lighthouse (apt-get install -y nodejs npm)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a == 18 && b >= 16) ? 0 : 1)' ||
  die "Lighthouse $LIGHTHOUSE_VERSION needs Node 18.16 or newer, this is $(node --version)"
[[ -x $CHROME_PATH ]] || die "no browser at $CHROME_PATH (apt-get install -y chromium, or set CHROME_PATH)"
if [[ ! -x $LIGHTHOUSE ]]; then
  command -v npm >/dev/null || die "npm is needed to install Lighthouse (apt-get install -y npm)"
  log "installing lighthouse@$LIGHTHOUSE_VERSION into ${TOOLS#"$ROOT"/}"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --omit=dev --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >&2 ||
    die "npm install lighthouse@$LIGHTHOUSE_VERSION failed"
fi
bench_find_java
bench_init_run_dir lighthouse

# ---------------------------------------------------------------- the app
# the console's pages are read by this run's administrator
ADMIN_EMAIL=${DUKKAN_BENCH_ADMIN_EMAIL:-lighthouse-admin@example.com}
if [[ -z ${DUKKAN_BENCH_ADMIN_PASSWORD:-} ]]; then
  DUKKAN_BENCH_ADMIN_PASSWORD="Lh-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
fi
export DUKKAN_BENCH_ADMIN_PASSWORD
if [[ -z $BASE_URL ]]; then
  APP_ARGS+=(--dukkan.admin.email="$ADMIN_EMAIL" --dukkan.admin.password="$DUKKAN_BENCH_ADMIN_PASSWORD")
  # canonical and alternate links name the address Lighthouse loads
  PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  bench_start_app --dukkan.seed.demo-products="$PRODUCTS" --dukkan.storefront.base-url="http://127.0.0.1:$PORT"
  bench_wait_ready
  log "ready after $((SECONDS - APP_START)) s"
else
  bench_wait_ready
fi

# ---------------------------------------------------------------- the pages
needs() { # page name: is it among the pages to run?
  local name
  for name in "${PAGE_NAMES[@]}"; do [[ $name == "$1" ]] && return 0; done
  return 1
}

if needs product && [[ -z ${PATHS[product]:-} ]]; then
  SLUG=$(curl -fsS --max-time 30 -H 'Accept: application/json' "$BASE_URL/api/v1/products?in_stock=true&size=1" |
    python3 -c 'import json,sys; items=json.load(sys.stdin).get("items") or []; print(items[0]["slug"] if items else "")') ||
    die "could not list the products in stock"
  [[ -n $SLUG ]] || die "the shop has no product in stock"
  PATHS[product]="/products/$SLUG"
fi
: "${PATHS[home]:=/}" "${PATHS[listing]:=/products}" "${PATHS[cart]:=/cart}" "${PATHS[checkout]:=/checkout/address}"
: "${PATHS[dashboard]:=/admin}" "${PATHS[products]:=/admin/products}"

COOKIE=""
if needs cart || needs checkout; then
  COOKIE=$(python3 "$HELPER" cart-cookie --base "$BASE_URL") || die "could not put an item into a cart"
fi

OPERATOR_COOKIE=""
if needs dashboard || needs products; then
  OPERATOR_COOKIE=$(python3 "$HELPER" operator-cookie --base "$BASE_URL" --email "$ADMIN_EMAIL") ||
    die "could not sign in as $ADMIN_EMAIL"
fi

mkdir -p "$OUT"
for name in "${PAGE_NAMES[@]}"; do
  rm -f "$OUT/$name.json" "$OUT/$name"-run*.json "$OUT/$name.html"
done

# ---------------------------------------------------------------- Lighthouse
# load/lighthouse-page.mjs puts the cart's cookies into the browser before Lighthouse loads the page
read -r -a CHROME_ARGS <<<"$CHROME_FLAGS"
for name in "${PAGE_NAMES[@]}"; do
  url="$BASE_URL${PATHS[$name]}"
  cookie=""
  header=()
  case $name in
    cart | checkout) cookie=$COOKIE ;;
    dashboard | products) cookie=$OPERATOR_COOKIE ;;
  esac
  [[ -z $cookie ]] || header=(-H "Cookie: $cookie")
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Accept: text/html' "${header[@]}" "$url" || true)
  [[ $code == 2* || $code == 3* ]] || log "warning: $url answers $code"
  for ((run = 1; run <= RUNS; run++)); do
    report="$OUT/$name.json"
    ((RUNS == 1)) || report="$OUT/$name-run$run.json"
    log "$name: $url${cookie:+ (with cookies)}$( ((RUNS == 1)) || echo " run $run of $RUNS")"
    if ! NODE_PATH="$TOOLS/node_modules" node "$LOAD/lighthouse-page.mjs" "$url" "$report" "$cookie" -- \
      "${CHROME_ARGS[@]}" >>"$RUN_DIR/lighthouse.log" 2>&1; then
      log "warning: Lighthouse failed on $url (log: ${RUN_DIR#"$ROOT"/}/lighthouse.log)"
      tail -n 5 "$RUN_DIR/lighthouse.log" >&2 || true
      rm -f "$report"
    fi
  done
done

# ---------------------------------------------------------------- summary
echo
set +e
python3 "$HELPER" lighthouse --dir "$OUT" --threshold "$THRESHOLD" --date "$(date -u +%Y-%m-%dT%H:%MZ)" \
  --out "$OUT/summary.txt" "${PAGE_NAMES[@]}"
STATUS=$?
set -e
exit "$STATUS"
