#!/usr/bin/env bash
# Feedback submission p95 at 100 concurrent writers on PostgreSQL, and no
# acknowledged report lost when the backend is killed with SIGKILL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
node "$ROOT/bench/feedback-load.mjs"
