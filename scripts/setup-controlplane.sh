#!/usr/bin/env bash
# Builds the real control plane the e2e layer runs, from the Go module proxy (no Docker, no
# downloaded binaries), into .tools/controlplane/bin: etcd, kube-apiserver, kube-controller-manager,
# kubectl (one Kubernetes release), Crossplane core and provider-kubernetes. Every version is pinned
# in a wrapper module under scripts/controlplane/<name> (go.mod + go.sum). Idempotent and cached: a
# warm run only hashes the pins. Cold: see docs/testing.md for time, memory and disk.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=lib/go-pinned.sh
source scripts/lib/go-pinned.sh
bin="$root/.tools/controlplane/bin"
cp="$root/scripts/controlplane"

k8s_version="v1.35.4"
k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$k8s_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=35 -X k8s.io/client-go/pkg/version.gitVersion=$k8s_version -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=35"
xp_version="$(awk '/crossplane\/crossplane\/v2 v/{print $NF; exit}' "$cp/crossplane/go.mod")"

go_build_pinned "$cp/etcd" "$bin/etcd" modelplane.ai/tools/etcd
go_build_pinned "$cp/kubernetes" "$bin/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver "$k8s_ldflags"
go_build_pinned "$cp/kubernetes" "$bin/kube-controller-manager" k8s.io/kubernetes/cmd/kube-controller-manager "$k8s_ldflags"
go_build_pinned "$cp/kubernetes" "$bin/kubectl" k8s.io/kubernetes/cmd/kubectl "$k8s_ldflags"
go_build_pinned "$cp/crossplane" "$bin/crossplane" github.com/crossplane/crossplane/v2/cmd/crossplane \
  "-X github.com/crossplane/crossplane-runtime/v2/pkg/version.version=$xp_version"
go_build_pinned "$cp/provider-kubernetes" "$bin/provider-kubernetes" github.com/crossplane-contrib/provider-kubernetes/cmd/provider

# CRDs the stack installs: Crossplane core's (for `crossplane core init`), and the pinned providers'
# (provider-kubernetes runs as a process; provider-helm's Releases are simulated, see docs/testing.md).
crds="$root/.tools/controlplane/crds"
crd_key="$(cat "$cp/crossplane/go.mod" "$cp/provider-kubernetes/go.mod" "$0" | sha256sum | cut -c1-16)"
if [[ ! -f "$crds/.pin-$crd_key" ]]; then
  rm -rf "$crds" && mkdir -p "$crds"/{crossplane,provider-kubernetes,provider-helm,empty}
  module_dir() { (cd "$1" && GOFLAGS=-mod=mod go mod download -json "$2" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p'); }
  cp "$(module_dir "$cp/crossplane" "github.com/crossplane/crossplane/v2@$xp_version")"/cluster/crds/*.yaml "$crds/crossplane/"
  pk_version="$(awk '/provider-kubernetes v/{print $NF; exit}' "$cp/provider-kubernetes/go.mod")"
  cp "$(module_dir "$cp/provider-kubernetes" "github.com/crossplane-contrib/provider-kubernetes@$pk_version")"/package/crds/*.yaml "$crds/provider-kubernetes/"
  cp "$(module_dir "$cp/provider-kubernetes" "github.com/crossplane-contrib/provider-helm@v1.3.0")"/package/crds/*.yaml "$crds/provider-helm/"
  chmod -R u+w "$crds"
  touch "$crds/.pin-$crd_key"
  echo "setup: control-plane CRDs in $crds" >&2
fi
