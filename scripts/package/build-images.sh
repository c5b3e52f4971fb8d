#!/usr/bin/env bash
# build-images.sh OUT_DIR — builds one runtime image per function without a container engine, as
# docker-archive tarballs OUT_DIR/<fn>.tar, and writes OUT_DIR/digests.txt ("<fn> <digest>").
# Layers (bottom first): the shared libraries from pinned Debian packages plus /etc/passwd, /tmp and
# /tls/server; the pinned Node.js binary at /nodejs/bin/node; the function bundle at /fn/function.js.
# The same layout as package/Dockerfile. Tar entries have fixed mtimes, owners and order, so the
# same inputs give the same digests. Expects dist/ from `node scripts/build.mjs`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/package/runtime-pins.sh"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
# The release version (package.json's, or MODELPLANE_RELEASE_VERSION's override): the tag and the
# image's version label, so two versions of the same sources are two images.
tag="$(node "$root/scripts/package/versions.mjs" tag)"
cache="$(bash "$root/scripts/package/fetch-runtime.sh")"
bash "$root/scripts/package/setup-package-tools.sh"
tool="$root/.tools/bin/ociimage-$(cat "$root/scripts/package/crane/ociimage"/*.go | sha256sum | cut -c1-16)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Deterministic tar of a staged directory: sorted names, epoch mtimes, root owners unless staged
# otherwise via --owner-map, no atime/ctime.
det_tar() {
  tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$1" -cf "$2" .
}

base="$work/base"
mkdir -p "$base/deb"
for pin in "${DEBS[@]}"; do
  read -r pkgver _ <<<"$pin"
  name="${pkgver%%=*}"
  dpkg-deb -x "$cache/${name}_${pkgver#*=}_amd64.deb" "$base/deb"
  # Keep each package's copyright (libgcc-s1's lives under gcc-12-base, which it depends on).
  if [[ -f "$base/deb/usr/share/doc/$name/copyright" ]]; then
    mkdir -p "$base/root/usr/share/doc/$name"
    cp "$base/deb/usr/share/doc/$name/copyright" "$base/root/usr/share/doc/$name/copyright"
  fi
done
r="$base/root"
# Only the loader and shared libraries (no ldconfig, no gconv modules, no binaries, no shell).
cp -a "$base/deb/lib" "$base/deb/lib64" "$r/"
mkdir -p "$r/usr/lib/x86_64-linux-gnu"
cp -a "$base/deb/usr/lib/x86_64-linux-gnu/"libstdc++.so.6* "$r/usr/lib/x86_64-linux-gnu/"
rm -f "$r/usr/lib/x86_64-linux-gnu/"*.py
mkdir -p "$r/etc" "$r/tmp" "$r/tls/server" "$r/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' "$RUNTIME_UID" "$RUNTIME_UID" >"$r/etc/passwd"
printf 'root:x:0:\nnonroot:x:%s:\n' "$RUNTIME_UID" >"$r/etc/group"
chmod -R u=rwX,go=rX "$r"
chmod 1777 "$r/tmp"
det_tar "$r" "$work/base.tar"

node="$work/node/root"
mkdir -p "$node/nodejs/bin" "$work/node/x"
tar -xzf "$cache/$NODE_PKG-$NODE_VERSION.tgz" -C "$work/node/x" package/bin/node package/LICENSE
cp "$work/node/x/package/bin/node" "$node/nodejs/bin/node"
cp "$work/node/x/package/LICENSE" "$node/nodejs/LICENSE"
chmod -R u=rwX,go=rX "$node"
det_tar "$node" "$work/node.tar"

: >"$out/digests.txt"
for fn in "${FUNCTIONS[@]}"; do
  f="$work/$fn/root"
  mkdir -p "$f/fn"
  cp "$root/dist/$fn.js" "$f/fn/function.js"
  cp "$root/dist/package.json" "$f/fn/package.json"
  chmod -R u=rwX,go=rX "$f"
  det_tar "$f" "$work/$fn.tar"
  digest="$("$tool" -tag "modelplane/$fn:$tag" -out "$out/$fn.tar" \
    -layer "$work/base.tar" -layer "$work/node.tar" -layer "$work/$fn.tar" \
    -entrypoint /nodejs/bin/node -entrypoint /fn/function.js \
    -env PATH=/nodejs/bin -env TLS_SERVER_CERTS_DIR=/tls/server -env NODE_ENV=production \
    -user "$RUNTIME_UID:$RUNTIME_UID" -workdir /fn -port 9443/tcp \
    -label "org.opencontainers.image.title=$fn" -label "org.opencontainers.image.version=$tag" \
    -label "org.opencontainers.image.source=https://github.com/modelplane/modelplane")"
  echo "$fn $digest" >>"$out/digests.txt"
done
cat "$out/digests.txt"
