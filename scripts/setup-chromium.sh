#!/usr/bin/env bash
# Headless Chromium for the fleet-map browser test, from Debian's packages (the distribution's
# security updates replace its version, so it is not pinned; playwright-core, pinned in
# package.json, drives it). Idempotent: nothing to do when /usr/bin/chromium exists. Needs root
# (or sudo) for apt-get the first time.
set -euo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
  echo "setup-chromium: installing Debian's chromium needs root: run 'apt-get install chromium' as root" >&2
  exit 1
fi
echo "setup-chromium: installing Debian's chromium (first run only, ~300 MB)" >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
