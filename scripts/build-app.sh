#!/usr/bin/env bash
# Sourced by scripts/start.sh --production and scripts/cluster.sh (after
# toolchain.sh): build_app CONFIG_ARGS... builds the app once into
# packages/app/dist, precompressed, and again only when a frontend source or
# the config changed since the last build.
build_app() {
  local sources=(packages/app/src packages/app/public app-config.yaml app-config.demo.yaml)
  local dir built=packages/app/dist/index.html
  for dir in "$ROOT"/plugins/*; do
    grep -qsE '"role": "(frontend-plugin|common-library)"' "$dir/package.json" &&
      sources+=("plugins/$(basename "$dir")/src")
  done
  (
    cd "$ROOT"
    if [ ! -f "$built" ] || [ -n "$(find "${sources[@]}" -newer "$built" -print -quit)" ]; then
      log "building the app once (a few minutes)"
      (cd packages/app && yarn backstage-cli package build "$@" >&2)
      node scripts/precompress-app.mjs >&2
    fi
  )
}
