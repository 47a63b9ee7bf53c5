#!/usr/bin/env bash
# Sourced by scripts/start.sh and scripts/test.sh. Makes sure this shell has
# Node 22 (or 24), the committed yarn release and installed dependencies,
# installing whatever is missing. A second run only checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_MAJOR=22

log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }

node_ok() { command -v node >/dev/null 2>&1 && [[ "$(node -v)" =~ ^v(22|24)\. ]]; }

# Node: the machine's own when it is 22 or 24, otherwise the official binary
# published on the npm registry as node-<os>-<arch>, installed under .tools/.
if [ -x "$TOOLS/node_modules/.bin/node" ] && ! node_ok; then
  export PATH="$(dirname "$(readlink -f "$TOOLS/node_modules/.bin/node")"):$PATH"
fi
if ! node_ok; then
  os=$(uname -s | tr 'A-Z' 'a-z')
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  log "installing Node $NODE_MAJOR from the npm registry into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund \
    "node-$os-$arch@$NODE_MAJOR" >&2
  ln -sf "../node-$os-$arch/bin/node" "$TOOLS/node_modules/.bin/node"
  export PATH="$TOOLS/node_modules/node-$os-$arch/bin:$PATH"
fi
node_ok || { log "could not get Node $NODE_MAJOR"; exit 1; }

# Native modules (better-sqlite3, isolated-vm, ...) are built from source
# against the headers of the Node that runs them, never downloaded.
NODE_HOME="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
export npm_config_nodedir="$NODE_HOME"

# Yarn: the release committed in .yarn/releases, through a shim on PATH so that
# tools spawning `yarn` find it too.
YARN_RELEASE="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n1)"
mkdir -p "$TOOLS/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" > "$TOOLS/bin/yarn"
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"

# Dependencies: a no-op in seconds when nothing changed; once per run (a
# script started by another one, as scripts/cluster.sh starts its replicas,
# finds them checked).
if [ -z "${PORTAL_DEPENDENCIES_CHECKED:-}" ]; then
  (cd "$ROOT" && yarn install >&2)
  export PORTAL_DEPENDENCIES_CHECKED=1
fi

# Debian packages (mkdocs for TechDocs, chromium for browser tests):
# ensure_debian PKG...
source "$ROOT/scripts/debian.sh"
