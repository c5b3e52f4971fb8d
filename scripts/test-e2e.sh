#!/usr/bin/env bash
# `npm run test:e2e`: builds what the real control plane needs (cached), then runs test/e2e inside
# a private network namespace, where only loopback exists: the stack's fixed ports collide with
# nothing on the host or in a parallel run. A private PID namespace too: however the run ends
# (a failure, Ctrl-C, a killed runner), the kernel stops every process of the stack with it.
# Needs root (unshare); CI and this project's machines are.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/setup-controlplane.sh
if [[ ! -t 1 && -z "${FORCE_COLOR:-}" ]]; then export NO_COLOR=1; fi
exec unshare --net --pid --mount-proc --fork --kill-child -- bash -c 'ip link set lo up && exec npx vitest run --config vitest.e2e.config.ts "$@"' e2e "$@"
