/**
 * `npm run bench:ingest`: sustained reading ingest over HTTP and over MQTT, readings lost, database size per million
 * readings and the alarm latency (publish → alarm row). Writes `docs/bench-ingest.md`; the last stdout line is one
 * JSON object `{"httpPerSecond":…,"mqttPerSecond":…,"lost":…}`.
 *
 * Set-up: a dedicated database `gantwin_bench_ingest_<pid>` on the server of `DATABASE_URL` (or the project-local
 * cluster), made the way the tests and `db:up` make one (app role, default alarm rules), dropped at the end; a
 * project-local Mosquitto on 127.0.0.1:18833 in a temporary folder (server/sensors/local-broker.ts), stopped at the end.
 *
 * - HTTP: the route's own handler (`ingestResponse`, server/sensors/ingest-response.ts — what
 *   app/api/sensors/readings/route.ts calls) behind a minimal node:http server in this process, fed by `fetch`
 *   over loopback: real sockets, headers, streamed body limit, token lookup, rate limiter, JSON parse, validation
 *   and the ingest transaction; not Next.js's own routing (a few tens of µs per request). `--http-concurrency`
 *   gateways (default 4) post at once, each its own sensors (batches of the same sensors serialise on their row
 *   locks by design), `--http-batch` readings per request (default 1 000), `--http-readings` in all (300 000).
 * - MQTT: the real consumer process (`node --import tsx scripts/ingest.ts`, what `npm run ingest` runs) on a
 *   persistent session; all `--mqtt-readings` (200 000) published at QoS 1, 100 per message, as fast as the broker
 *   takes them; rate = readings ÷ (last row committed − first publish).
 * - Lost = readings sent (acknowledged by HTTP 200 / broker PUBACK) − rows stored for those sensors.
 * - Size: `pg_total_relation_size` summed over the partitions of `sensors_readings` (heap + primary-key index +
 *   TOAST) ÷ rows × 10⁶.
 * - Alarm latency: `--alarm-samples` (40) times a fresh gas sensor's reading of 25 %LEL (level 2 of `gas-lel`) is
 *   published and the `sensors_alarms` row polled every 5 ms; p50 / p95 of publish → row visible.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { connectAsync } from 'mqtt';
import { sql } from 'drizzle-orm';
import { SILENT_LOGGER } from '@kernel/logger';
import { createDb, type Db } from '@server/db/client';
import { dropDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { env } from '@server/env';
import { installJobQueues } from '@server/jobs/install-job-queues';
import { ingestResponse } from '@server/sensors/ingest-response';
import { ensureLocalBroker, stopLocalBroker } from '@server/sensors/local-broker';
import { readingsTopic } from '@server/sensors/mqtt-ingest';
import { createLoadSensors, loadPayloads, REPO_ROOT, spawnIngestProcess, storedCount, waitForStored, waitForSubscribed } from '@server/sensors/mqtt-load';
import { seedAlarmRules } from '@server/sensors/seed-sensors';
import { sensorsEnv } from '@server/sensors/sensors-env';
import { createTestSensor } from '@server/sensors/test-fixtures';

const { values: args } = parseArgs({
  options: {
    'http-readings': { type: 'string', default: '300000' },
    'http-batch': { type: 'string', default: '1000' },
    'http-concurrency': { type: 'string', default: '4' },
    'mqtt-readings': { type: 'string', default: '200000' },
    'alarm-samples': { type: 'string', default: '40' },
    'no-doc': { type: 'boolean', default: false },
  },
});
const HTTP_READINGS = Number(args['http-readings']);
const HTTP_BATCH = Number(args['http-batch']);
const HTTP_CONCURRENCY = Number(args['http-concurrency']);
const MQTT_READINGS = Number(args['mqtt-readings']);
const MQTT_PER_MESSAGE = 100;
const ALARM_SAMPLES = Number(args['alarm-samples']);
const BROKER_PORT = 18833;
const REGION = '360102';
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-ingest.md');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** A node:http server calling the route's handler. */
async function startHttpServer(db: Db): Promise<{ url: string; close: () => Promise<void> }> {
  const settings = { ...sensorsEnv(), SENSORS_INGEST_REQUESTS_PER_MINUTE: 100_000 };
  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined, duplex: 'half' } as RequestInit);
    void ingestResponse({ getDb: () => db, logger: SILENT_LOGGER, settings }, request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api/sensors/readings`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function benchHttp(db: Db): Promise<{ perSecond: number; sent: number; stored: number; seconds: number; requests: number }> {
  const server = await startHttpServer(db);
  const agent = { keepalive: true } as const;
  const perGateway = Math.ceil(HTTP_READINGS / HTTP_CONCURRENCY);
  const gateways = await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, () => createLoadSensors(db, REGION, 250)));
  const startMs = Date.now() - 86_400_000;
  const bodies = gateways.map((gateway) => loadPayloads(null, gateway.sensorIds, perGateway, HTTP_BATCH, startMs));
  let sent = 0;
  let requests = 0;
  const started = performance.now();
  await Promise.all(
    gateways.map(async (gateway, g) => {
      for (const body of bodies[g]) {
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` }, body: new Uint8Array(body), ...agent });
        const answer = (await response.json()) as { accepted?: number; duplicates?: number; error?: string };
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${answer.error}`);
        sent += answer.accepted! + answer.duplicates!;
        requests++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  const stored = (await storedCount(db, gateways.flatMap((gateway) => gateway.sensorIds))).rows;
  return { perSecond: sent / seconds, sent, stored, seconds, requests };
}

async function benchMqtt(db: Db, databaseUrl: string, brokerUrl: string) {
  const load = await createLoadSensors(db, REGION, 200);
  const payloads = loadPayloads(load.token, load.sensorIds, MQTT_READINGS, MQTT_PER_MESSAGE, Date.now() - 86_400_000);
  const ingest = spawnIngestProcess({ databaseUrl, brokerUrl, clientId: `bench-ingest-${process.pid}` });
  await waitForSubscribed(ingest);
  const publisher = await connectAsync(brokerUrl, { clientId: `bench-pub-${process.pid}`, clean: true });
  const topic = readingsTopic('BENCH-GW-1');
  const started = performance.now();
  for (let i = 0; i < payloads.length; i += 100) await Promise.all(payloads.slice(i, i + 100).map((payload) => publisher.publishAsync(topic, payload, { qos: 1 })));
  const publishedS = (performance.now() - started) / 1000;
  let stored = await waitForStored(db, load.sensorIds, MQTT_READINGS, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await sleep(1000);
  stored = (await storedCount(db, load.sensorIds)).rows;

  // Alarm latency with the consumer idle: publish one level-2 gas reading of a fresh sensor, poll for its alarm row.
  const latencies: number[] = [];
  for (let i = 0; i < ALARM_SAMPLES; i++) {
    const sensor = await createTestSensor(db, REGION, 'gas');
    const payload = JSON.stringify({ token: sensor.token, readings: [{ sensorId: sensor.id, observedAt: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(), value: 25 }] });
    const sentAt = performance.now();
    await publisher.publishAsync(readingsTopic('BENCH-ALARM'), payload, { qos: 1 });
    for (;;) {
      const { rows } = await db.execute(sql`SELECT 1 FROM sensors_alarms WHERE sensor_id = ${sensor.id}`);
      if (rows.length) break;
      if (performance.now() - sentAt > 30_000) throw new Error('no alarm row within 30 s');
      await sleep(5);
    }
    latencies.push(performance.now() - sentAt);
  }
  await publisher.endAsync();
  ingest.child.kill('SIGTERM');
  await new Promise((resolve) => ingest.child.once('exit', resolve));
  latencies.sort((a, b) => a - b);
  return { perSecond: MQTT_READINGS / seconds, sent: MQTT_READINGS, stored, seconds, publishedS, alarmP50Ms: percentile(latencies, 50), alarmP95Ms: percentile(latencies, 95), alarmMaxMs: latencies.at(-1)! };
}

async function readingsSize(db: Db): Promise<{ rows: number; bytes: number }> {
  const { rows } = await db.execute<{ bytes: string; rows: number }>(sql`
    SELECT (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits WHERE inhparent = 'sensors_readings'::regclass)::text AS bytes,
           (SELECT count(*)::int FROM sensors_readings) AS rows`);
  return { rows: rows[0].rows, bytes: Number(rows[0].bytes) };
}

const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
const databaseName = `gantwin_bench_ingest_${process.pid}`;
const brokerDir = mkdtempSync(path.join(os.tmpdir(), 'gantwin-bench-mqtt-'));
let exitCode = 0;
try {
  const { appUrl } = await provisionDatabase(server.adminUrl, databaseName, { installJobQueues });
  const { db, pool } = createDb(appUrl, 3 + HTTP_CONCURRENCY);
  await seedAlarmRules(db);
  const broker = await ensureLocalBroker({ dir: brokerDir, port: BROKER_PORT });
  console.error(`bench-ingest: database ${databaseName}, broker ${broker.url}`);

  const httpResult = await benchHttp(db);
  console.log(`HTTP: ${httpResult.sent} readings in ${round(httpResult.seconds, 1)} s = ${round(httpResult.perSecond)} /s (${httpResult.requests} requests of ${HTTP_BATCH}, ${HTTP_CONCURRENCY} at once); stored ${httpResult.stored}`);
  const mqttResult = await benchMqtt(db, appUrl, broker.url);
  console.log(`MQTT: ${mqttResult.sent} readings in ${round(mqttResult.seconds, 1)} s = ${round(mqttResult.perSecond)} /s (published in ${round(mqttResult.publishedS, 1)} s); stored ${mqttResult.stored}`);
  console.log(`alarm latency publish → alarm row: p50 ${round(mqttResult.alarmP50Ms)} ms, p95 ${round(mqttResult.alarmP95Ms)} ms, max ${round(mqttResult.alarmMaxMs)} ms (${ALARM_SAMPLES} samples)`);
  const size = await readingsSize(db);
  const bytesPerMillion = (size.bytes / size.rows) * 1e6;
  console.log(`size: ${size.rows} rows in ${round(size.bytes / 1024 ** 2, 1)} MiB = ${round(bytesPerMillion / 1024 ** 2, 1)} MiB per million readings`);
  const lost = httpResult.sent - httpResult.stored + (mqttResult.sent - mqttResult.stored);
  await pool.end();

  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${round(os.totalmem() / 1024 ** 3, 1)} GiB RAM, Node ${process.version}, PostgreSQL at ${new URL(server.adminUrl).host}, Mosquitto 2 (Debian)`;
  const summaryLine = JSON.stringify({ httpPerSecond: round(httpResult.perSecond), mqttPerSecond: round(mqttResult.perSecond), lost });
  if (!args['no-doc']) {
    writeFileSync(
      DOC_PATH,
      `# Sensor ingest benchmark (\`npm run bench:ingest\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. How it is measured: the header of scripts/bench-ingest.ts.
The machine was shared with other work during the run: treat the figures as lower bounds.

| figure | value |
|---|---|
| HTTP sustained | **${round(httpResult.perSecond)} readings/s** — ${httpResult.sent} readings, ${httpResult.requests} requests of ${HTTP_BATCH}, ${HTTP_CONCURRENCY} gateways at once, ${round(httpResult.seconds, 1)} s (route handler behind node:http, in process) |
| MQTT sustained | **${round(mqttResult.perSecond)} readings/s** — ${mqttResult.sent} readings, ${mqttResult.sent / MQTT_PER_MESSAGE} QoS 1 messages of ${MQTT_PER_MESSAGE}, one consumer process, first publish → last commit ${round(mqttResult.seconds, 1)} s |
| lost | **${lost}** (HTTP ${httpResult.sent - httpResult.stored}, MQTT ${mqttResult.sent - mqttResult.stored}) |
| database size | **${round(bytesPerMillion / 1024 ** 2, 1)} MiB per million readings** (${size.rows} rows, ${round(size.bytes / 1024 ** 2, 1)} MiB: partitions' heap + primary key + TOAST) |
| alarm latency (MQTT publish → alarm row) | p50 ${round(mqttResult.alarmP50Ms)} ms, **p95 ${round(mqttResult.alarmP95Ms)} ms**, max ${round(mqttResult.alarmMaxMs)} ms (${ALARM_SAMPLES} samples, consumer idle, 5 ms polling) |

Targets (issue #11): ≥ 20 000 readings/s over HTTP, ≥ 5 000 over MQTT, nothing lost.

Notes:
- The MQTT consumer handles one message at a time and acknowledges it after its commit (server/sensors/mqtt-ingest.ts),
  so its rate is messages/s × readings per message: bigger messages (gateways batching) raise it; more consumers
  need a shared subscription or a split of the topic space.
- HTTP throughput scales with concurrent gateways up to the database's cores; one gateway's batches serialise on
  its sensors' row locks (last values and rate rules need the previous reading).
- Zero loss under failures is covered by server/sensors/mqtt-ingest.test.ts (consumer SIGKILL, broker restart,
  database unreachable).

${summaryLine}
`,
    );
  }
  console.log(summaryLine);
} catch (error) {
  console.error(`bench-ingest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await stopLocalBroker({ dir: brokerDir, port: BROKER_PORT });
  rmSync(brokerDir, { recursive: true, force: true });
  await dropDatabase(server.adminUrl, databaseName).catch(() => {});
}
process.exit(exitCode);
