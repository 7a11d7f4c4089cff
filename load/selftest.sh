#!/usr/bin/env bash
# Checks the catalog benchmark's own parts without the shop (about 30 s):
#   1. the Python helpers (Prometheus histogram p95/mean, wrk output parsing, verdict, mix pieces)
#   2. load/catalog-mix.lua under wrk against python3 -m http.server: loads the URL file, picks
#      every URL, seeds each thread differently, counts non-2xx responses like wrk does
#   3. load/catalog-bench.sh --url end to end against load/testdata/fake_catalog.py
#   4. load/purchase-bench.sh and load/jobs-bench.sh parse their options (their helpers are tested in
#      step 1)
#   5. load/pages-bench.sh --url end to end against load/testdata/fake_shop.py: pages in three
#      languages, signed-in shoppers one per connection; load/lighthouse.sh parses its options
#   6. load/community-mix.lua under wrk against load/testdata/fake_community.py: the 50/30/20 mix,
#      every member's cookie and CSRF token, no like given twice, non-2xx counted; the command's
#      options
# Everything listens on 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOAD="$ROOT/load"
WORK=$(mktemp -d)
PIDS=()
PASSED=0
FAILED=0

# shellcheck disable=SC2317 # reached through the trap
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf -- "$WORK"
}
trap cleanup EXIT

check() { # description, then a command that must succeed
  local what=$1
  shift
  if "$@"; then
    echo "ok     $what"
    PASSED=$((PASSED + 1))
  else
    echo "FAILED $what"
    FAILED=$((FAILED + 1))
  fi
}

quiet() { # runs a command, shows its output only when it fails
  "$@" >"$WORK/quiet.log" 2>&1 || { cat "$WORK/quiet.log" >&2; return 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_http() {
  local i
  for ((i = 0; i < 50; i++)); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "nothing answers at $1" >&2
  return 1
}

if ! command -v wrk >/dev/null; then
  echo "wrk is needed: apt-get install -y wrk" >&2
  exit 2
fi

# ---------------------------------------------------------------- 1. helpers
check "python helpers (unittest)" quiet python3 -m unittest discover -s "$LOAD" -p 'test_*.py'

# ---------------------------------------------------------------- 2. the wrk script
mkdir -p "$WORK/www"
for i in 0 1 2 3 4 5 6 7 8 9; do echo "file $i" >"$WORK/www/f$i.txt"; done
{
  for i in 0 1 2 3 4 5 6 7 8 9; do printf 'ok\t/f%d.txt\n' "$i"; done
  printf 'missing\t/missing-a\nmissing\t/missing-b\n# a comment\n\n/f0.txt?no-kind=1\n'
} >"$WORK/urls.txt"
PORT=$(free_port)
(cd "$WORK/www" && exec python3 -m http.server "$PORT" --bind 127.0.0.1) >"$WORK/http.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/f0.txt"
CATALOG_MIX_DEBUG=1 wrk -t2 -c4 -d2s --latency -s "$LOAD/catalog-mix.lua" "http://127.0.0.1:$PORT" -- "$WORK/urls.txt" \
  >"$WORK/wrk.txt"
WRK_ERRORS=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$WORK/wrk.txt")
LUA_NON2XX=$(sed -n 's/^catalog-mix: non-2xx responses: //p' "$WORK/wrk.txt")
LUA_404=$(grep '^catalog-mix: statuses' "$WORK/wrk.txt" | grep -o '404=[0-9]*' | cut -d= -f2)
LOGGED_404=$(grep -c '"GET /missing-[ab] HTTP/1.1" 404' "$WORK/http.log" || true)
DISTINCT=$(grep -o '"GET [^ ]* HTTP' "$WORK/http.log" | sort -u | wc -l)
SEEDS=$(grep -o 'thread [0-9]* seed [0-9]*' "$WORK/wrk.txt" | awk '{print $4}' | sort -u | wc -l)
check "lua counts some non-2xx responses" test "${LUA_NON2XX:-0}" -gt 0
check "lua non-2xx ($LUA_NON2XX) equals wrk's count ($WRK_ERRORS)" test "$LUA_NON2XX" = "$WRK_ERRORS"
check "lua non-2xx equals the 404s it saw ($LUA_404)" test "$LUA_NON2XX" = "$LUA_404"
check "404s in the server log ($LOGGED_404) match" test "$LOGGED_404" -ge "$LUA_NON2XX"
check "every URL of the file was requested ($DISTINCT of 13)" test "$DISTINCT" -eq 13
check "each thread has its own seed" test "$SEEDS" -eq 2
check "requests are reported per kind" grep -q '^catalog-mix: requests missing=[0-9]* ok=[0-9]* other=[0-9]*$' "$WORK/wrk.txt"

# ---------------------------------------------------------------- 3. the command, end to end
PORT=$(free_port)
python3 "$LOAD/testdata/fake_catalog.py" --port "$PORT" --products 2000 >"$WORK/fake.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/livez"
set +e
"$LOAD/catalog-bench.sh" --url "http://127.0.0.1:$PORT" --warmup 1s --livez-duration 2s --duration 3s \
  --connections 8 >"$WORK/bench.out" 2>"$WORK/bench.err"
STATUS=$?
set -e
RUN_DIR=$(sed -n 's/.*results are in \(var\/bench-[^/]*\)\/$/\1/p' "$WORK/bench.err" | tail -n 1)
check "catalog-bench.sh finished with a verdict (exit $STATUS)" test "$STATUS" -eq 0 -o "$STATUS" -eq 3
if [[ -n $RUN_DIR && -d $ROOT/$RUN_DIR ]]; then
  R="$ROOT/$RUN_DIR"
  check "at least 500 distinct listing URLs" test "$(grep $'^listing\t' "$R/urls.txt" | sort -u | wc -l)" -ge 500
  check "every sort is in the mix" test "$(grep -o -E 'sort=[a-z_]+' "$R/urls.txt" | sort -u | wc -l)" -eq 4
  check "two-word searches are in the mix" grep -q 'search=[a-z]*%20[a-z]' "$R/urls.txt"
  check "deep pages are in the mix" grep -Eq 'page=([4-9]|[1-9][0-9]+)&' "$R/urls.txt"
  check "about 30% product detail URLs" test "$(grep -c $'^detail\t' "$R/urls.txt")" -eq 300
  check "the mix answered only 2xx" grep -q '^catalog-mix: non-2xx responses: 0$' "$R/mix.txt"
  check "DB time per listing was measured" grep -Eq 'DB time per listing  p95 [0-9.]+ ms.*\(([1-9][0-9]*) requests timed\)' "$R/summary.txt"
  check "the summary has a verdict" grep -Eq '^RESULT: (PASS|FAIL)$' "$R/summary.txt"
  rm -rf -- "$R"
else
  check "catalog-bench.sh kept its results" false
  cat "$WORK/bench.err" >&2
fi

# ---------------------------------------------------------------- 4. the other benchmarks' commands
check "purchase-bench.sh --help" quiet "$LOAD/purchase-bench.sh" --help
check "purchase-bench.sh refuses a bad option" test "$("$LOAD/purchase-bench.sh" --shoppers 0 >/dev/null 2>&1; echo $?)" -eq 2
check "jobs-bench.sh --help" quiet "$LOAD/jobs-bench.sh" --help
check "image-bench.sh --help" quiet "$LOAD/image-bench.sh" --help
check "image-bench.sh refuses a bad option" test "$("$LOAD/image-bench.sh" --frobnicate >/dev/null 2>&1; echo $?)" -eq 2
check "jobs-bench.sh refuses a bad option" test "$("$LOAD/jobs-bench.sh" --rate 0 >/dev/null 2>&1; echo $?)" -eq 2
check "jobs-bench.sh refuses an unknown task" test "$("$LOAD/jobs-bench.sh" --task other >/dev/null 2>&1; echo $?)" -eq 2

# ---------------------------------------------------------------- 5. the page benchmark
PORT=$(free_port)
python3 "$LOAD/testdata/fake_shop.py" --port "$PORT" --products 2000 >"$WORK/fake-shop.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/livez"
set +e
"$LOAD/pages-bench.sh" --url "http://127.0.0.1:$PORT" --warmup 1s --livez-duration 2s --duration 3s \
  --connections 8 --shoppers 8 >"$WORK/pages.out" 2>"$WORK/pages.err"
STATUS=$?
set -e
RUN_DIR=$(sed -n 's/.*results are in \(var\/pages-bench-[^/]*\)\/$/\1/p' "$WORK/pages.err" | tail -n 1)
check "pages-bench.sh finished with a verdict (exit $STATUS)" test "$STATUS" -eq 0 -o "$STATUS" -eq 3
if [[ -n $RUN_DIR && -d $ROOT/$RUN_DIR ]]; then
  R="$ROOT/$RUN_DIR"
  check "pages in English, German and Arabic" test "$(grep -c $'\t/products/' "$R/urls.txt")" -eq "$(grep -c $'\t/de/products/' "$R/urls.txt")" \
    -a "$(grep -c $'\t/ar/products/' "$R/urls.txt")" -gt 0
  check "category listings, searches and sorts" grep -q $'\t/c/.*sort=' "$R/urls.txt"
  check "pages 2 and 3 of listings" grep -Eq 'page=[23]$' "$R/urls.txt"
  check "no page 1 in a URL" test "$(grep -c 'page=1$' "$R/urls.txt")" -eq 0
  check "one cookie line per shopper" test "$(grep -c 'DUKKAN_SESSION=' "$R/cookies.txt")" -eq 8
  check "each shopper reads in one language" test "$(grep -c $'signed-urls-de.txt\t' "$R/cookies.txt")" -ge 2 \
    -a "$(grep -c $'\t/de/' "$R/signed-urls-de.txt")" -eq "$(grep -c . "$R/signed-urls-de.txt")"
  check "the shopper's pages that answer are in the signed-in mix" grep -q $'^shopper\t/ar/cart$' "$R/signed-urls.txt"
  check "pages that do not answer are left out" test "$(grep -c 'account/orders' "$R/signed-urls.txt")" -eq 0
  check "the anonymous run answered only 2xx" grep -q '^catalog-mix: non-2xx responses: 0$' "$R/anonymous.txt"
  check "the signed-in run answered only 2xx" grep -q '^catalog-mix: non-2xx responses: 0$' "$R/signed-in.txt"
  STATS=$(curl -s "http://127.0.0.1:$PORT/fake/stats")
  # 8 shoppers and one more who checked the shopper's pages in every language before the runs
  check "every shopper was seen signed in ($STATS)" grep -q '"signed_in_sessions": 9,' <<<"$STATS"
  check "each connection carried one shopper's session" grep -q '"mixed_connections": 0,' <<<"$STATS"
  check "no shopper but the checker switched languages" grep -q '"sessions_in_several_languages": 1,' <<<"$STATS"
  check "the page cache's hit ratio is reported" grep -Eq '^  page cache hits +[0-9.]+ %' "$R/summary.txt"
  check "the summary has a verdict" grep -Eq '^RESULT: (PASS|FAIL)$' "$R/summary.txt"
  rm -rf -- "$R"
else
  check "pages-bench.sh kept its results" false
  cat "$WORK/pages.err" >&2
fi
check "pages-bench.sh refuses a bad option" test "$("$LOAD/pages-bench.sh" --shoppers x >/dev/null 2>&1; echo $?)" -eq 2
check "lighthouse.sh --help" quiet "$LOAD/lighthouse.sh" --help
if command -v node >/dev/null; then
  check "lighthouse-page.mjs is valid JavaScript" quiet node --check "$LOAD/lighthouse-page.mjs"
fi
check "lighthouse.sh refuses an unknown page" test "$("$LOAD/lighthouse.sh" --pages home,nope >/dev/null 2>&1; echo $?)" -eq 2

# ---------------------------------------------------------------- 6. the community mix
PORT=$(free_port)
python3 "$LOAD/testdata/fake_community.py" --port "$PORT" --members 8 >"$WORK/fake-community.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/fake/stats"
for n in 1 2 3 4 5 6 7 8; do printf 'DUKKAN_SESSION=member-%d; XSRF-TOKEN=token-%d\ttoken-%d\n' "$n" "$n" "$n"; done \
  >"$WORK/sessions.txt"
seq -f 'post-%g' 1 20000 >"$WORK/posts.txt"
wrk -t2 -c8 -d2s -s "$LOAD/community-mix.lua" "http://127.0.0.1:$PORT" -- "$WORK/sessions.txt" "$WORK/posts.txt" 2 \
  >"$WORK/community.txt"
STATS=$(curl -s "http://127.0.0.1:$PORT/fake/stats")
share() { # kind: its share of the requests the stand-in served, in per cent
  python3 -c 'import json,sys; k=json.loads(sys.argv[1])["kinds"]; print(round(100 * k.get(sys.argv[2], 0) / sum(k.values())))' "$STATS" "$1"
}
check "the community mix answered only 2xx" grep -q '^community-mix: non-2xx responses: 0$' "$WORK/community.txt"
check "feed, post, like 50/30/20 ($(share feed)/$(share post)/$(share like))" \
  test "$(share feed)" -ge 48 -a "$(share feed)" -le 52 -a "$(share post)" -ge 28 -a "$(share post)" -le 32 \
  -a "$(share like)" -ge 18 -a "$(share like)" -le 22
check "every member was seen, with its CSRF token ($STATS)" grep -q '"refused": {}, "liked_twice": 0, "members": 8,' <<<"$STATS"
check "no post text was sent twice" grep -q '"texts_twice": 0}' <<<"$STATS"
check "the latency percentiles are printed" grep -Eq '^community-mix: latency ms p50=[0-9.]+ p90=[0-9.]+ p95=[0-9.]+ p99=' "$WORK/community.txt"
# one member with a wrong token: its writes are refused (403), and counted
sed -i '3s/\ttoken-3$/\twrong/' "$WORK/sessions.txt"
wrk -t2 -c4 -d1s -s "$LOAD/community-mix.lua" "http://127.0.0.1:$PORT" -- "$WORK/sessions.txt" "$WORK/posts.txt" 2 \
  >"$WORK/community-403.txt"
REFUSED=$(curl -s "http://127.0.0.1:$PORT/fake/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["refused"].get("403", 0))')
LUA_NON2XX=$(sed -n 's/^community-mix: non-2xx responses: //p' "$WORK/community-403.txt")
check "non-2xx responses are counted ($LUA_NON2XX, the stand-in refused $REFUSED)" test "${LUA_NON2XX:-0}" -gt 0 -a "$REFUSED" -ge "$LUA_NON2XX"
# members who think 500 ms between requests: 8 connections send about 8 x 2 s / 0.5 s = 32, not hundreds
COMMUNITY_MIX_THINK_MS=500 wrk -t2 -c8 -d2s -s "$LOAD/community-mix.lua" "http://127.0.0.1:$PORT" -- "$WORK/sessions.txt" \
  "$WORK/posts.txt" 2 >"$WORK/community-think.txt"
THOUGHT=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$WORK/community-think.txt")
check "members who think send fewer requests ($THOUGHT in 2 s)" test "${THOUGHT:-0}" -ge 8 -a "${THOUGHT:-0}" -le 64
check "community-bench.sh --help" quiet "$LOAD/community-bench.sh" --help
check "community-bench.sh refuses a bad option" test "$("$LOAD/community-bench.sh" --members 0 >/dev/null 2>&1; echo $?)" -eq 2
check "community-bench.sh refuses more members than users" \
  test "$("$LOAD/community-bench.sh" --users 10 --members 20 >/dev/null 2>&1; echo $?)" -eq 2

echo "selftest: $PASSED passed, $FAILED failed"
((FAILED == 0))
