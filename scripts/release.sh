#!/usr/bin/env bash
# npm run release -- --registry HOST[:PORT]/ORG [--out DIR] [--version X.Y.Z]
# Builds the five function runtime images and the six Crossplane packages from this checkout, with
# no container engine (scripts/package/build-images.sh, build-xpkgs.sh), then pushes them:
#   HOST/ORG/<fn>-runtime:v<version>  the runtime image alone (crane push), for running a function
#                                     outside Crossplane's package manager
#   HOST/ORG/<fn>:v<version>          the Function package with its runtime embedded
#   HOST/ORG/modelplane:v<version>    the Configuration, pushed last
# (crossplane xpkg push). The version is package.json's; --version releases the same checkout as
# another version (tags, image labels and the Configuration's Function pins all follow it; see
# scripts/package/versions.mjs). Without --registry it only builds.
# Credentials come from the Docker config (`crane auth login`); a registry with a private CA is
# trusted through SSL_CERT_FILE. Writes DIR/pushed.txt: one REF@DIGEST line per push, read back
# from the registry. Same checkout, same digests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
registry="" out="$root/dist/release"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry) registry="${2:?--registry needs HOST/ORG}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --version) export MODELPLANE_RELEASE_VERSION="${2:?--version needs X.Y.Z}"; shift 2 ;;
    *) echo "release: unknown argument $1 (usage: --registry HOST/ORG [--out DIR] [--version X.Y.Z])" >&2; exit 2 ;;
  esac
done
registry="${registry%/}"
if [[ -n "$registry" && "$registry" != */* ]]; then
  echo "release: --registry is HOST/ORG (e.g. registry.example.com/modelplane), got $registry" >&2
  exit 2
fi
source "$root/scripts/package/runtime-pins.sh"
tag="$(node "$root/scripts/package/versions.mjs" tag)"
node "$root/scripts/package/versions.mjs" check
start=$SECONDS
node "$root/scripts/build.mjs"
bash "$root/scripts/package/build-images.sh" "$out/images" >/dev/null
bash "$root/scripts/package/build-xpkgs.sh" "$out/images" "$out/xpkgs" >/dev/null
echo "release: built 5 images and 6 packages $tag into $out in $((SECONDS - start)) s" >&2
[[ -n "$registry" ]] || exit 0

bash "$root/scripts/package/setup-package-tools.sh"
bash "$root/scripts/setup-crossplane.sh"
crane="$root/.tools/bin/crane" crossplane="$root/.tools/bin/crossplane"
: >"$out/pushed.txt"
record() {
  local digest
  digest="$("$crane" digest "$1")"
  echo "$1@$digest" >>"$out/pushed.txt"
  echo "release: pushed $1@$digest" >&2
}
for fn in "${FUNCTIONS[@]}"; do
  if ! log="$("$crane" push "$out/images/$fn.tar" "$registry/$fn-runtime:$tag" 2>&1)"; then
    echo "$log" >&2
    exit 1
  fi
  record "$registry/$fn-runtime:$tag"
  # The registry must hold exactly the image that was built.
  want="$(awk -v fn="$fn" '$1 == fn { print $2 }' "$out/images/digests.txt")"
  [[ "$(tail -1 "$out/pushed.txt")" == *"@$want" ]] || { echo "release: $fn-runtime was stored as $(tail -1 "$out/pushed.txt"), built as $want" >&2; exit 1; }
  "$crossplane" xpkg push -f "$out/xpkgs/$fn.xpkg" "$registry/$fn:$tag"
  record "$registry/$fn:$tag"
done
"$crossplane" xpkg push -f "$out/xpkgs/modelplane.xpkg" "$registry/modelplane:$tag"
record "$registry/modelplane:$tag"
echo "release: pushed 11 artifacts to $registry in $((SECONDS - start)) s total" >&2
