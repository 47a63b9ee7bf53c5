#!/usr/bin/env bash
# Time from pressing Create on the Node.js API golden path to the component
# being visible in the catalog. Uses the backend on :7007, or starts one
# (local config: SQLite, local git publishing) and stops it afterwards.
#   RUNS=5 bash bench/golden-path-create.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! { node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; }; then
  source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
fi
cd "$ROOT"

ready() { curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null; }
if ! ready; then
  mkdir -p data
  # The demo backend, started by the launcher the tests and benches share;
  # its own process group, so that stopping it stops all of it.
  setsid node bench/lib/serve.mjs >/tmp/golden-path-bench-backend.log 2>&1 &
  backend=$!
  trap 'kill -- -$backend 2>/dev/null || true' EXIT
  for _ in $(seq 1 150); do ready && break; sleep 2; done
fi
# The template must be in the catalog before the first run.
token=$(curl -s -H 'x-portal-demo-user: priya.sharma' -H 'x-requested-with: XMLHttpRequest' \
  http://localhost:7007/api/auth/demo/refresh | node -pe 'JSON.parse(require("fs").readFileSync(0)).backstageIdentity.token')
for _ in $(seq 1 120); do
  curl -sf -H "Authorization: Bearer $token" \
    http://localhost:7007/api/catalog/entities/by-name/template/default/nodejs-api >/dev/null && break
  sleep 1
done
node bench/golden-path-create.mjs
