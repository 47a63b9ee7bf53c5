#!/usr/bin/env bash
# Time from pressing Create on the Node.js API golden path to the component
# being visible in the catalog. Uses a running portal (BACKEND_URL, else
# scripts/start.sh's :3000 or PORTAL_PORT, else the development backend's
# :7007), or starts a backend on PORT (7007; local config: SQLite, local git
# publishing) and stops it afterwards.
#   RUNS=5 bash bench/golden-path-create.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! { node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; }; then
  source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
fi
cd "$ROOT"

# A portal's backend answers its readiness check with JSON (the development
# server on :3000 answers any path with the app's page).
ready() { curl -sf "$1/.backstage/health/v1/readiness" 2>/dev/null | grep -q '"status"'; }
base="${BACKEND_URL:-}"
if [ -z "$base" ]; then
  for candidate in "http://localhost:${PORTAL_PORT:-3000}" http://localhost:7007; do
    if ready "$candidate"; then base=$candidate; break; fi
  done
fi
if [ -z "$base" ]; then
  base="http://localhost:${PORT:-7007}"
  mkdir -p data
  # The demo backend, started by the launcher the tests and benches share;
  # its own process group, so that stopping it stops all of it.
  PORT="${PORT:-7007}" setsid node bench/lib/serve.mjs >/tmp/golden-path-bench-backend.log 2>&1 &
  backend=$!
  trap 'kill -- -$backend 2>/dev/null || true' EXIT
  for _ in $(seq 1 150); do ready "$base" && break; sleep 2; done
fi
export BACKEND_URL="$base"
# The template must be in the catalog before the first run.
token=$(curl -s -H 'x-portal-demo-user: priya.sharma' -H 'x-requested-with: XMLHttpRequest' \
  "$base/api/auth/demo/refresh" | node -pe 'JSON.parse(require("fs").readFileSync(0)).backstageIdentity.token')
for _ in $(seq 1 120); do
  curl -sf -H "Authorization: Bearer $token" \
    "$base/api/catalog/entities/by-name/template/default/nodejs-api" >/dev/null && break
  sleep 1
done
node bench/golden-path-create.mjs
