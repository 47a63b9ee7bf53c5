#!/usr/bin/env bash
# Scorecards with 1,000 and 10,000 components on PostgreSQL: evaluation of
# every check of both scorecards, one component's scorecards and the
# organisation page (bench/scorecards.ts says what is measured and faked).
#
#   bash bench/scorecards.sh
#
# Environment: COMPONENTS (1000,10000), RUNS (3), REPEAT (200), DORA_MS (3).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"
export ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
exec node --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  bench/scorecards.ts
