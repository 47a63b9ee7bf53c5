#!/usr/bin/env bash
# The portal as a production cluster on this machine (docs/operations.md):
# the app built once, CLUSTER_REPLICAS backend replicas (2 by default, 1-3)
# on PostgreSQL with Redis as their shared cache, and haproxy in front,
# routing only to replicas whose readiness check passes.
#   bash scripts/cluster.sh              everything; Ctrl-C stops it all
#   bash scripts/cluster.sh replica N    (re)starts replica N alone, in the
#                                        foreground (the cluster running)
# Environment (defaults in brackets):
#   CLUSTER_REPLICAS [2]   CLUSTER_PORT [7560]: the portal on
#   http://localhost:$CLUSTER_PORT, replica N on CLUSTER_PORT+N, haproxy's
#   statistics on CLUSTER_PORT+19 (/stats, ;csv for a machine).
#   POSTGRES_HOST [127.0.0.1] POSTGRES_PORT [5432] POSTGRES_USER [postgres]
#   POSTGRES_PASSWORD [postgres]; CLUSTER_DB_PREFIX [cluster_]: one database
#   per plugin named <prefix><plugin>.
#   REDIS_URL [redis://127.0.0.1:6379/0] REDIS_NAMESPACE [portal-cluster].
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build-app.sh"

cd "$ROOT"
replicas="${CLUSTER_REPLICAS:-2}"
port="${CLUSTER_PORT:-7560}"
state="$ROOT/data/cluster"
mkdir -p "$state"
[[ "$replicas" =~ ^[1-3]$ ]] || { log "CLUSTER_REPLICAS must be 1, 2 or 3"; exit 1; }

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}" \
  POSTGRES_PORT="${POSTGRES_PORT:-5432}" \
  POSTGRES_USER="${POSTGRES_USER:-postgres}" \
  POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-postgres}" \
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" \
  REDIS_NAMESPACE="${REDIS_NAMESPACE:-portal-cluster}"
# The production start of scripts/start.sh, on PostgreSQL, with the demo
# organisation and what the replicas share (app-config.cluster.yaml).
configs=(--config ../../app-config.yaml --config ../../app-config.demo.yaml
  --config ../../app-config.postgres.yaml --config ../../app-config.cluster.yaml)
export APP_CONFIG_app_baseUrl="http://localhost:$port" \
  APP_CONFIG_backend_baseUrl="http://localhost:$port" \
  APP_CONFIG_backend_cors_origin="http://localhost:$port" \
  APP_CONFIG_backend_database_prefix="${CLUSTER_DB_PREFIX:-cluster_}"

# One replica in the foreground: the backend on CLUSTER_PORT+N, its log in
# data/cluster/replica-N.log, its pid in data/cluster/replica-N.pid.
run_replica() {
  local n="$1"
  cd "$ROOT/packages/backend"
  export NODE_ENV=production ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json" \
    APP_CONFIG_backend_listen_port="$((port + n))"
  echo $$ > "$state/replica-$n.pid"
  exec node --enable-source-maps \
    --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" \
    src/index.ts "${configs[@]}" >> "$state/replica-$n.log" 2>&1
}

if [ "${1:-}" = "replica" ]; then
  [[ "${2:-}" =~ ^[1-3]$ ]] || { log "usage: scripts/cluster.sh replica 1|2|3"; exit 1; }
  log "replica $2 on http://localhost:$((port + $2)) (log: data/cluster/replica-$2.log)"
  run_replica "$2"
fi

ensure_debian haproxy mkdocs mkdocs-material
build_app "${configs[@]}"

# haproxy: round robin over the replicas, each checked every second on the
# readiness endpoint (down after 2 failures, up after 2 successes). A
# request whose connection a dead replica refuses goes to another one
# (redispatch); WebSockets (signals) stay open through the tunnel timeout.
{
  cat <<EOF
global
  maxconn 4096
  stats socket $state/haproxy.sock mode 600 level admin
defaults
  mode http
  option httplog
  option forwardfor
  option redispatch
  retries 3
  timeout connect 2s
  timeout client 2m
  timeout server 2m
  timeout tunnel 1h
frontend portal
  bind 127.0.0.1:$port
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /.backstage/health/v1/readiness
  http-check expect status 200
  default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2
EOF
  for n in $(seq 1 "$replicas"); do
    echo "  server replica$n 127.0.0.1:$((port + n)) check"
  done
  cat <<EOF
listen stats
  bind 127.0.0.1:$((port + 19))
  stats enable
  stats uri /stats
  stats refresh 5s
EOF
} > "$state/haproxy.cfg"
haproxy -c -q -f "$state/haproxy.cfg"

pids=()
stop() {
  trap - INT TERM EXIT
  log "stopping the cluster"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for n in $(seq 1 "$replicas"); do
    [ -f "$state/replica-$n.pid" ] && kill -TERM "$(cat "$state/replica-$n.pid")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -f "$state"/replica-*.pid
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

# The replicas start together: each migrates the databases it needs, and
# the migrations' lock lets one of them do it.
for n in $(seq 1 "$replicas"); do
  : > "$state/replica-$n.log"
  bash "$ROOT/scripts/cluster.sh" replica "$n" 2>/dev/null &
  pids+=($!)
done
haproxy -db -f "$state/haproxy.cfg" > "$state/haproxy.log" 2>&1 &
pids+=($!)
log "starting $replicas replicas (logs: data/cluster/replica-N.log)"

for _ in $(seq 1 600); do
  up=$({ curl -s "http://127.0.0.1:$((port + 19))/stats;csv" || true; } |
    awk -F, '$1 == "replicas" && $2 ~ /^replica/ && $18 == "UP"' | wc -l)
  [ "$up" -eq "$replicas" ] && break
  sleep 1
done
log "portal on http://localhost:$port ($up of $replicas replicas up; haproxy statistics on http://localhost:$((port + 19))/stats)"
log "Ctrl-C stops the cluster"
wait "${pids[@]}"
