#!/usr/bin/env bash
# The main command (README): from a fresh machine to the running city twin on http://localhost:${PORT:-3000}.
#   1. Debian packages (chromium, PostGIS, CJK fonts) and npm packages, when missing
#   2. PostgreSQL + PostGIS: $DATABASE_URL when given, else a project-local cluster in .gantwin/pg; db-up makes the
#      roles gantwin_owner and gantwin_app and migrates as the owner (docs/security.md "Database roles")
#   3. seed (regions, layer catalogue, roads), the first admin account (first run only) — as the app role
#   4. starts the job worker (`npm run worker`, every plate's queues) in the background, as the app role; the MQTT
#      broker ($MQTT_URL when given, else a project-local Mosquitto in .gantwin/mqtt on 127.0.0.1:${MQTT_LOCAL_PORT:-18830}),
#      the MQTT ingest consumer (`npm run ingest`) and, unless GANTWIN_SIMULATE=0, the demo sensor simulator
#      (`npm run simulate`) in the background too
#   5. converts the sample IFC models through the worker (cached by content hash: a second start skips them)
#   6. builds (when sources changed) and serves the Next.js app; Ctrl-C stops the web server, the worker, the ingest
#      consumer and the simulator (the broker keeps running: `npm run mqtt:down`)
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
background_pids="$worker_pid"
trap 'for pid in $background_pids; do kill -TERM -- "-$pid" 2>/dev/null || true; done' EXIT
# The MQTT broker (reused when it runs), then the ingest consumer and the simulator, each in its own group as well.
mqtt_line="$(npx tsx scripts/mqtt-up.ts | tail -n 1)"
case "$mqtt_line" in MQTT_URL=*) export "$mqtt_line" ;; *) echo "start: mqtt-up did not print MQTT_URL" >&2; exit 1 ;; esac
setsid npx tsx scripts/ingest.ts &
background_pids="$background_pids $!"
if [ "${GANTWIN_SIMULATE:-1}" != "0" ]; then
  setsid npx tsx scripts/simulate.ts --http-url "http://127.0.0.1:${PORT}" &
  background_pids="$background_pids $!"
fi
npx tsx scripts/convert-samples.ts "$@"
bash scripts/build-if-changed.sh

echo "start: GanTwin on http://localhost:${PORT}  (城市孪生 /, BIM 模型检查 /models/<id>; worker pid ${worker_pid})" >&2
# Two malloc arenas: image uploads (sharp/libvips, villages media) otherwise grow the web server's RSS by glibc
# fragmentation (measured 624 → 895 MB over 5 panorama uploads, ≈ 350 MB with 2 arenas; image-variants.ts Notes).
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" npx next start -p "$PORT"
