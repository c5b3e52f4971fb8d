#!/usr/bin/env bash
# go_build_pinned MODULE_DIR OUT PACKAGE [LDFLAGS]
# Builds PACKAGE from the pinned wrapper module in MODULE_DIR (go.mod + go.sum, fetched from the Go
# module proxy) into OUT. Static, trimmed, stripped. Idempotent: the binary is rebuilt only when the
# pins, the package or the link flags change (a stamp file beside OUT records their hash).
go_build_pinned() {
  local mod="$1" out="$2" pkg="$3" ldflags="${4:-}"
  local key
  key="$(cat "$mod/go.mod" "$mod/go.sum" <(echo "$pkg $ldflags") | sha256sum | cut -c1-16)"
  local stamp="$(dirname "$out")/.$(basename "$out")-$key"
  if [[ -x "$out" && -f "$stamp" ]]; then return 0; fi
  command -v go >/dev/null || { echo "go_build_pinned: Go is required to build $(basename "$out")" >&2; return 1; }
  mkdir -p "$(dirname "$out")"
  local start=$SECONDS
  echo "setup: building $(basename "$out") from $pkg (pinned in ${mod#"$PWD/"})" >&2
  (cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$pkg")
  mv "$out.tmp" "$out"
  rm -f "$(dirname "$out")/.$(basename "$out")"-*
  touch "$stamp"
  echo "setup: built $(basename "$out") in $((SECONDS - start)) s" >&2
}
