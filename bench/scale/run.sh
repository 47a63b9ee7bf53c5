#!/usr/bin/env bash
# The scale bench's backend (bench/scale/run.mjs): generated organisation,
# one backend on PostgreSQL on PORT (7580). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node bench/scale/run.mjs "$@"
