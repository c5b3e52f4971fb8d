#!/usr/bin/env bash
# Installs the pinned Crossplane CLI into .tools/bin, built from the Go module proxy (no Docker).
# The version is pinned in scripts/crossplane-cli/go.mod (with go.sum): v2.2.x is the last CLI line
# that renders in-process, and `go install pkg@version` cannot be used because the proxy refuses
# the module's version list, so a tiny wrapper module pins it instead.
#
# The binary carries its version (`crossplane version --client`), as a release build does. That
# version also names the Crossplane image `crossplane beta validate` reads its built-in schemas
# from; setup seeds .tools/crossplane-cache with those schemas, copied from the same pinned module,
# so validation never needs to download the image (docs/development.md, "Validate offline").
# Idempotent: a second run with the same pins does nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/bin"
cache="$root/.tools/crossplane-cache"
mod="$root/scripts/crossplane-cli"
version="$(awk '{ for (i = 1; i < NF; i++) if ($i == "github.com/crossplane/crossplane/v2") print $(i + 1) }' "$mod/go.mod")"
[[ -n "$version" ]] || { echo "setup-crossplane: no crossplane/v2 requirement in $mod/go.mod" >&2; exit 1; }
ldflags="-s -w -X github.com/crossplane/crossplane/v2/internal/version.version=$version"
schemas="$cache/xpkg.crossplane.io/crossplane/crossplane@$version"
pin="$( (cat "$mod/go.mod" "$mod/go.sum"; echo "$ldflags") | sha256sum | cut -c1-16)"
stamp="$bin/.crossplane-$pin"
if [[ -x "$bin/crossplane" && -f "$stamp" && -d "$schemas" ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "setup-crossplane: Go is required to build the Crossplane CLI" >&2; exit 1; }
mkdir -p "$bin"
echo "setup-crossplane: building the Crossplane CLI $version; first run takes a few minutes" >&2
(cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$bin/crossplane" github.com/crossplane/crossplane/v2/cmd/crank)
src="$(cd "$mod" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' github.com/crossplane/crossplane/v2)"
rm -rf "$cache" && mkdir -p "$schemas"
cp "$src"/cluster/crds/*.yaml "$schemas"/
chmod -R u+w "$cache"
rm -f "$bin"/.crossplane-*
touch "$stamp"
echo "setup-crossplane: installed $bin/crossplane ($version) and its validation schemas in $cache" >&2
