#!/usr/bin/env bash
# Platform metrics with 1,000 components and a year of history on PostgreSQL:
# ingestion rate through the event API, p50/p95 of the organisation-wide and
# single-component calls (bench/platform-metrics.mjs says what is measured).
#
#   bash bench/platform-metrics.sh                    the sources as `yarn start` runs them,
#                                                     without its restarts on file changes
#                                                     (BENCH_WATCH=1: the development runner itself)
#   MODE=production bash bench/platform-metrics.sh    the built backend bundle
#
# Environment: COMPONENTS (1000), DAYS (365), BATCH (1000), CONCURRENCY (4),
# REPEAT (200), SKIP_BUILD=1 to reuse packages/backend/dist/bundle.tar.gz.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

source "$ROOT/bench/lib/backend-mode.sh"

node "$ROOT/bench/platform-metrics.mjs"
