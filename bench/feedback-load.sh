#!/usr/bin/env bash
# Feedback submission p95 at 100 concurrent writers on PostgreSQL, and no
# acknowledged report lost when the backend is killed with SIGKILL.
#
#   bash bench/feedback-load.sh                    backend as `yarn start` runs it
#                                                  (backstage-cli package start, NODE_ENV=development)
#   MODE=production bash bench/feedback-load.sh    the built backend bundle
#                                                  (yarn workspace backend build), plain node, NODE_ENV=production
#
# Environment: WRITERS (100), REQUESTS per writer (20), PACE_MS (1000),
# SKIP_BUILD=1 to reuse an existing packages/backend/dist/bundle.tar.gz.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

if [ "${MODE:-dev}" = "production" ]; then
  bundle="$ROOT/packages/backend/dist/bundle.tar.gz"
  if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$bundle" ]; then
    # The backend's own workspace dependencies (not the app: the bench needs
    # no frontend), then the backend bundle from them.
    for pkg in $(node -e '
      const p = require("./packages/backend/package.json");
      for (const [n, v] of Object.entries(p.dependencies))
        if (v.startsWith("workspace:")) console.log(n);'); do
      yarn workspace "$pkg" build >&2
    done
    yarn workspace backend build --skip-build-dependencies >&2
  fi
  dist="$(mktemp -d /tmp/portal-backend-dist.XXXXXX)"
  trap 'rm -rf "$dist"' EXIT
  tar -xzf "$bundle" -C "$dist"
  # The bundle's packages resolve third-party modules from the repository's
  # node_modules, and their own workspace siblings from the bundle (built code).
  mkdir -p "$dist/node_modules"
  for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    name="$(basename "$entry")"
    [ "$name" = "@internal" ] || [ "$name" = "app" ] || [ "$name" = "backend" ] && continue
    ln -s "$entry" "$dist/node_modules/$name"
  done
  mkdir -p "$dist/node_modules/@internal"
  for pj in "$dist"/plugins/*/package.json; do
    name="$(node -p "require('$pj').name")"
    ln -s "$(dirname "$pj")" "$dist/node_modules/$name"
  done
  export BACKEND_ENTRY="$dist/packages/backend"
fi

node "$ROOT/bench/feedback-load.mjs"
