#!/usr/bin/env bash
# Brings up the whole portal on http://localhost:3000 (app and API on one
# origin), on the embedded SQLite database under ./data, with the demo
# organisation (app-config.yaml + app-config.demo.yaml).
#   bash scripts/start.sh              the app built once (rebuilt only when a
#                                      frontend source or the config changed)
#                                      and served by the backend, as in
#                                      production; PORTAL_PORT=<port> moves it
#   bash scripts/start.sh --dev        for changing the portal: the webpack
#                                      development server on :3000 (reloads on
#                                      every edit), the backend on :7007
#                                      (`yarn start`)
#   bash scripts/start.sh --postgres   either form on PostgreSQL (POSTGRES_*
#                                      env, see README); e.g. --dev --postgres
# `--production` is accepted as the name of the default form.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build-app.sh"
ensure_debian mkdocs mkdocs-material || log "TechDocs pages will not build without mkdocs"

mode=production
postgres=''
while [ $# -gt 0 ]; do
  case "$1" in
    --production) mode=production ;;
    --dev) mode=dev ;;
    --postgres) postgres=1 ;;
    *) break ;;
  esac
  shift
done

cd "$ROOT"
mkdir -p data
if [ "$mode" = dev ]; then
  # Config paths are relative to packages/app and packages/backend.
  if [ -n "$postgres" ]; then set -- --config ../../app-config.postgres.yaml "$@"; fi
  log "development servers: app on http://localhost:3000, backend on :7007"
  exec yarn start "$@"
fi

# As in production: the app built once (packages/app/dist) and served by the
# backend through @backstage/plugin-app-backend, app and API on one origin,
# still with the demo config. The build is redone only when a frontend
# source or the config changed since the last one.
configs=(--config ../../app-config.yaml --config ../../app-config.demo.yaml)
if [ -n "$postgres" ]; then configs+=(--config ../../app-config.postgres.yaml); fi
port="${PORTAL_PORT:-3000}"
export APP_CONFIG_app_baseUrl="http://localhost:$port" \
  APP_CONFIG_backend_baseUrl="http://localhost:$port" \
  APP_CONFIG_backend_listen_port="$port" \
  APP_CONFIG_backend_cors_origin="http://localhost:$port"
build_app "${configs[@]}"
log "portal on http://localhost:$port (the app served by the backend)"
# The backend's TypeScript through Backstage's node transform, without the
# development runner (no restart on file changes), NODE_ENV=production.
cd packages/backend
export NODE_ENV=production ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
exec node --enable-source-maps \
  --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
  src/index.ts "${configs[@]}" "$@"
