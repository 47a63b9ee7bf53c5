#!/usr/bin/env bash
# Renders every template with the scaffolder's dry-run and runs each generated
# project's own checks (see templates/README.md). Arguments go to check.mjs,
# e.g. --only nodejs-api, --keep, --render-only, --backend-url URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if node -v 2>/dev/null | grep -qE '^v(22|24)\.' && [ -e "$ROOT/node_modules/@backstage/cli" ]; then
  # Already set up (e.g. run from scripts/test.sh): skip the install check.
  log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }
else
  source "$ROOT/scripts/toolchain.sh"
fi
# The Python template's checks use Debian's pytest and flake8 (no PyPI here).
missing=()
for pkg in python3-pytest flake8; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (install them with apt-get as root)"
    exit 1
  fi
  log "installing ${missing[*]} from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
cd "$ROOT"
exec node templates/check.mjs "$@"
