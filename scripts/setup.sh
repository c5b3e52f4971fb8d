#!/usr/bin/env bash
# Everything the demo and the tests need, installed idempotently and pinned:
# npm packages from the lockfile, the Crossplane CLI, upstream CRDs, the function bundles; with
# --browser also Debian's Chromium for the browser test (npm test and npm run setup ask for it).
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
if [[ "${1:-}" == "--browser" ]]; then bash scripts/setup-chromium.sh; fi
