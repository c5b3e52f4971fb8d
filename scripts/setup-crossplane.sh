#!/usr/bin/env bash
# Installs the pinned Crossplane CLI into .tools/bin, built from the Go module proxy (no Docker).
# The version is pinned in scripts/crossplane-cli/go.mod (with go.sum): v2.2.x is the last CLI line
# that renders in-process, and `go install pkg@version` cannot be used because the proxy refuses
# the module's version list, so a tiny wrapper module pins it instead.
# Idempotent: a second run with the same go.mod/go.sum does nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/bin"
mod="$root/scripts/crossplane-cli"
pin="$(cat "$mod/go.mod" "$mod/go.sum" | sha256sum | cut -c1-16)"
stamp="$bin/.crossplane-$pin"
if [[ -x "$bin/crossplane" && -f "$stamp" ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "setup-crossplane: Go is required to build the Crossplane CLI" >&2; exit 1; }
mkdir -p "$bin"
echo "setup-crossplane: building the Crossplane CLI ($(grep crossplane/v2 "$mod/go.mod" | xargs)); first run takes a few minutes" >&2
(cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$bin/crossplane" github.com/crossplane/crossplane/v2/cmd/crank)
rm -f "$bin"/.crossplane-*
touch "$stamp"
echo "setup-crossplane: installed $bin/crossplane" >&2
