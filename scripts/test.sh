#!/usr/bin/env bash
# `npm test`: set up (idempotent), type-check, then run every test layer with vitest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --browser
npx tsc --noEmit -p tsconfig.json
npx vitest run "$@"
