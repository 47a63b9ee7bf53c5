#!/usr/bin/env bash
# Prints: cold setup time of the start command from a fresh clone (no
# node_modules, no .tools, yarn cache kept), warm start time until :7007 is
# ready and :3000 serves the app, backend resident memory after start, and
# the production frontend bundle's initial JavaScript (gzipped).
# Needs ports 3000 and 7007 free.
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

# 2. Warm start: the start command itself, until both ports answer.
source scripts/toolchain.sh >/dev/null 2>&1
t0=$(now)
setsid bash scripts/start.sh >"$CLONE/start.log" 2>&1 &
pgid=$!
trap 'kill -- -$pgid 2>/dev/null || true' EXIT
until curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null \
  && curl -sf http://localhost:3000/ | grep -q '<script'; do
  sleep 0.5
  if [ "$(elapsed "$t0" | cut -d. -f1)" -gt 600 ]; then echo "portal did not start in 600 s" >&2; exit 1; fi
done
warm=$(elapsed "$t0")

# 3. Backend memory once the catalog has ingested the demo data.
sleep 30
backend_pid=$(ss -ltnpH 'sport = :7007' | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)
rss_mb=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$backend_pid/status")
kill -- -"$pgid" 2>/dev/null || true

# 4. Production bundle: the scripts index.html loads before anything lazy.
yarn workspace app build >/dev/null 2>&1
initial=0
for src in $(grep -o '<script[^>]*src="[^"]*"' packages/app/dist/index.html | sed 's/.*src="\([^"]*\)"/\1/'); do
  file="packages/app/dist/${src#/}"
  initial=$((initial + $(gzip -9c "$file" | wc -c)))
done
total=$(find packages/app/dist/static -name '*.js' -exec cat {} + | gzip -9c | wc -c)

printf 'cold setup (fresh clone, yarn cache kept): %s s\n' "$cold"
printf 'warm start until :7007 ready and :3000 serves the app: %s s\n' "$warm"
printf 'backend resident memory after start: %s MB\n' "$rss_mb"
printf 'initial JS, gzipped: %.2f MB (all JS chunks: %.2f MB)\n' \
  "$(awk -v b="$initial" 'BEGIN { print b / 1048576 }')" "$(awk -v b="$total" 'BEGIN { print b / 1048576 }')"
rm -rf "$CLONE"
