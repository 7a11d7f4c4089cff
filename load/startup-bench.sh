#!/usr/bin/env bash
# Start-up time on an existing database: seconds from `java` to /readyz answering 200, for the jar
# as built (JDK 17) and for the extracted jar with the JDK's ahead-of-time cache (JDK 25, JEP 483/514),
# each with the application context Spring processed ahead of time at build (AheadOfTimeStart: the
# settings below are the ones the jar's is built for) and without it (-Dspring.aot.enabled=false: the
# configuration classes are read at start).
#
#   ./mvnw -B -q package -DskipTests && load/startup-bench.sh
#
# JAVA (default java) runs the jar as built; JAVA_AOT (default Temurin 25 under /usr/lib/jvm) runs
# the extracted jar, with a cache trained for each of the two ways (-XX:AOTCacheOutput: a start, a
# few pages, a stop), then with -XX:AOTCache. The database is the embedded one in $DATA (default
# var/bench-startup; created by a first, untimed start). The four ways take turns, RUNS rounds
# (default 3), so that a machine growing slower or faster shows in all of them alike. The console of
# each start is checked for the JVM's warnings (restricted methods and others) and for the way the
# context was made. SHAPE=kubernetes starts the shop as the image's web pods run it instead: an
# external database, the management port, S3, SMTP, OTLP export, Stripe (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --image-settings ]; then
  # the image's AOT_SETTINGS, as deploy/Dockerfile builds with them
  sed -n '/^ARG AOT_SETTINGS=/,/"$/p' deploy/Dockerfile | sed 's/^ARG AOT_SETTINGS=//; s/\\$//' | tr -d '"\n'
  exit 0
fi
JAR=${JAR:-target/dukkan.jar}
DATA=${DATA:-var/bench-startup}
RUNS=${RUNS:-3}
JAVA=${JAVA:-java}
JAVA_AOT=${JAVA_AOT:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=18099
OUT=$(mktemp -d)
if [ "${SHAPE:-embedded}" = kubernetes ]; then
  # the settings of the Kubernetes web Deployment (deploy/k8s), with local stand-ins: PostgreSQL on
  # $DATABASE_URL (default the machine's own server, database dukkan_startup, created when missing),
  # nothing listening for SMTP, S3 or OTLP (none is called during a start). The jar must be built
  # for the image's settings:
  #   ./mvnw -B -q package -DskipTests "-Ddukkan.aot.settings=$(load/startup-bench.sh --image-settings)"
  DATABASE_URL=${DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/dukkan_startup}
  psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = 'dukkan_startup'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "create database dukkan_startup"
  export SPRING_DATASOURCE_URL=$DATABASE_URL SPRING_DATASOURCE_USERNAME=${DATABASE_USER:-postgres} \
    MANAGEMENT_SERVER_PORT=9090 SERVER_FORWARD_HEADERS_STRATEGY=native DUKKAN_ROLES=web \
    SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=2525 DUKKAN_STORAGE_S3_BUCKET=dukkan-files \
    DUKKAN_STORAGE_S3_REGION=eu-central-1 DUKKAN_STORAGE_S3_ENDPOINT=http://127.0.0.1:9 \
    DUKKAN_STORAGE_S3_PATH_STYLE=true AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
    MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=http://127.0.0.1:4318/v1/traces \
    STRIPE_SECRET_KEY=sk_test_bench STRIPE_WEBHOOK_SECRET=whsec_bench STRIPE_PUBLISHABLE_KEY=pk_test_bench \
    SENTRY_DSN= DUKKAN_ADMIN_PASSWORD=Correct-Horse-Battery-9 \
    DUKKAN_AUTOMATION_CREDENTIALS_KEY=$(openssl rand -base64 32) DUKKAN_BACKUP_KEY=$(openssl rand -base64 32)
  settings=(--server.port=$PORT --dukkan.seed.demo-products=0)
else
  export DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED=true
  settings=(--server.port=$PORT --dukkan.embedded-postgres.data-directory="$(realpath -m "$DATA")"
    --dukkan.seed.demo-products=0)
fi

# prints the seconds until /readyz answers; stops the shop again
timed_start() {
  local start pid
  start=$(date +%s.%N)
  "$@" "${settings[@]}" > "$OUT/start.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz"; do
    kill -0 $pid 2>/dev/null || { tail -20 "$OUT/start.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "$(date +%s.%N) - $start" | bc
  # the JVM's own warnings: "WARNING: ..." (restricted methods and the like) and unified logging's "[warning]"
  if grep -qE "^WARNING:|\]\[warning\]\[" "$OUT/start.log"; then
    echo "  (the JVM printed warnings:)" >&2
    grep -E "^WARNING:|\]\[warning\]\[" "$OUT/start.log" | head -4 >&2
  fi
  if grep -q "processed ahead of time at build" "$OUT/start.log"; then echo "  (context processed ahead of time)" >&2; fi
  kill $pid
  wait $pid 2>/dev/null || true
}

echo "first start (creates the database when needed): $(timed_start "$JAVA" -jar "$JAR") s"

"$JAVA_AOT" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
EXTRACTED="$OUT/app/$(basename "$JAR")"
# a training run starts the shop, answers a few pages and stops: the JVM writes the cache as it
# exits, with every class the start and the first requests loaded
train() { # cache file, flags
  local cache=$1 train
  shift
  "$JAVA_AOT" "$@" -XX:AOTCacheOutput="$cache" -jar "$EXTRACTED" "${settings[@]}" > "$OUT/train.log" 2>&1 &
  train=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz"; do
    kill -0 $train 2>/dev/null || { tail -20 "$OUT/train.log" >&2; exit 1; }
    sleep 0.2
  done
  for path in / /products /api/v1/products /login /cart; do curl -s -o /dev/null "http://127.0.0.1:$PORT$path"; done
  kill $train
  wait $train 2>/dev/null || true
  [ -s "$cache" ] || { echo "the training run wrote no AOT cache" >&2; tail -20 "$OUT/train.log" >&2; exit 1; }
}
READ=(-Dspring.aot.enabled=false)
train "$OUT/read.aot" "${READ[@]}"
train "$OUT/processed.aot"
# JDK 25 prints two warnings per start when two of the cached call adapters share a hash ("Failed to
# link AdapterHandlerEntry", JDK-8364929, fixed in later JDKs); without the cached adapters the start is
# as fast and the console clean
cached() { echo -XX:AOTCache="$1" -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching; }
JDK=$($JAVA -version 2>&1 | head -1)
JDK_AOT=$($JAVA_AOT -version 2>&1 | head -1)
for i in $(seq 1 "$RUNS"); do
  echo "round $i"
  echo "  jar as built, $JDK, configuration read at start: $(timed_start "$JAVA" "${READ[@]}" -jar "$JAR") s"
  echo "  jar as built, $JDK, context processed ahead of time: $(timed_start "$JAVA" -jar "$JAR") s"
  # shellcheck disable=SC2046
  echo "  extracted jar with the AOT cache, $JDK_AOT, configuration read at start: $(timed_start "$JAVA_AOT" $(cached "$OUT/read.aot") "${READ[@]}" -jar "$EXTRACTED") s"
  # shellcheck disable=SC2046
  echo "  extracted jar with the AOT cache, $JDK_AOT, context processed ahead of time: $(timed_start "$JAVA_AOT" $(cached "$OUT/processed.aot") -jar "$EXTRACTED") s"
done
rm -rf "$OUT"
