#!/usr/bin/env bash
# Sourced by scripts/toolchain.sh and templates/check.sh (which may run
# without the toolchain check). ensure_debian PKG...: installs the Debian
# packages that are missing (as root), or names them and fails.
log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }

ensure_debian() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (install them with apt-get as root)"
    return 1
  fi
  log "installing ${missing[*]} from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}
