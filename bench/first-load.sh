#!/usr/bin/env bash
# First load of the portal in Chromium at 1440x900 with an empty cache, in
# both ways of running it locally (bench/first-load.mjs says what is timed):
#   production   bash scripts/start.sh (app built once, served by the backend
#                on :3000, or PORTAL_PORT)
#   development  bash scripts/start.sh --dev (webpack dev server on :3000,
#                backend on :7007)
#   bash bench/first-load.sh                  both modes, RUNS=5 each
#   MODES=production bash bench/first-load.sh one mode
# A portal already running in the mode asked for is measured as it is;
# otherwise the bench starts one and stops it afterwards.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/toolchain.sh" >/dev/null 2>&1
cd "$ROOT"

# The app's page on `url` and a backend answering its readiness check (JSON)
# on `backend`: the development server answers any path with the app's page.
ready() {
  curl -sf "$1" >/dev/null &&
    curl -sf "$2/.backstage/health/v1/readiness" 2>/dev/null | grep -q '"status"'
}
answers() { curl -s -o /dev/null "$1"; }

run_mode() {
  local mode=$1 url backend flag=() started=''
  if [ "$mode" = production ]; then
    url="http://localhost:${PORTAL_PORT:-3000}" backend=$url
  else
    url=http://localhost:3000 backend=http://localhost:7007 flag=(--dev)
  fi
  if ! ready "$url" "$backend"; then
    if answers "$url" || answers "$backend"; then
      echo "another portal holds $url or $backend; stop it first" >&2
      return 1
    fi
    # Its own process group, so that stopping it stops all of it.
    setsid bash scripts/start.sh "${flag[@]}" >"/tmp/first-load-$mode.log" 2>&1 &
    started=$!
    for _ in $(seq 1 450); do ready "$url" "$backend" && break; sleep 2; done
    ready "$url" "$backend" || { echo "$mode portal did not start (see /tmp/first-load-$mode.log)" >&2; return 1; }
  fi
  node bench/first-load.mjs --url "$url" --label "$mode" --runs "${RUNS:-5}"
  if [ -n "$started" ]; then
    kill -- -"$started" 2>/dev/null || true
    for _ in $(seq 1 30); do answers "$url" || answers "$backend" || break; sleep 1; done
  fi
}

for mode in ${MODES:-production development}; do run_mode "$mode"; done
