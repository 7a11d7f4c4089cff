#!/usr/bin/env bash
# Automation PDF benchmark: renders N documents (default 10,000) of the pdf connector as one batch in
# one JVM (payment_receipt and visa_approved alternating, in en, de and ar; each written to a file as
# the file store would; no HTTP, no database) and prints throughput and the heap in use after a full
# collection before, at every quarter and after the batch. See docs/benchmarks.md ("Automation PDFs").
#
# Usage: load/pdf-bench.sh [--documents N] [--warmup N] [--offline] [--no-build]
#   --documents  documents in the batch (default 10000)
#   --warmup     documents rendered first, for the JIT (default 200)
#   --offline    run Maven offline (a warm local repository)
#   --no-build   use target/classes and target/test-classes as they are
# JAVA_OPTS overrides the JVM options (default: -Xms256m -Xmx256m -XX:+UseParallelGC): a small heap,
# so that memory that grows with the batch would show as GC time or an OutOfMemoryError.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOCUMENTS=10000
WARMUP=200
MAVEN_FLAGS=(-B -q)
BUILD=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --documents) DOCUMENTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --offline) MAVEN_FLAGS+=(-o); shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $DOCUMENTS =~ ^[1-9][0-9]*$ && $DOCUMENTS -ge 4 ]] || { echo "--documents must be a number >= 4" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "--warmup must be a number" >&2; exit 2; }

cd "$ROOT"
if [[ $BUILD == 1 ]]; then
  ./mvnw "${MAVEN_FLAGS[@]}" test-compile
fi
CLASSPATH_FILE=target/pdf-bench.classpath
./mvnw "${MAVEN_FLAGS[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null

echo "pdf-bench $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC} -Djava.awt.headless=true \
  -cp "target/classes:target/test-classes:$(cat "$CLASSPATH_FILE")" \
  app.dukkan.automation.connector.PdfBench "$DOCUMENTS" "$WARMUP"
