#!/usr/bin/env bash
# Installs the Debian packages GanTwin needs on a fresh machine (idempotent, ≈ 30 s the first time):
#   chromium               headless browser for end-to-end tests and screenshots
#   postgresql-15-postgis-3 PostGIS for the project-local PostgreSQL 15 cluster
#   fonts-noto-cjk         Chinese UI text in screenshots
#   mosquitto              the project-local MQTT broker of sensor ingest (npm run mqtt:up; not its system service)
# Runs apt only when something is missing. Without root it prints what to install and fails.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || missing+=(postgresql-15-postgis-3)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "GanTwin needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-system-deps: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
