#!/usr/bin/env bash
# Portal usage analytics on PostgreSQL: ingestion rate through POST /events
# and p50/p95 of the usage page's calls over 90 days of 1,000 users
# (plugins/portal-analytics-backend/src/usage.bench.test.ts says what is
# measured). Needs the PostgreSQL of toolchain.md.
#
# Environment: BENCH_INGEST (60000 events), BENCH_REPEAT (100 calls each).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT/plugins/portal-analytics-backend"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
PORTAL_ANALYTICS_BENCH=1 CI=true yarn backstage-cli package test usage.bench
