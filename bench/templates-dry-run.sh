#!/usr/bin/env bash
# Prints the time to dry-run every template: the scaffolder's dry-run endpoint
# (the same request the template editor makes), each template rendered
# $REPEAT (default 5) times against a backend of its own on :7109; prints the
# per-template medians and their sum. No generated project is installed
# (bash templates/check.sh does that).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! { node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; }; then
  source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
fi
cd "$ROOT"
exec node templates/check.mjs --render-only --repeat "${REPEAT:-5}" "$@"
