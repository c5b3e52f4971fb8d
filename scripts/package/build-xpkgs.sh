#!/usr/bin/env bash
# build-xpkgs.sh IMAGES_DIR OUT_DIR — builds the six Crossplane packages into OUT_DIR:
#   <fn>.xpkg       for the five Functions, package/<fn>/crossplane.yaml with IMAGES_DIR/<fn>.tar
#                   (from build-images.sh) embedded as the runtime (--embed-runtime-image-tarball),
#                   so the package image is also the image Crossplane runs;
#   modelplane.xpkg the Configuration: crossplane.yaml, apis/, compositions/ and examples/.
# Each package is built from a staged copy of just its files. The version is package.json's; the
# Configuration's Function dependencies must name it (scripts/package/versions.mjs check).
# Writes OUT_DIR/SHA256SUMS. The CLI writes fixed timestamps, so the same inputs give
# byte-identical packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/package/runtime-pins.sh"
images="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
node "$root/scripts/package/versions.mjs" check
bash "$root/scripts/setup-crossplane.sh"
crossplane="$root/.tools/bin/crossplane"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/no-examples"

for fn in "${FUNCTIONS[@]}"; do
  [[ -f "$images/$fn.tar" ]] || { echo "build-xpkgs: $images/$fn.tar is missing (run build-images.sh)" >&2; exit 1; }
  mkdir -p "$work/$fn"
  cp "$root/package/$fn/crossplane.yaml" "$work/$fn/"
  "$crossplane" xpkg build -f "$work/$fn" -e "$work/no-examples" \
    --embed-runtime-image-tarball "$images/$fn.tar" -o "$out/$fn.xpkg"
done
mkdir -p "$work/configuration"
cp -r "$root/crossplane.yaml" "$root/apis" "$root/compositions" "$work/configuration/"
"$crossplane" xpkg build -f "$work/configuration" -e "$root/examples" -o "$out/modelplane.xpkg"
(cd "$out" && sha256sum "${FUNCTIONS[@]/%/.xpkg}" modelplane.xpkg >SHA256SUMS)
cat "$out/SHA256SUMS"
