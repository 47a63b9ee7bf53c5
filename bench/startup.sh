#!/usr/bin/env bash
# Prints: cold setup time of the start command from a fresh clone (no
# node_modules, no .tools, yarn cache kept), the first start (which builds
# the app) and a second one (app already built) until the portal on :3000
# (PORTAL_PORT) is ready and serves the app, backend resident memory after
# start, and the production frontend bundle's initial JavaScript (gzipped).
# Needs that port free.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLONE="$(mktemp -d)/portal"
git clone -q "$ROOT" "$CLONE"
cd "$CLONE"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# 1. Cold setup: everything scripts/start.sh does before starting.
t0=$(now)
bash -c 'source scripts/toolchain.sh && ensure_debian mkdocs mkdocs-material' >/dev/null 2>&1
cold=$(elapsed "$t0")

port="${PORTAL_PORT:-3000}"
pgid=''
trap '[ -z "$pgid" ] || kill -- -$pgid 2>/dev/null || true' EXIT
# Starts the portal; `took` = seconds until it is ready and serves the app.
start_portal() {
  local t0
  t0=$(now)
  setsid bash scripts/start.sh >>"$CLONE/start.log" 2>&1 &
  pgid=$!
  until curl -sf "http://localhost:$port/.backstage/health/v1/readiness" 2>/dev/null | grep -q '"status"' \
    && curl -sf "http://localhost:$port/" | grep -q '<script'; do
    sleep 0.5
    if [ "$(elapsed "$t0" | cut -d. -f1)" -gt 1200 ]; then echo "portal did not start in 1200 s" >&2; exit 1; fi
  done
  took=$(elapsed "$t0")
}
stop_portal() {
  kill -- -"$pgid" 2>/dev/null || true
  while curl -s -o /dev/null "http://localhost:$port/"; do sleep 1; done
  pgid=''
}

# 2. First start (builds the app), then a warm one (the app already built).
source scripts/toolchain.sh >/dev/null 2>&1
start_portal
first=$took
stop_portal
start_portal
warm=$took

# 3. Backend memory once the catalog has ingested the demo data.
sleep 30
backend_pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)
rss_mb=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$backend_pid/status")
stop_portal

# 4. Production bundle (as the start built it): the scripts index.html loads
# before anything lazy.
initial=0
for src in $(grep -o '<script[^>]*src="[^"]*"' packages/app/dist/index.html | sed 's/.*src="\([^"]*\)"/\1/'); do
  file="packages/app/dist/${src#/}"
  initial=$((initial + $(gzip -9c "$file" | wc -c)))
done
total=$(find packages/app/dist/static -name '*.js' -exec cat {} + | gzip -9c | wc -c)

printf 'cold setup (fresh clone, yarn cache kept): %s s\n' "$cold"
printf 'first start (builds the app) until :%s is ready and serves it: %s s\n' "$port" "$first"
printf 'warm start (app built) until :%s is ready and serves it: %s s\n' "$port" "$warm"
printf 'backend resident memory after start: %s MB\n' "$rss_mb"
printf 'initial JS, gzipped: %.2f MB (all JS chunks: %.2f MB)\n' \
  "$(awk -v b="$initial" 'BEGIN { print b / 1048576 }')" "$(awk -v b="$total" 'BEGIN { print b / 1048576 }')"
rm -rf "$CLONE"
