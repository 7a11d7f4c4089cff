#!/usr/bin/env bash
# Checks the shop's bill of materials (target/bom.json, which `./mvnw package` writes) for known
# vulnerabilities with grype, and fails on any finding of severity critical.
#
# It needs the internet: grype and its vulnerability database are downloaded (from GitHub and from
# Anchore's database server). Where they cannot be had, the scan does NOT run, and the script says so
# and exits 3, or 0 with --allow-unavailable; it never reports a scan that did not happen.
#
# Usage: build/scan-sbom.sh [--allow-unavailable] [BOM]
#   BOM                  CycloneDX JSON to check (default target/bom.json)
#   --allow-unavailable  exit 0 (after a SKIPPED notice) when grype or its database cannot be had
# Environment:
#   SCAN_FAIL_ON         lowest severity that fails the build: negligible, low, medium, high, critical (default critical)
#   GRYPE                a grype binary to use instead of the one on PATH or the pinned download
#   GRYPE_VERSION        the grype release downloaded when none is installed (default 0.121.3)
#   GRYPE_DB_ARCHIVE     a grype database archive to import instead of downloading one (air-gapped machines)
# Needs curl, tar, sha256sum and python3 (which reads the report).
# Exit status: 0 nothing at or above SCAN_FAIL_ON; 1 findings at or above it; 2 no BOM or a bad
# argument; 3 the scan did not run (grype or its database unavailable, or grype failed).
set -euo pipefail
cd "$(dirname "$0")/.."

allow_unavailable=false
bom=target/bom.json
for arg in "$@"; do
  case "$arg" in
    --allow-unavailable) allow_unavailable=true ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "scan-sbom: unknown option $arg" >&2; exit 2 ;;
    *) bom=$arg ;;
  esac
done
fail_on=${SCAN_FAIL_ON:-critical}
case "$fail_on" in
  negligible|low|medium|high|critical) ;;
  *) echo "scan-sbom: SCAN_FAIL_ON must be negligible, low, medium, high or critical, not '$fail_on'" >&2; exit 2 ;;
esac
if [[ ! -s "$bom" ]]; then
  echo "scan-sbom: no bill of materials at $bom: run ./mvnw package first (it writes target/bom.json)" >&2
  exit 2
fi

# the scan could not run: say so, and never pass for a clean scan unless asked to
unavailable() {
  echo "scan-sbom: SKIPPED, no vulnerability scan ran: $1" >&2
  if $allow_unavailable; then
    exit 0
  fi
  echo "scan-sbom: run it where the internet is reachable, or pass --allow-unavailable to skip on purpose" >&2
  exit 3
}

version=${GRYPE_VERSION:-0.121.3}
tools=target/tools/grype-$version
grype=${GRYPE:-$(command -v grype || true)}
if [[ -z "$grype" ]]; then
  grype=$tools/grype
  if [[ ! -x "$grype" ]]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) platform=linux_amd64 ;;
      Linux-aarch64) platform=linux_arm64 ;;
      Darwin-x86_64) platform=darwin_amd64 ;;
      Darwin-arm64) platform=darwin_arm64 ;;
      *) unavailable "no grype release for $(uname -s) $(uname -m); install grype and set GRYPE" ;;
    esac
    release=https://github.com/anchore/grype/releases/download/v$version
    archive=grype_${version}_$platform.tar.gz
    mkdir -p "$tools"
    echo "scan-sbom: downloading grype $version ($platform)"
    if ! curl -fsSL --retry 2 --max-time 120 -o "$tools/$archive" "$release/$archive" \
        || ! curl -fsSL --retry 2 --max-time 60 -o "$tools/checksums.txt" "$release/grype_${version}_checksums.txt"; then
      unavailable "grype $version could not be downloaded from $release"
    fi
    # the archive must be the one the release lists
    (cd "$tools" && grep " $archive\$" checksums.txt | sha256sum --check --status) \
      || unavailable "the downloaded $archive does not match the release's checksum"
    tar -xzf "$tools/$archive" -C "$tools" grype
  fi
fi
echo "scan-sbom: $("$grype" version 2>/dev/null | grep -m1 '^Version' || echo "grype at $grype")"

# the database: imported from an archive, or brought up to date (grype refuses one older than 5 days)
if [[ -n "${GRYPE_DB_ARCHIVE:-}" ]]; then
  "$grype" db import "$GRYPE_DB_ARCHIVE" || unavailable "the grype database archive $GRYPE_DB_ARCHIVE could not be imported"
else
  "$grype" db update || unavailable "grype's vulnerability database could not be downloaded"
fi
"$grype" db status || unavailable "grype's vulnerability database is missing or invalid"

report=target/grype-report.json
rm -f "$report"
set +e
GRYPE_DB_AUTO_UPDATE=false "$grype" "sbom:$bom" --fail-on "$fail_on" -o table -o "json=$report"
status=$?
set -e
if [[ ! -s "$report" ]]; then
  unavailable "grype failed (exit $status) while scanning $bom and wrote no report"
fi
# decided by the report, whichever exit status this grype version gives for --fail-on
findings=$(python3 - "$report" "$fail_on" <<'PY'
import json, sys
order = ["negligible", "low", "medium", "high", "critical"]
threshold = order.index(sys.argv[2])
matches = json.load(open(sys.argv[1])).get("matches", [])
severities = [m.get("vulnerability", {}).get("severity", "").lower() for m in matches]
print(sum(1 for s in severities if s in order and order.index(s) >= threshold))
PY
)
if (( findings > 0 )); then
  echo "scan-sbom: FAILED: $findings known vulnerabilities of severity $fail_on or above in $bom (report: $report)" >&2
  exit 1
fi
if (( status != 0 )); then
  unavailable "grype failed (exit $status) while scanning $bom"
fi
echo "scan-sbom: no known vulnerability of severity $fail_on or above in $bom (report: $report)"
