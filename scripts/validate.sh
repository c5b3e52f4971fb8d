#!/usr/bin/env bash
# Validates objects against Modelplane's XRDs (OpenAPI schemas and CEL rules) with the pinned
# `crossplane beta validate`, offline: setup seeded the Crossplane schemas it needs.
# usage: npm run validate [-- <files or directories, comma-separated>]   (default: examples)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup-crossplane.sh"
exec "$root/.tools/bin/crossplane" beta validate "$root/apis" "${1:-$root/examples}" --cache-dir "$root/.tools/crossplane-cache" --error-on-missing-schemas
