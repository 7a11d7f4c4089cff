#!/usr/bin/env bash
# Times the restore drill on a shop of 10,000 products and 100,000 paid orders (the target: the
# whole drill, backup + restore + a shop started on the copy + smoke checks, under 10 minutes).
#
#   ./mvnw -B -q package -DskipTests && load/restore-drill-bench.sh
#
# The shop's data goes to $DATA (default var/bench-restore, created on the first run; later runs
# reuse it) and the backups to $DATA-files. Prints the seeding time (first run only) and the
# drill's own report, which ends with each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/dukkan.jar}
DATA=${DATA:-var/bench-restore}
PRODUCTS=${PRODUCTS:-10000}
ORDERS=${ORDERS:-100000}
export DUKKAN_PAYMENTS_TEST_PROVIDER_ENABLED=true
export DUKKAN_BACKUP_KEY=${DUKKAN_BACKUP_KEY:-$(openssl rand -base64 32)}
settings=(--dukkan.embedded-postgres.data-directory="$DATA" --dukkan.storage.directory="$DATA-files")

start=$(date +%s)
java -jar "$JAR" seed "$PRODUCTS" "${settings[@]}" --dukkan.seed.demo-orders="$ORDERS" --logging.level.root=WARN
echo "seeded $PRODUCTS products and $ORDERS orders (or found them) in $(( $(date +%s) - start )) s"

java -jar "$JAR" restore-drill "${settings[@]}" --logging.level.root=WARN
