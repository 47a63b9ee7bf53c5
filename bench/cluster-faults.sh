#!/usr/bin/env bash
# Faults and scaling of the cluster (bench/cluster-faults.mjs says what it
# measures; figures in bench/README.md). Starts scripts/cluster.sh with 3
# replicas unless a cluster already answers on CLUSTER_PORT, runs the bench,
# and stops what it started. Restarts the machine's PostgreSQL once and stops
# Redis for 15 s (PG_RESTART=0 / REDIS_STOP=0 skip those).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh"
cd "$ROOT"
export CLUSTER_REPLICAS="${CLUSTER_REPLICAS:-3}" CLUSTER_PORT="${CLUSTER_PORT:-7560}"
# The load measures the cluster, not the per-caller write limits.
export APP_CONFIG_portal_rateLimit='{"feedback":{"limit":1000000},"platform-metrics":{"limit":1000000}}'
started=""
if ! curl -sf "http://127.0.0.1:$((CLUSTER_PORT + 19))/stats;csv" >/dev/null; then
  log "starting a cluster of $CLUSTER_REPLICAS replicas"
  setsid bash scripts/cluster.sh > data/cluster-bench.log 2>&1 &
  started=$!
  trap 'kill -TERM -- -"$started" 2>/dev/null || true; wait "$started" 2>/dev/null || true' EXIT
  for _ in $(seq 1 900); do
    grep -q "portal on http" data/cluster-bench.log 2>/dev/null && break
    sleep 1
  done
fi
node bench/cluster-faults.mjs
