#!/usr/bin/env bash
# End-to-end journeys: a fresh e2e database ($E2E_DATABASE, default gantwin_e2e), the quick sample models converted into their own TILES_DIR,
# the production build served on E2E_PORT (default 3300), then Playwright with Debian chromium (arguments are
# passed to `playwright test`, e.g. `bash scripts/e2e.sh e2e/twin.spec.ts`).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
E2E_PORT="${E2E_PORT:-3300}"

db_line="$(npx tsx scripts/e2e-database.ts "${E2E_DATABASE:-gantwin_e2e}" | tail -n 1)"
case "$db_line" in DATABASE_URL=*) export "$db_line" ;; *) echo "e2e: no DATABASE_URL" >&2; exit 1 ;; esac
export TILES_DIR="$PWD/.gantwin/e2e-tiles"
# Every browser of the run signs in from 127.0.0.1; brute-force throttling itself is tested in vitest.
export SIGN_IN_LIMIT_PER_MINUTE=100

npm run --silent seed
npx tsx scripts/e2e-accounts.ts
mkdir -p .gantwin
# The job worker, as `npm start` runs it (own process group, so that the trap stops it and its wrappers).
setsid npx tsx scripts/worker.ts > .gantwin/e2e-worker.log 2>&1 &
worker_pid=$!
server_pid=''
trap 'kill -- "-$worker_pid" 2>/dev/null || true; [ -n "$server_pid" ] && kill -- "-$server_pid" 2>/dev/null || true' EXIT
npx tsx scripts/convert-samples.ts --test-only
bash scripts/build-if-changed.sh

# Own process group, so that the trap stops next-server itself and not only the npx wrapper.
setsid npx next start -p "$E2E_PORT" > .gantwin/e2e-server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:${E2E_PORT}/" && break
  kill -0 "$server_pid" 2>/dev/null || { cat .gantwin/e2e-server.log >&2; exit 1; }
  sleep 1
done

BASE_URL="http://127.0.0.1:${E2E_PORT}" npx playwright test "$@"
