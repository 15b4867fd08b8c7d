import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { sensorsDevices } from '@server/db/schema/sensors';
import { SENSOR_TYPE_DEFINITIONS } from '@data/sensors/sensor-types';
import { pgArrayLiteral } from './pg-array';
import { createTestGateway } from './test-fixtures';

/**
 * Load support shared by the MQTT zero-loss tests (mqtt-ingest.test.ts) and `npm run bench:ingest`: a gateway with
 * many quiet gas sensors, batches of readings for them, the ingest consumer as a real child process, and a wait
 * for the stored count. Not used by the app.
 */

/** The repository root (this file is server/sensors/mqtt-load.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A gateway (token) and `count` gas sensors assigned to it, without own tokens. */
export async function createLoadSensors(db: Db, regionCode: string, count: number): Promise<{ gatewayId: string; token: string; sensorIds: string[] }> {
  const gateway = await createTestGateway(db, regionCode);
  const rows = await db
    .insert(sensorsDevices)
    .values(
      Array.from({ length: count }, (_, i) => ({
        code: `L-${randomUUID().slice(0, 13)}-${i}`,
        name: `load gas ${i}`,
        type: 'gas' as const,
        unit: SENSOR_TYPE_DEFINITIONS.gas.unit,
        position: { type: 'Point' as const, coordinates: [115.9, 28.68] as [number, number] },
        regionCode,
        gatewayId: gateway.id,
      })),
    )
    .returning({ id: sensorsDevices.id });
  return { gatewayId: gateway.id, token: gateway.token, sensorIds: rows.map((row) => row.id) };
}

/**
 * `total` readings as payloads of `perMessage` readings: reading k is of sensor k mod n at `startMs + floor(k / n)`
 * seconds, value 1–1.009 %LEL (below every gas rule: no alarms). Unique (sensor, time). With a token: the MQTT
 * envelope `{ token, readings }`; with null: the HTTP body `{ readings }`.
 */
export function loadPayloads(token: string | null, sensorIds: readonly string[], total: number, perMessage: number, startMs: number): Buffer[] {
  const payloads: Buffer[] = [];
  for (let first = 0; first < total; first += perMessage) {
    const readings = [];
    for (let k = first; k < Math.min(total, first + perMessage); k++) {
      readings.push({ sensorId: sensorIds[k % sensorIds.length], observedAt: new Date(startMs + Math.floor(k / sensorIds.length) * 1000).toISOString(), value: 1 + (k % 10) / 1000 });
    }
    payloads.push(Buffer.from(JSON.stringify(token === null ? { readings } : { token, readings })));
  }
  return payloads;
}

/** Rows stored for these sensors (and the distinct (sensor, time) pairs, equal when nothing is stored twice). */
export async function storedCount(db: Db, sensorIds: readonly string[]): Promise<{ rows: number; distinct: number }> {
  const { rows } = await db.execute<{ rows: number; distinct: number }>(sql`
    SELECT count(*)::int AS rows, count(DISTINCT (sensor_id, observed_at))::int AS distinct
      FROM sensors_readings WHERE sensor_id = ANY(${pgArrayLiteral([...sensorIds])}::uuid[])`);
  return rows[0];
}

/** Polls {@link storedCount} every 100 ms until it reaches `atLeast` rows or `timeoutMs` passes; returns the last count. */
export async function waitForStored(db: Db, sensorIds: readonly string[], atLeast: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await storedCount(db, sensorIds);
    if (rows >= atLeast || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `scripts/ingest.ts` (what `npm run ingest` runs) as a child process with these settings. Its stderr is
 * collected in `log()`.
 */
export function spawnIngestProcess(settings: { databaseUrl: string; brokerUrl: string; clientId: string }): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/ingest.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: settings.databaseUrl, MQTT_URL: settings.brokerUrl, MQTT_CLIENT_ID: settings.clientId },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  });
  return { child, log: () => log };
}

/** Waits until the child's stderr says it subscribed (≤ `timeoutMs`). */
export async function waitForSubscribed(ingest: { child: ChildProcess; log: () => string }, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/subscribed/.test(ingest.log())) {
    if (ingest.child.exitCode !== null || Date.now() > deadline) throw new Error(`ingest process did not subscribe: ${ingest.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
