#!/usr/bin/env bash
# build-xpkgs.sh IMAGES_DIR OUT_DIR — builds the six Crossplane packages into OUT_DIR:
#   <fn>.xpkg       for the five Functions, package/<fn>/crossplane.yaml with IMAGES_DIR/<fn>.tar
#                   (from build-images.sh) embedded as the runtime (--embed-runtime-image-tarball),
#                   so the package image is also the image Crossplane runs;
#   modelplane.xpkg the Configuration: crossplane.yaml, apis/, compositions/ and examples/.
# Each package is built from a staged copy of just its files. The version is the release version
# (package.json's, which the Configuration's Function dependencies must name — versions.mjs check —
# or MODELPLANE_RELEASE_VERSION's override, to which the staged crossplane.yaml is pinned).
# Writes OUT_DIR/SHA256SUMS. The builder writes fixed timestamps, so the same inputs give
# byte-identical packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/package/runtime-pins.sh"
images="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
node "$root/scripts/package/versions.mjs" check
# Built with xpkgbuild, what `crossplane xpkg build` does with Crossplane v2.3's package builder
# (the pinned v2.2 CLI would drop API fields newer than v2.2 from the XRDs, such as the scale
# subresource).
bash "$root/scripts/package/setup-package-tools.sh"
xpkgbuild="$root/.tools/bin/xpkgbuild"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/no-examples"

for fn in "${FUNCTIONS[@]}"; do
  [[ -f "$images/$fn.tar" ]] || { echo "build-xpkgs: $images/$fn.tar is missing (run build-images.sh)" >&2; exit 1; }
  mkdir -p "$work/$fn"
  cp "$root/package/$fn/crossplane.yaml" "$work/$fn/"
  "$xpkgbuild" -f "$work/$fn" -e "$work/no-examples" \
    -embed-runtime-image-tarball "$images/$fn.tar" -o "$out/$fn.xpkg" >/dev/null
done
mkdir -p "$work/configuration"
cp -r "$root/apis" "$root/compositions" "$work/configuration/"
node "$root/scripts/package/versions.mjs" configuration >"$work/configuration/crossplane.yaml"
"$xpkgbuild" -f "$work/configuration" -e "$root/examples" -o "$out/modelplane.xpkg" >/dev/null
(cd "$out" && sha256sum "${FUNCTIONS[@]/%/.xpkg}" modelplane.xpkg >SHA256SUMS)
cat "$out/SHA256SUMS"
