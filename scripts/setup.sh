#!/usr/bin/env bash
# Everything the demo and the tests need, installed idempotently and pinned:
# npm packages from the lockfile, the Crossplane CLI, the function bundles.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stamp="node_modules/.modelplane-lock-$(sha256sum package-lock.json | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
bash scripts/setup-crossplane.sh
bash scripts/setup-crds.sh
bash scripts/setup-crdcheck.sh
node scripts/build.mjs
