# Sourced by the bench wrappers (after scripts/toolchain.sh, in $ROOT).
# MODE=production: build the backend bundle (SKIP_BUILD=1 reuses one), unpack
# it and point BACKEND_ENTRY at it; otherwise the benches run the dev backend.
if [ "${MODE:-dev}" = "production" ]; then
  bundle="$ROOT/packages/backend/dist/bundle.tar.gz"
  if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$bundle" ]; then
    # The backend's own workspace dependencies (not the app: the bench needs
    # no frontend), then the backend bundle from them.
    # Every workspace package the backend depends on, directly or not,
    # dependencies first.
    for pkg in $(node -e '
      const { execSync } = require("child_process");
      const dirs = Object.fromEntries(
        execSync("yarn workspaces list --json", { encoding: "utf8" })
          .trim().split("\n").map(JSON.parse).map(w => [w.name, w.location]));
      const seen = new Set();
      const visit = dir => {
        const p = require(`./${dir}/package.json`);
        for (const [n, v] of Object.entries(p.dependencies ?? {}))
          if (v.startsWith("workspace:") && !seen.has(n)) {
            seen.add(n);
            visit(dirs[n]);
            console.log(n);
          }
      };
      visit("packages/backend");'); do
      yarn workspace "$pkg" build >&2
    done
    yarn workspace backend build --skip-build-dependencies >&2
  fi
  dist="$(mktemp -d /tmp/portal-backend-dist.XXXXXX)"
  trap 'rm -rf "$dist"' EXIT
  tar -xzf "$bundle" -C "$dist"
  # The bundle's packages resolve third-party modules from the repository's
  # node_modules, and their own workspace siblings from the bundle (built code).
  mkdir -p "$dist/node_modules"
  for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    name="$(basename "$entry")"
    [ "$name" = "@internal" ] || [ "$name" = "app" ] || [ "$name" = "backend" ] && continue
    ln -s "$entry" "$dist/node_modules/$name"
  done
  mkdir -p "$dist/node_modules/@internal"
  for pj in "$dist"/plugins/*/package.json; do
    name="$(node -p "require('$pj').name")"
    ln -s "$(dirname "$pj")" "$dist/node_modules/$name"
  done
  export BACKEND_ENTRY="$dist/packages/backend"
fi

