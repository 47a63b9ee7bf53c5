#!/usr/bin/env bash
# Renders every template with the scaffolder's dry-run and runs each generated
# project's own checks (see templates/README.md). Arguments go to check.mjs,
# e.g. --only nodejs-api, --keep, --render-only, --backend-url URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Node and the dependencies, unless already set up (e.g. run from scripts/test.sh).
if ! { node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; }; then
  source "$ROOT/scripts/toolchain.sh"
fi
source "$ROOT/scripts/debian.sh"
# The Python template's checks use Debian's pytest, coverage.py and flake8
# (no PyPI here); the services' report steps run with bash, curl and jq, as on
# GitHub's runners.
ensure_debian python3-pytest python3-coverage flake8 curl jq
cd "$ROOT"
exec node templates/check.mjs "$@"
