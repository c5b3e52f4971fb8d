#!/usr/bin/env bash
# Installs the pinned go-containerregistry `crane` into .tools/bin, built from the Go module proxy
# (image assembly, registry serving and pushes without a container engine). The version is pinned in
# scripts/package/crane/go.mod + go.sum; idempotent (rebuilt only when the pins change).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/go-pinned.sh"
go_build_pinned "$root/scripts/package/crane" "$root/.tools/bin/crane" github.com/google/go-containerregistry/cmd/crane
echo "$root/.tools/bin/crane"
