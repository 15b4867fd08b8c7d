/**
 * `npm run bench:alarm-latency`: how long an alarm takes from a device's HTTP POST of a threshold-crossing reading
 * (issue #11) to (a) its alarm row, committed — `POST /api/sensors/readings` answers only after the commit, and the
 * row is checked — and (b) the `sensors.live.alarms` server-sent event arriving at a subscribed client. Writes
 * `docs/bench-alarm-latency.md` (its last line is the JSON result too); the last stdout line is one JSON object
 * `{"bench":"alarm-latency","samples":N,"p50RowMs":…,"p95RowMs":…,"p50SseMs":…,"p95SseMs":…,"maxSseMs":…,"targetMs":10000}`.
 *
 * Set-up: a dedicated database `gantwin_bench_alarm_<pid>` on the server of `DATABASE_URL` (or the project-local
 * cluster), made the way the tests and `db:up` make one (migrations, roles), dropped at the end. An HTTP server on
 * 127.0.0.1 (an ephemeral port) serves the SAME handlers the Next.js routes call — `trpcHttpResponse`
 * (app/api/trpc) and `ingestResponse` (app/api/sensors/readings) — so the path measured is the product's: HTTP,
 * bearer-token ingest, one transaction with alarm evaluation and `pg_notify`, the process's LISTEN hub, the region
 * filter, tRPC's SSE stream. What it leaves out is Next.js's own routing (a constant per request). The client is a
 * real SSE reader (fetch + `text/event-stream` parsing, as an EventSource does), signed in as a 南昌市 inspector with
 * a session cookie from the real sign-in endpoint.
 *
 * Each sample is a fresh combustible-gas sensor (own `gts_` token) in 东湖区 posting 30 %LEL (level 2 of `gas-lel`,
 * data/sensors/alarm-rules.ts), so every post opens a new alarm. Samples run one after another, 150 ms apart.
 * Usage: `npm run bench:alarm-latency [-- --samples 40]` (default 40, at most 500).
 */
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { SILENT_LOGGER } from '@kernel/logger';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { trpcHttpResponse } from '@server/api/trpc-http-handler';
import { createDb, type Db } from '@server/db/client';
import { dropDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { env } from '@server/env';
import { ingestResponse } from '@server/sensors/ingest-response';
import { liveHubFor } from '@server/sensors/live-hub';
import { seedAlarmRules } from '@server/sensors/seed-sensors';
import { sensorsEnv } from '@server/sensors/sensors-env';
import { createTestSensor } from '@server/sensors/test-fixtures';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-alarm-latency.md');
/** The limit and aim, ms. */
const TARGET_MS = 10_000;
const AIM_MS = 2_000;
/** Longest wait for one SSE event, ms (a miss is counted at this value). */
const EVENT_TIMEOUT_MS = 15_000;
const GAP_MS = 150;

/** Serves the two product handlers on 127.0.0.1 (see module doc); resolves with the base URL and a closer. */
async function startServer(db: Db): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = http.createServer(async (incoming, outgoing) => {
    const abort = new AbortController();
    outgoing.on('close', () => abort.abort());
    try {
      const url = `http://127.0.0.1${incoming.url ?? '/'}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
      const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
      const request = new Request(url, {
        method: incoming.method,
        headers,
        body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
        signal: abort.signal,
        ...(hasBody ? { duplex: 'half' } : {}),
      } as RequestInit);
      const pathname = new URL(url).pathname;
      const response = pathname.startsWith('/api/trpc/')
        ? await trpcHttpResponse(request, { getDb: () => db, logger: SILENT_LOGGER })
        : pathname === '/api/sensors/readings' && incoming.method === 'POST'
          ? await ingestResponse({ getDb: () => db, logger: SILENT_LOGGER, settings: sensorsEnv() }, request)
          : new Response('not found', { status: 404 });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.flushHeaders();
      if (!response.body) return void outgoing.end();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || abort.signal.aborted) break;
        outgoing.write(value);
      }
      outgoing.end();
    } catch (error) {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An SSE subscription: every `data:` event's JSON with its arrival time (performance.now()). */
async function subscribe(url: string, cookie: string, onEvent: (data: unknown, atMs: number) => void): Promise<{ ready: Promise<void>; close: () => void }> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`subscribe: HTTP ${response.status} ${await response.text()}`);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
          if (event === 'connected') markReady();
          else if (event === 'message' && data) onEvent(JSON.parse(data), performance.now());
        }
      }
    } catch {
      // aborted
    }
  })();
  return { ready, close: () => abort.abort() };
}

/** The q-quantile (0–1) of sorted values, nearest rank. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const samplesArg = process.argv.indexOf('--samples');
  const sampleCount = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 40;
  if (!Number.isInteger(sampleCount) || sampleCount < 1 || sampleCount > 500) throw new Error('--samples must be an integer 1–500');
  const dbServer = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
  const databaseName = `gantwin_bench_alarm_${process.pid}`;
  let closePool: (() => Promise<void>) | undefined;
  let closeServer: (() => Promise<void>) | undefined;
  let closeStream: (() => void) | undefined;
  try {
    const { appUrl } = await provisionDatabase(dbServer.adminUrl, databaseName);
    const connection = createDb(appUrl, 5);
    closePool = () => connection.pool.end();
    const db = connection.db;
    await ensureTestRegions(db);
    await seedAlarmRules(db);
    const { cookie } = await signedInCookie(db, 'inspector', TEST_REGIONS.nanchang);
    if (!cookie) throw new Error('bench: sign-in gave no session cookie');
    const sensors = [];
    for (let i = 0; i < sampleCount; i++) sensors.push(await createTestSensor(db, TEST_REGIONS.donghu, 'gas'));
    const { baseUrl, close } = await startServer(db);
    closeServer = close;

    const arrivals = new Map<string, number>();
    const waiters = new Map<string, (atMs: number) => void>();
    const stream = await subscribe(`${baseUrl}/api/trpc/sensors.live.alarms`, cookie, (data, atMs) => {
      const ids = ((data as { json?: { sensorIds?: string[] } }).json?.sensorIds ?? []) as string[];
      for (const id of ids) {
        if (!arrivals.has(id)) arrivals.set(id, atMs);
        waiters.get(id)?.(atMs);
      }
    });
    closeStream = stream.close;
    await stream.ready;
    const hub = liveHubFor(db);
    for (let i = 0; i < 100 && !hub.isListening; i++) await new Promise((resolve) => setTimeout(resolve, 20));

    const rowMs: number[] = [];
    const sseMs: number[] = [];
    let missed = 0;
    for (const sensor of sensors) {
      const arrived = new Promise<number>((resolve) => {
        waiters.set(sensor.id, resolve);
        setTimeout(() => resolve(Number.NaN), EVENT_TIMEOUT_MS).unref();
      });
      const t0 = performance.now();
      const response = await fetch(`${baseUrl}/api/sensors/readings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sensor.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings: [{ sensorId: sensor.id, observedAt: new Date().toISOString(), value: 30 }] }),
      });
      const tRow = performance.now();
      const body = (await response.json()) as { alarmsOpened?: number };
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body)}`);
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sensors_alarms WHERE sensor_id = ${sensor.id} AND status = 'pending'`);
      if (rows[0].n !== 1) throw new Error(`no alarm row for sensor ${sensor.id} after the POST answered`);
      rowMs.push(tRow - t0);
      const tSse = arrivals.get(sensor.id) ?? (await arrived);
      waiters.delete(sensor.id);
      if (Number.isNaN(tSse)) {
        missed++;
        sseMs.push(EVENT_TIMEOUT_MS);
      } else sseMs.push(tSse - t0);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    rowMs.sort((a, b) => a - b);
    sseMs.sort((a, b) => a - b);
    const result = {
      bench: 'alarm-latency',
      samples: sampleCount,
      p50RowMs: round1(quantile(rowMs, 0.5)),
      p95RowMs: round1(quantile(rowMs, 0.95)),
      p50SseMs: round1(quantile(sseMs, 0.5)),
      p95SseMs: round1(quantile(sseMs, 0.95)),
      maxSseMs: round1(sseMs[sseMs.length - 1]),
      missed,
      targetMs: TARGET_MS,
    };
    const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
    writeFileSync(DOC_PATH, `${report(result, machine)}\n${JSON.stringify(result)}\n`);
    console.error(`bench-alarm-latency: wrote ${path.relative(REPO_ROOT, DOC_PATH)}`);
    console.log(`post → alarm row committed: p50 ${result.p50RowMs} ms, p95 ${result.p95RowMs} ms`);
    console.log(`post → SSE event at the client: p50 ${result.p50SseMs} ms, p95 ${result.p95SseMs} ms, max ${result.maxSseMs} ms, missed ${missed}`);
    console.log(JSON.stringify(result));
    if (result.p95SseMs > TARGET_MS || missed > 0) process.exitCode = 1;
  } finally {
    closeStream?.();
    await closeServer?.();
    await closePool?.();
    await dropDatabase(dbServer.adminUrl, databaseName);
  }
}

function report(result: { samples: number; p50RowMs: number; p95RowMs: number; p50SseMs: number; p95SseMs: number; maxSseMs: number; missed: number }, machine: string): string {
  const verdict = result.p95SseMs <= AIM_MS ? `within the aim of ${AIM_MS / 1000} s` : result.p95SseMs <= TARGET_MS ? `within the limit of ${TARGET_MS / 1000} s, above the aim of ${AIM_MS / 1000} s` : `ABOVE the limit of ${TARGET_MS / 1000} s`;
  return `# Alarm latency to the browser (issue #11)

Written by \`npm run bench:alarm-latency\` (scripts/bench-alarm-latency.ts) — do not edit by hand.

Machine: ${machine}.

What is measured, per sample (a fresh 东湖区 gas sensor posting 30 %LEL, level 2 of \`gas-lel\`; ${result.samples} samples,
one after another, ${GAP_MS} ms apart): from the start of the device's \`POST /api/sensors/readings\` (bearer token) to

- **alarm row**: the POST's answer — it comes only after the ingest transaction (reading, alarm evaluation, alarm
  row, \`pg_notify\`) committed; the row is then checked in the database;
- **SSE event**: the \`sensors.live.alarms\` event naming the sensor arriving at a client subscribed over HTTP
  (server-sent events, signed in as a 南昌市 inspector), through PostgreSQL NOTIFY → the process's LISTEN hub →
  the region filter → tRPC's SSE stream.

The HTTP server is the bench's own node:http server calling the same handlers as the Next.js routes
(\`trpcHttpResponse\`, \`ingestResponse\`) on a dedicated, migrated database; Next.js routing is not in the path.

| path | p50 | p95 |
|---|---:|---:|
| post → alarm row committed | ${result.p50RowMs} ms | ${result.p95RowMs} ms |
| post → SSE event at the client | ${result.p50SseMs} ms | ${result.p95SseMs} ms |

Slowest SSE event: ${result.maxSseMs} ms; events missed: ${result.missed}. The p95 to the browser is ${verdict}.

Nothing polls on this path: the delay is one transaction plus one NOTIFY delivery, so it does not grow with the
number of sensors; a browser adds its own tRPC re-read of the alarm list (one query) after the event.
`;
}

await main();
