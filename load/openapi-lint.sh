#!/usr/bin/env bash
# Lints the API description (/api/schema) with Redocly CLI's recommended rules; fails on any error.
#
#   load/openapi-lint.sh              # exports the description by running ApiKeyOpenApiTests, then lints
#   load/openapi-lint.sh --no-export  # lints target/openapi.json as a previous run left it
#
# Needs Node.js for npx (Redocly CLI is fetched from the npm registry at the pinned version); the
# build itself does not. REDOCLY_VERSION overrides the version.
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY_VERSION="${REDOCLY_VERSION:-2.77.0}"

if [[ "${1:-}" != "--no-export" ]]; then
  ./mvnw -B -q test -Dtest=ApiKeyOpenApiTests -Dsurefire.failIfNoSpecifiedTests=false
fi
if [[ ! -f target/openapi.json ]]; then
  echo "target/openapi.json is missing: run without --no-export first" >&2
  exit 1
fi
if ! command -v npx >/dev/null; then
  echo "npx not found: install Node.js (e.g. apt-get install nodejs npm) to run Redocly CLI" >&2
  exit 1
fi
npx --yes "@redocly/cli@${REDOCLY_VERSION}" lint --extends=recommended --format=summary target/openapi.json
