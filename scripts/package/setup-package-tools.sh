#!/usr/bin/env bash
# Installs the packaging tools into .tools/bin, each built from the Go module proxy at the versions
# pinned in scripts/package/crane/go.mod + go.sum (go-containerregistry v0.20.7, the library the
# pinned Crossplane CLI uses): crane (push, pull, digests), ociimage (assembles the runtime images)
# and ociregistry (go-containerregistry's registry server behind TLS, for tests and mirrors).
# Idempotent: each binary is rebuilt only when its pins or sources change.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/go-pinned.sh"
# Test files build images in parallel: one fetch/build at a time, the others then reuse it.
mkdir -p "$root/.tools"
exec 9>"$root/.tools/.setup-package-tools.lock"
flock 9
mod="$root/scripts/package/crane"
src_key() { cat "$mod/$1"/*.go | sha256sum | cut -c1-16; }
go_build_pinned "$mod" "$root/.tools/bin/crane" github.com/google/go-containerregistry/cmd/crane
# ociimage is named after its sources (ociimage-<key>, see build-images.sh): checkouts sharing
# .tools at different revisions of it then never replace each other's binary mid-build.
go_build_pinned "$mod" "$root/.tools/bin/ociimage-$(src_key ociimage)" modelplane.ai/tools/crane/ociimage "-X main.source=$(src_key ociimage)"
go_build_pinned "$mod" "$root/.tools/bin/ociregistry" modelplane.ai/tools/crane/ociregistry "-X main.source=$(src_key ociregistry)"
# xpkgbuild: crossplane-runtime's package builder at the Crossplane version the project targets
# (pinned in scripts/package/xpkg/go.mod; see its main.go for why not the CLI's `xpkg build`).
xmod="$root/scripts/package/xpkg"
go_build_pinned "$xmod" "$root/.tools/bin/xpkgbuild" modelplane.ai/tools/xpkg/xpkgbuild "-X main.source=$(cat "$xmod/xpkgbuild"/*.go | sha256sum | cut -c1-16)"
