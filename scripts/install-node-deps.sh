#!/usr/bin/env bash
# Installs npm packages exactly as locked (npm ci) unless node_modules already matches package-lock.json.
set -euo pipefail
stamp=node_modules/.gantwin-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "install-node-deps: npm ci" >&2
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
