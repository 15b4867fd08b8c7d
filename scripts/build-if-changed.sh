#!/usr/bin/env bash
# Runs `next build` unless the last build was made from exactly the same sources (hash of tracked files + lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.next/.gantwin-source-sha256
want=$( (git ls-files -z -- app pages viewer server kernel tiling data public next.config.ts proxy.ts package-lock.json tsconfig.json 2>/dev/null \
          | xargs -0 sha256sum 2>/dev/null; cat package-lock.json) | sha256sum | cut -d' ' -f1)
if [ -f .next/BUILD_ID ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d public/cesium ]; then
  echo "build: sources unchanged, reusing .next" >&2
  exit 0
fi
NEXT_TELEMETRY_DISABLED=1 npm run --silent build
echo "$want" > "$stamp"
