#!/usr/bin/env bash
# Wall time of `portal status <service>` on the demo (target under 1 s):
# a new CLI process each time, as a person runs it. Starts the demo backend
# on SQLite on :7552 unless PORTAL_URL names a running portal.
#   RUNS=10 SERVICE=payment-routing-service bash bench/cli-status.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! { node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; }; then
  source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
fi
cd "$ROOT"
node bench/cli-status.mjs
