#!/usr/bin/env bash
# `npm test`: set up (idempotent), type-check, then run every test layer with vitest. The output
# ends with `N passed, N failed`; logs that are not a terminal get no colour codes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --browser
if [[ ! -t 1 && -z "${FORCE_COLOR:-}" ]]; then export NO_COLOR=1; fi
if ! npx tsc --noEmit -p tsconfig.json; then
  echo "0 passed, 1 failed (type check)"
  exit 1
fi
npx vitest run "$@"
