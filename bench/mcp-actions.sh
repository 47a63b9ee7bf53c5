#!/usr/bin/env bash
# The portal's read actions over MCP: p50/p95 of a tool call per action
# (bench/mcp-actions.mjs says what is measured).
#
#   bash bench/mcp-actions.sh                    the sources as `yarn start` runs them
#   MODE=production bash bench/mcp-actions.sh    the built backend bundle
#
# Environment: REPEAT (50), WARMUP (5), SKIP_BUILD=1 to reuse the bundle.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

source "$ROOT/bench/lib/backend-mode.sh"

node "$ROOT/bench/mcp-actions.mjs"
