#!/usr/bin/env bash
# Product image pipeline benchmark: runs the upload pipeline (type check, header limits, decode,
# EXIF orientation, renditions 320–1600 px, JPEG encoding; no storage, no HTTP) on a generated
# 12-megapixel JPEG (4000×3000, photo-like with sensor noise, about 2 MB), upright and with EXIF
# orientation 6, in one JVM: warm-up runs, then timed runs, and prints each time with the median and
# p95 against the target (< 2 s per picture). See docs/benchmarks.md ("Product image uploads").
#
# Usage: load/image-bench.sh [--runs N] [--warmup N] [--file photo.jpg] [--offline] [--no-build]
#   --runs      timed runs per input (default 15)
#   --warmup    untimed runs first, for the JIT (default 5)
#   --file      a JPEG, PNG or WebP of your own instead of the generated ones
#   --offline   run Maven offline (a warm local repository)
#   --no-build  use target/classes and target/test-classes as they are
# JAVA_OPTS overrides the JVM options (default: -Xms1g -Xmx1g -XX:+UseParallelGC).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=15
WARMUP=5
FILE=""
MAVEN_FLAGS=(-B -q)
BUILD=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --file) FILE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --offline) MAVEN_FLAGS+=(-o); shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$ROOT"
if [[ $BUILD == 1 ]]; then
  ./mvnw "${MAVEN_FLAGS[@]}" test-compile
fi
CLASSPATH_FILE=target/image-bench.classpath
./mvnw "${MAVEN_FLAGS[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" >/dev/null

echo "image-bench $(date -u +%Y-%m-%dT%H:%MZ): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} -Djava.awt.headless=true \
  -cp "target/classes:target/test-classes:$(cat "$CLASSPATH_FILE")" \
  app.dukkan.catalog.image.ImageBench "$RUNS" "$WARMUP" ${FILE:+"$FILE"}
