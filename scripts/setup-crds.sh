#!/usr/bin/env bash
# Fetches the upstream CRDs that composed resources are validated against in tests, from the Go
# module proxy (modules ship their CRDs). Each scripts/crds/*.txt lists lines of
#   <module>@<version> <path glob inside the module>
# Files land in .tools/crds/<list name>/ (git-ignored). Idempotent: keyed by the lists' content.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.tools/crds"
shopt -s nullglob
lists=("$root"/scripts/crds/*.txt)
[[ ${#lists[@]} -gt 0 ]] || exit 0
pin="$(cat "${lists[@]}" | sha256sum | cut -c1-16)"
[[ -f "$out/.pin-$pin" ]] && exit 0
command -v go >/dev/null || { echo "setup-crds: Go is required to fetch upstream CRDs" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
for list in "${lists[@]}"; do
  dest="$out/$(basename "$list" .txt)"
  mkdir -p "$dest"
  while read -r module glob; do
    [[ -z "$module" || "$module" == \#* ]] && continue
    dir="$(cd "$root/scripts/crossplane-cli" && GOFLAGS=-mod=mod go mod download -json "$module" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
    [[ -n "$dir" ]] || { echo "setup-crds: cannot download $module" >&2; exit 1; }
    found=0
    for f in $dir/$glob; do
      cp "$f" "$dest/$(echo "${module%@*}" | tr '/' '_')__$(basename "$f")"
      found=1
    done
    [[ $found -eq 1 ]] || { echo "setup-crds: no files match $glob in $module" >&2; exit 1; }
  done < "$list"
done
touch "$out/.pin-$pin"
echo "setup-crds: CRDs in $out" >&2
