#!/usr/bin/env bash
# `npm run render -- <file>...`: set up (idempotent), then render with the real crossplane CLI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh >&2
node --import tsx scripts/render.ts "$@"
