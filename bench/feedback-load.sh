#!/usr/bin/env bash
# Feedback submission p95 at 100 concurrent writers on PostgreSQL, and no
# acknowledged report lost when the backend is killed with SIGKILL.
#
#   bash bench/feedback-load.sh                    the sources as `yarn start` runs them, NODE_ENV=development,
#                                                  without its restarts on file changes (BENCH_WATCH=1: with them)
#   MODE=production bash bench/feedback-load.sh    the built backend bundle
#                                                  (yarn workspace backend build), plain node, NODE_ENV=production
#
# Environment: WRITERS (100), REQUESTS per writer (20), PACE_MS (1000),
# SKIP_BUILD=1 to reuse an existing packages/backend/dist/bundle.tar.gz.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

source "$ROOT/bench/lib/backend-mode.sh"

node "$ROOT/bench/feedback-load.mjs"
