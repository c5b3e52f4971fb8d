#!/usr/bin/env bash
# `npm run bench`: set up (idempotent, builds the bundles), then run the benchmarks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
node --import tsx bench/run.ts "$@"
