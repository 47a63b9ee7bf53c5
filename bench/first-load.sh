#!/usr/bin/env bash
# First load of the portal in Chromium at 1440x900 with an empty cache, in
# both ways of running it locally (bench/first-load.mjs says what is timed):
#   production   bash scripts/start.sh --production (app built once, served by
#                the backend on :7007)
#   development  bash scripts/start.sh (webpack dev server on :3000)
#   bash bench/first-load.sh                  both modes, RUNS=5 each
#   MODES=production bash bench/first-load.sh one mode
# A portal already running on the mode's port is measured as it is;
# otherwise the bench starts one and stops it afterwards.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

ready() { curl -sf "$1" >/dev/null && curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null; }

run_mode() {
  local mode=$1 url flag=() started=''
  if [ "$mode" = production ]; then url=http://localhost:7007; flag=(--production); else url=http://localhost:3000; fi
  if ! ready "$url"; then
    if curl -s -o /dev/null http://localhost:7007/; then
      echo "another portal holds :7007; stop it first" >&2
      return 1
    fi
    # Its own process group, so that stopping it stops all of it.
    setsid bash scripts/start.sh "${flag[@]}" >"/tmp/first-load-$mode.log" 2>&1 &
    started=$!
    for _ in $(seq 1 450); do ready "$url" && break; sleep 2; done
    ready "$url" || { echo "$mode portal did not start (see /tmp/first-load-$mode.log)" >&2; return 1; }
  fi
  node bench/first-load.mjs --url "$url" --label "$mode" --runs "${RUNS:-5}"
  if [ -n "$started" ]; then
    kill -- -"$started" 2>/dev/null || true
    for _ in $(seq 1 30); do curl -s -o /dev/null http://localhost:7007/ || break; sleep 1; done
  fi
}

for mode in ${MODES:-production development}; do run_mode "$mode"; done
