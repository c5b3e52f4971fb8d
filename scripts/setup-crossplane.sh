#!/usr/bin/env bash
# Installs the pinned Crossplane CLI into .tools/bin from the Go module proxy.
# Idempotent: a second run with the same pin does nothing. v2.2.x is the last CLI line that
# renders in-process (no Docker); v2.2.1 is the newest of it the module proxy serves here.
set -euo pipefail
CROSSPLANE_VERSION="${CROSSPLANE_VERSION:-v2.2.1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/bin"
stamp="$bin/.crossplane-$CROSSPLANE_VERSION"
mkdir -p "$bin"
if [[ -x "$bin/crossplane" && -f "$stamp" ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "setup-crossplane: Go is required to build the Crossplane CLI" >&2; exit 1; }
echo "setup-crossplane: building crossplane $CROSSPLANE_VERSION (first run only)" >&2
GOBIN="$bin" GOFLAGS="-trimpath" CGO_ENABLED=0 \
  go install "github.com/crossplane/crossplane/v2/cmd/crank@$CROSSPLANE_VERSION"
ln -sf crank "$bin/crossplane"
rm -f "$bin"/.crossplane-*
touch "$stamp"
"$bin/crossplane" --version >&2
