#!/usr/bin/env bash
# Builds test/schema/crdcheck (the Kubernetes API server's own CRD validation, used to check the
# generated XRDs) into .tools/bin/crdcheck from the Go module proxy. Idempotent: keyed by go.mod/go.sum.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/test/schema/crdcheck"
bin="$root/.tools/bin"
pin="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-16)"
[[ -x "$bin/crdcheck" && -f "$bin/.crdcheck-$pin" ]] && exit 0
mkdir -p "$bin"
echo "setup-crdcheck: building the CRD validator (first run only)" >&2
(cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -o "$bin/crdcheck" .)
rm -f "$bin"/.crdcheck-*
touch "$bin/.crdcheck-$pin"
