#!/usr/bin/env bash
# Fetches the pinned runtime parts (Node.js tarball, Debian .debs) into .tools/cache/runtime and
# verifies their hashes; prints the cache directory. Idempotent: verified files are reused.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/package/runtime-pins.sh"
cache="$root/.tools/cache/runtime"
mkdir -p "$cache"
# Test files build images in parallel: one fetch/build at a time, the others then reuse it.
mkdir -p "$root/.tools"
exec 9>"$root/.tools/.fetch-runtime.lock"
flock 9
node_tgz="$cache/$NODE_PKG-$NODE_VERSION.tgz"
node_sri() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }
if [[ ! -f "$node_tgz" || "$(node_sri "$node_tgz")" != "$NODE_INTEGRITY" ]]; then
  (cd "$cache" && npm pack --silent "$NODE_PKG@$NODE_VERSION" >/dev/null)
fi
[[ "$(node_sri "$node_tgz")" == "$NODE_INTEGRITY" ]] || { echo "fetch-runtime: $node_tgz integrity mismatch" >&2; exit 1; }
for pin in "${DEBS[@]}"; do
  read -r pkgver sha <<<"$pin"
  deb="$cache/${pkgver%%=*}_${pkgver#*=}_amd64.deb"
  if [[ ! -f "$deb" ]] || ! echo "$sha  $deb" | sha256sum -c --status; then
    (cd "$cache" && apt-get download -q "$pkgver" >&2)
  fi
  echo "$sha  $deb" | sha256sum -c --status || { echo "fetch-runtime: $deb sha256 mismatch" >&2; exit 1; }
done
echo "$cache"
