/**
 * `npm run simulate`: sends simulated readings of the demo sensors (data/sensors/demo-sensors.ts, 示例数据) the way
 * real devices would, through the demo gateway `DEMO-NC-GW-1` (server/sensors/demo-gateway.ts):
 * - gas and manhole water-level sensors over MQTT (`MQTT_URL`, default the project-local broker; topic
 *   `gantwin/sensors/DEMO-NC-GW-1/readings`, QoS 1, ≤ 1 000 readings per message) — stored by `npm run ingest`;
 * - water-pressure sensors over HTTP (`POST <--http-url>/api/sensors/readings`, ≤ 2 000 readings per request);
 *   while the web server is not up yet (start.sh starts the simulator before it) they wait in memory (≤ 100 000,
 *   the oldest dropped beyond) and go with the next tick.
 * Sending: server/sensors/simulator.ts. Values come from the pure generator server/sensors/simulation.ts (daily cycles, noise, drift, dropouts, outages,
 * incidents that raise alarms). First the last `--backfill-h` hours, then every `--interval-s` the readings due.
 * Re-sending a range is harmless: same values, recognised as duplicates.
 *
 * Token: `.gantwin/demo-gateway-token` (0600). Read at start; when missing or no longer the gateway's (rotated on
 * /sensors/devices), a new one is issued through `DATABASE_URL` and written there. It is never printed.
 *
 * Usage: `npm run simulate -- [--http-url http://127.0.0.1:3000] [--interval-s 60] [--backfill-h 24] [--seed 11] [--once]`
 * (`--once`: backfill, one round, exit). Runs until SIGINT/SIGTERM. `GANTWIN_SIMULATE=0 npm start` does not start it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectAsync } from 'mqtt';
import type { Logger } from '@kernel/logger';
import { createDb } from '@server/db/client';
import { requireDatabaseUrl } from '@server/env';
import { DEMO_GATEWAY_CODE, ensureDemoGateway } from '@server/sensors/demo-gateway';
import { readingsTopic, redactBrokerUrl } from '@server/sensors/mqtt-ingest';
import { brokerUrlOf, mqttEnv, sensorsEnv } from '@server/sensors/sensors-env';
import { SIMULATION_DEFAULTS } from '@server/sensors/simulation';
import { createSimulator, HTTP_SENSOR_TYPES } from '@server/sensors/simulator';

const TOKEN_FILE = path.resolve('.gantwin/demo-gateway-token');

function fail(message: string): never {
  console.error(`simulate: ${message}`);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: {
    'http-url': { type: 'string', default: 'http://127.0.0.1:3000' },
    'interval-s': { type: 'string', default: '60' },
    'backfill-h': { type: 'string', default: '24' },
    seed: { type: 'string', default: String(SIMULATION_DEFAULTS.seed) },
    once: { type: 'boolean', default: false },
  },
});
const intervalS = Number(args['interval-s']);
const backfillH = Number(args['backfill-h']);
const seed = Number(args.seed);
if (!Number.isInteger(intervalS) || intervalS < 1 || intervalS > 3600) fail('--interval-s must be an integer 1-3600');
if (!Number.isFinite(backfillH) || backfillH < 0 || backfillH > 24 * 7) fail('--backfill-h must be 0-168');
if (!Number.isInteger(seed)) fail('--seed must be an integer');
let ingestUrl: string;
try {
  const base = new URL(args['http-url']!);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  ingestUrl = new URL('/api/sensors/readings', base).toString();
} catch {
  fail('--http-url must be an http:// or https:// URL');
}
const options = { ...SIMULATION_DEFAULTS, seed };

// The token: the file's, or a new one when the gateway no longer accepts it.
const held = existsSync(TOKEN_FILE) ? readFileSync(TOKEN_FILE, 'utf8').trim() : null;
const { db, pool } = createDb(requireDatabaseUrl(), 1);
const gateway = await ensureDemoGateway(db, held).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
await pool.end();
if (gateway.issued) {
  mkdirSync(path.dirname(TOKEN_FILE), { recursive: true, mode: 0o700 });
  const temporary = `${TOKEN_FILE}.${process.pid}`;
  writeFileSync(temporary, `${gateway.token}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, TOKEN_FILE);
}
if (gateway.sensors.length === 0) fail('no active demo sensors (run `npm run seed`)');
const overHttp = gateway.sensors.filter((s) => HTTP_SENSOR_TYPES.has(s.type));
const overMqtt = gateway.sensors.filter((s) => !HTTP_SENSOR_TYPES.has(s.type));
const brokerUrl = brokerUrlOf(mqttEnv());
console.error(
  `simulate: ${DEMO_GATEWAY_CODE}${gateway.issued ? ' (new token in .gantwin/demo-gateway-token)' : ''}: ${overMqtt.length} sensors over MQTT (${redactBrokerUrl(brokerUrl)}), ` +
    `${overHttp.length} over HTTP (${ingestUrl}); one reading every ${options.stepS} s, sent every ${intervalS} s`,
);

const client = await connectAsync(brokerUrl, { clientId: `gantwin-simulator-${process.pid}`, clean: true, reconnectPeriod: 2000 }).catch((error: unknown) =>
  fail(`cannot reach the MQTT broker ${redactBrokerUrl(brokerUrl)}: ${error instanceof Error ? error.message : String(error)} (npm run mqtt:up)`),
);
client.on('error', (error) => console.error(`simulate: mqtt: ${error.message}`));
const topic = readingsTopic(DEMO_GATEWAY_CODE);
const maxReadings = sensorsEnv().SENSORS_INGEST_MAX_READINGS;
const logger: Logger = { debug: () => {}, info: (m) => console.error(m), warn: (m) => console.error(m), error: (m) => console.error(m) };
const simulator = createSimulator(
  gateway.token,
  gateway.sensors,
  {
    publish: async (payload) => {
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    post: async (body) => {
      const response = await fetch(ingestUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` }, body, signal: AbortSignal.timeout(30_000) });
      return { status: response.status, text: await response.text() };
    },
  },
  // Within the ingest limits of this deployment (SENSORS_INGEST_MAX_READINGS; ≈ 100 bytes a reading, far under 1 MiB).
  { generator: options, mqttPerMessage: Math.min(1000, maxReadings), httpPerRequest: Math.min(2000, maxReadings), httpPendingMax: 100_000, logger },
);

let sentUntilMs = Date.now() - backfillH * 3_600_000;
let rounds = 0;
let timer: NodeJS.Timeout | undefined;
let stopping = false;
async function loop(): Promise<void> {
  const nowMs = Date.now();
  const done = await simulator.round(sentUntilMs, nowMs);
  sentUntilMs = nowMs;
  if (rounds++ % 60 === 0) console.error(`simulate: round ${rounds}: ${done.mqtt} readings published over MQTT, ${done.http} posted over HTTP (${done.httpPending} waiting)`);
  if (args.once) return stop('--once');
  if (!stopping) timer = setTimeout(() => void loop(), intervalS * 1000);
}
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  console.error(`simulate: ${reason}: stopping`);
  await client.endAsync();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
await loop();
