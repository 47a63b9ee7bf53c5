#!/usr/bin/env bash
# Runs every test: type check, lint, unit and integration tests (Jest; the
# backend ones on SQLite and on PostgreSQL), then the end-to-end tests in
# Debian's Chromium against the running portal. Installs what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_debian chromium mkdocs mkdocs-material
cd "$ROOT"

# PostgreSQL for the database tests: the machine's server by default.
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
# Never try Docker for other database ids (there is no Docker engine).
export BACKSTAGE_TEST_DISABLE_DOCKER=1
if ! node -e "
  const { Client } = require('pg');
  const c = new Client({ connectionString: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING });
  c.connect().then(() => c.end(), () => process.exit(1));" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" -eq 0 ]; then
    log "starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  else
    log "PostgreSQL is not reachable at $BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    exit 1
  fi
fi

log "type check"
yarn tsc
log "lint"
yarn lint:all
yarn prettier:check

summary=$(mktemp)
status=0
log "unit and integration tests"
CI=true yarn backstage-cli repo test 2>&1 | tee "$summary.jest" || status=1
log "two backend replicas on PostgreSQL (a database per plugin) and Redis (docs/operations.md)"
PORTAL_CLUSTER_TEST=1 CI=true yarn backstage-cli repo test packages/backend/src/cluster.test.ts 2>&1 |
  tee "$summary.cluster" || status=1
log "templates: scaffolder dry-run of each, then the generated projects' own checks"
bash templates/check.sh 2>&1 | tee "$summary.templates" || status=1
log "end-to-end tests (Chromium), against the app built once and served by the backend"
yarn playwright test --reporter=list 2>&1 | tee "$summary.e2e" || status=1

# One closing line for both runners.
node -e '
  const fs = require("fs");
  const tests = f => fs.readFileSync(f, "utf8").match(/^Tests:.*$/m)?.[0] ?? "";
  const jest = tests(process.argv[1]);
  const cluster = tests(process.argv[4]);
  const e2e = fs.readFileSync(process.argv[2], "utf8");
  const templates = fs.readFileSync(process.argv[3], "utf8").match(/^templates:.*$/m)?.[0] ?? "";
  const n = (s, w) => Number(s.match(new RegExp("(\\d+) " + w))?.[1] ?? 0);
  const all = [jest, cluster, e2e, templates];
  const passed = all.reduce((sum, s) => sum + n(s, "passed"), 0);
  const failed = all.reduce((sum, s) => sum + n(s, "failed"), 0);
  console.log(`${passed} passed, ${failed} failed`);
' "$summary.jest" "$summary.e2e" "$summary.templates" "$summary.cluster"
exit $status
