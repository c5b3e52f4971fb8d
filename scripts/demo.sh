#!/usr/bin/env bash
# `npm run demo`: set up (idempotent), then run the getting-started tour on a simulated fleet.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh >&2
node --import tsx scripts/demo.ts
