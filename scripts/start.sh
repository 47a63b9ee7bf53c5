#!/usr/bin/env bash
# Brings up the whole portal: http://localhost:3000 (app) and :7007 (backend),
# on the embedded SQLite database under ./data, with the demo organisation.
#   bash scripts/start.sh                 local defaults (app-config.yaml)
#   bash scripts/start.sh --postgres      the same on PostgreSQL (POSTGRES_* env, see README)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_debian mkdocs mkdocs-material || log "TechDocs pages will not build without mkdocs"

cd "$ROOT"
mkdir -p data
if [ "${1:-}" = "--postgres" ]; then
  shift
  # Config paths are relative to packages/app and packages/backend.
  set -- --config ../../app-config.yaml --config ../../app-config.postgres.yaml "$@"
fi
exec yarn start "$@"
