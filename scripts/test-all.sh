#!/usr/bin/env bash
# The test command (README): every test, on a fresh machine.
#   static checks (TypeScript, import boundaries) → vitest (unit + integration on real PostGIS, a database per
#   test worker) beside the production build → end to end (Playwright driving Debian chromium against the built app
#   with a fresh e2e database).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-system-deps.sh
bash scripts/install-node-deps.sh

# db-up starts the server (and sets up the roles); its DATABASE_URL (the app role) is deliberately not exported:
# vitest and e2e create their own databases, which needs the setup role of the caller's DATABASE_URL (or the
# local cluster's superuser), and give the app role to what they test.
db_line="$(npx tsx scripts/db-up.ts | tail -n 1)"
case "$db_line" in DATABASE_URL=*) ;; *) echo "test-all: db-up did not print DATABASE_URL" >&2; exit 1 ;; esac

echo "== typecheck" >&2
npm run --silent typecheck
echo "== import boundaries" >&2
npm run --silent lint:deps
# The production build the journeys need runs beside vitest, whose files wait on PostgreSQL, child processes and
# the broker much of the time; scripts/e2e.sh then finds it current (build-if-changed.sh). Own process group, so
# that a failing vitest stops the build too.
mkdir -p .gantwin
setsid bash scripts/build-if-changed.sh > .gantwin/test-all-build.log 2>&1 &
build_pid=$!
trap 'kill -- "-$build_pid" 2>/dev/null || true' EXIT
echo "== unit + integration (vitest, real PostGIS); the production build beside it" >&2
npx vitest run
if ! wait "$build_pid"; then
  cat .gantwin/test-all-build.log >&2
  echo "test-all: the production build failed (log above)" >&2
  exit 1
fi
echo "== end to end (Playwright + chromium)" >&2
bash scripts/e2e.sh
