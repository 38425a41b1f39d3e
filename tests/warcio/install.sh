#!/usr/bin/env bash
# Installs warcio (npm) beside check.mjs, once; .ci/run calls this before the tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/node_modules/warcio/package.json" ]; then
  command -v npm >/dev/null || { echo "npm is needed for the warcio check (apt-get install nodejs npm)" >&2; exit 1; }
  (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
fi
