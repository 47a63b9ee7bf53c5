#!/usr/bin/env bash
# Brings up the whole portal: http://localhost:3000 (app) and :7007 (backend),
# on the embedded SQLite database under ./data, with the demo organisation
# (app-config.yaml + app-config.demo.yaml).
#   bash scripts/start.sh                 local defaults
#   bash scripts/start.sh --postgres      the same on PostgreSQL (POSTGRES_* env, see README)
#   bash scripts/start.sh --production    the app built once and served by the
#                                         backend on :7007, as in production
#                                         (add --postgres after it for PostgreSQL)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build-app.sh"
ensure_debian mkdocs mkdocs-material || log "TechDocs pages will not build without mkdocs"

cd "$ROOT"
mkdir -p data
if [ "${1:-}" = "--production" ]; then
  shift
  # As in production: the app built once (packages/app/dist) and served by the
  # backend through @backstage/plugin-app-backend, all on http://localhost:7007,
  # still with the demo config. The build is redone only when a frontend
  # source or the config changed since the last one.
  configs=(--config ../../app-config.yaml --config ../../app-config.demo.yaml)
  if [ "${1:-}" = "--postgres" ]; then
    shift
    configs+=(--config ../../app-config.postgres.yaml)
  fi
  # PORTAL_PORT moves the whole portal (app and API) to another port.
  port="${PORTAL_PORT:-7007}"
  export APP_CONFIG_app_baseUrl="http://localhost:$port" \
    APP_CONFIG_backend_baseUrl="http://localhost:$port" \
    APP_CONFIG_backend_listen_port="$port" \
    APP_CONFIG_backend_cors_origin="http://localhost:$port"
  build_app "${configs[@]}"
  log "portal on http://localhost:$port (app served by the backend)"
  # The backend's TypeScript through Backstage's node transform, without the
  # development runner (no restart on file changes), NODE_ENV=production.
  cd packages/backend
  export NODE_ENV=production ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
  exec node --enable-source-maps \
    --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
    src/index.ts "${configs[@]}" "$@"
fi
if [ "${1:-}" = "--postgres" ]; then
  shift
  # Config paths are relative to packages/app and packages/backend.
  set -- --config ../../app-config.postgres.yaml "$@"
fi
exec yarn start "$@"
