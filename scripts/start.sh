#!/usr/bin/env bash
# The main command (README): from a fresh machine to the running city twin on http://localhost:${PORT:-3000}.
#   1. Debian packages (chromium, PostGIS, CJK fonts) and npm packages, when missing
#   2. PostgreSQL + PostGIS: $DATABASE_URL when given, else a project-local cluster in .gantwin/pg; db-up makes the
#      roles gantwin_owner and gantwin_app and migrates as the owner (docs/security.md "Database roles")
#   3. seed (regions, layer catalogue, roads), the first admin account (first run only) — as the app role
#   4. starts the job worker (`npm run worker`, every plate's queues) in the background, as the app role
#   5. converts the sample IFC models through the worker (cached by content hash: a second start skips them)
#   6. builds (when sources changed) and serves the Next.js app; Ctrl-C stops the web server and the worker
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

bash scripts/install-system-deps.sh
bash scripts/install-node-deps.sh

# db-up migrates (as gantwin_owner); from here on everything runs as the app role of its last line. Its
# DATABASE_MIGRATION_URL line is not exported: the app never gets the owner's credentials.
db_line="$(npx tsx scripts/db-up.ts | tail -n 1)"
case "$db_line" in DATABASE_URL=*) export "$db_line" ;; *) echo "start: db-up did not print DATABASE_URL" >&2; exit 1 ;; esac

npm run --silent seed
# First run only: the first admin and its one-time password (printed once; see README "Accounts").
npx tsx scripts/create-admin.ts --if-none --email "${GANTWIN_ADMIN_EMAIL:-admin@gantwin.local}"
mkdir -p .gantwin
# The worker runs in its own process group so that the trap stops it (and its npx/tsx wrappers) as a whole.
setsid npx tsx scripts/worker.ts &
worker_pid=$!
trap 'kill -TERM -- "-$worker_pid" 2>/dev/null || true' EXIT
npx tsx scripts/convert-samples.ts "$@"
bash scripts/build-if-changed.sh

echo "start: GanTwin on http://localhost:${PORT}  (城市孪生 /, BIM 模型检查 /models/<id>; worker pid ${worker_pid})" >&2
npx next start -p "$PORT"
