import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { ingestResponse } from './ingest-response';
import { readingPartitionOf } from './reading-partitions';
import { seedAlarmRules } from './seed-sensors';
import type { SensorsEnv } from './sensors-env';
import { createTestGateway, createTestSensor } from './test-fixtures';

/** POST /api/sensors/readings end to end against the real database (handler called with a web Request). */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

const SETTINGS: SensorsEnv = {
  SENSORS_INGEST_MAX_READINGS: 5000,
  SENSORS_INGEST_MAX_BYTES: 1024 ** 2,
  SENSORS_INGEST_REQUESTS_PER_MINUTE: 10_000,
  SENSORS_FUTURE_TOLERANCE_S: 300,
  SENSORS_READING_RETENTION_MONTHS: 36,
  SENSORS_PARTITION_MONTHS_AHEAD: 3,
};
const MINUTE = 60_000;

function post(token: string | null, body: unknown, settings: SensorsEnv = SETTINGS): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return ingestResponse({ getDb: () => db, logger: SILENT_LOGGER, settings }, new Request('http://localhost/api/sensors/readings', { method: 'POST', headers, body: text }));
}

const readingsOf = (sensorId: string, startMs: number, values: number[], stepMs = MINUTE) => ({
  readings: values.map((value, i) => ({ sensorId, observedAt: new Date(startMs + i * stepMs).toISOString(), value })),
});
const countOf = async (sensorId: string) => (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sensors_readings WHERE sensor_id = ${sensorId}`)).rows[0].n;
const openAlarms = async (sensorId: string) =>
  (
    await db.execute<{ code: string; level: number; value: number; last_value: number; first_seen_at: string; deadline_at: string; status: string }>(sql`
      SELECT r.code, a.level, a.value, a.last_value, a.first_seen_at, a.deadline_at, a.status FROM sensors_alarms a JOIN sensors_alarm_rules r ON r.id = a.rule_id
       WHERE a.sensor_id = ${sensorId} AND a.status IN ('pending','dispatched','handling') ORDER BY r.code`)
  ).rows;

beforeAll(async () => {
  await seedAlarmRules(db);
});

describe('partitions', () => {
  it('stores a reading of this month in its month partition and one beyond the partitions in the default one, moved out when its month is created', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000 - MINUTE);
    const old = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 15, 8, 0, 0));
    const response = await post(sensor.token, { readings: [{ sensorId: sensor.id, observedAt: now.toISOString(), value: 0.3 }, { sensorId: sensor.id, observedAt: old.toISOString(), value: 0.31 }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0 });
    const month = (d: Date) => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(await readingPartitionOf(db, sensor.id, now)).toBe(`sensors_readings_p${month(now)}`);
    expect(await readingPartitionOf(db, sensor.id, old)).toBe('sensors_readings_default');
    // The app role creates the month through the owner's SECURITY DEFINER function; the row moves with it.
    await db.execute(sql`SELECT sensors_create_reading_partitions(${old.toISOString()}::timestamptz, ${new Date(old.getTime() + 1000).toISOString()}::timestamptz)`);
    expect(await readingPartitionOf(db, sensor.id, old)).toBe(`sensors_readings_p${month(old)}`);
    expect(await countOf(sensor.id)).toBe(2);
  });

  it('refuses to drop partitions newer than 28 days', async () => {
    await expect(db.execute(sql`SELECT sensors_drop_reading_partitions(now())`)).rejects.toThrow();
  });
});

describe('idempotency and authentication', () => {
  it('accepts N then counts the same N as duplicates, storing N rows', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const batch = readingsOf(sensor.id, Date.now() - 200 * MINUTE, Array.from({ length: 100 }, (_, i) => 0.3 + i / 10_000));
    expect(await (await post(sensor.token, batch)).json()).toEqual({ accepted: 100, duplicates: 0 });
    expect(await (await post(sensor.token, batch)).json()).toEqual({ accepted: 0, duplicates: 100 });
    expect(await countOf(sensor.id)).toBe(100);
  });

  it('answers 401 without or with an unknown token, 403 for another device’s sensor, and stores nothing', async () => {
    const mine = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const other = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const batch = readingsOf(other.id, Date.now() - 10 * MINUTE, [1, 2]);
    expect((await post(null, batch)).status).toBe(401);
    expect((await post(`gts_${'A'.repeat(43)}`, batch)).status).toBe(401);
    expect((await post('not-a-token', batch)).status).toBe(401);
    expect((await post(mine.token, batch)).status).toBe(403);
    // A mixed batch (own + foreign sensor) is refused whole.
    const mixed = { readings: [...readingsOf(mine.id, Date.now() - 10 * MINUTE, [1]).readings, ...batch.readings] };
    expect((await post(mine.token, mixed)).status).toBe(403);
    expect(await countOf(other.id)).toBe(0);
    expect(await countOf(mine.id)).toBe(0);
  });

  it('lets a gateway write its sensors only', async () => {
    const gateway = await createTestGateway(db, TEST_REGIONS.donghu);
    const assigned = await createTestSensor(db, TEST_REGIONS.donghu, 'water-level', { gatewayId: gateway.id, withToken: false });
    const stranger = await createTestSensor(db, TEST_REGIONS.donghu, 'water-level');
    expect(await (await post(gateway.token, readingsOf(assigned.id, Date.now() - 5 * MINUTE, [2.5, 2.4]))).json()).toEqual({ accepted: 2, duplicates: 0 });
    expect((await post(gateway.token, readingsOf(stranger.id, Date.now() - 5 * MINUTE, [2.5]))).status).toBe(403);
    expect(await countOf(stranger.id)).toBe(0);
  });
});

describe('limits and hostile input', () => {
  it('answers 413 past 5 000 readings or 1 MiB and stores nothing', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'flow');
    const tooMany = readingsOf(sensor.id, Date.now() - 6000 * 1000, Array.from({ length: 5001 }, () => 1), 1000);
    expect((await post(sensor.token, tooMany)).status).toBe(413);
    const padded = `${JSON.stringify(readingsOf(sensor.id, Date.now() - MINUTE, [1])).slice(0, -1)}${' '.repeat(1024 ** 2)}}`;
    expect((await post(sensor.token, padded)).status).toBe(413);
    expect(await countOf(sensor.id)).toBe(0);
  });

  it('refuses NaN, 1e308, ±Infinity, strings, far-future and too-old times, extra fields — nothing stored', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const at = new Date(Date.now() - MINUTE).toISOString();
    const one = (reading: Record<string, unknown>) => ({ readings: [{ sensorId: sensor.id, observedAt: at, value: 1, ...reading }] });
    const cases: [string, unknown, number][] = [
      ['NaN (not JSON)', `{"readings":[{"sensorId":"${sensor.id}","observedAt":"${at}","value":NaN}]}`, 400],
      ['1e999 (Infinity)', `{"readings":[{"sensorId":"${sensor.id}","observedAt":"${at}","value":1e999}]}`, 400],
      ['1e308', one({ value: 1e308 }), 400],
      ['-1 %LEL', one({ value: -1 }), 400],
      ['string value', one({ value: '12' }), 400],
      ['null value', one({ value: null }), 400],
      ['far future', one({ observedAt: new Date(Date.now() + 10 * MINUTE).toISOString() }), 400],
      ['year 275760', one({ observedAt: '+275760-09-13T00:00:00Z' }), 400],
      ['no offset', one({ observedAt: at.slice(0, 19) }), 400],
      ['older than retention', one({ observedAt: new Date(Date.now() - 37 * 31 * 24 * 3600_000).toISOString() }), 400],
      ['extra field', one({ extra: 1 }), 400],
      ['not an array', { readings: 'x' }, 400],
      ['empty', { readings: [] }, 400],
      ['sensorId not a uuid', one({ sensorId: "1' OR 1=1" }), 400],
    ];
    for (const [name, body, status] of cases) expect((await post(sensor.token, body)).status, name).toBe(status);
    expect(await countOf(sensor.id)).toBe(0);
  });

  it('answers 429 past the per-token request budget', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'noise');
    const tight = { ...SETTINGS, SENSORS_INGEST_REQUESTS_PER_MINUTE: 2 };
    const batch = readingsOf(sensor.id, Date.now() - 10 * MINUTE, [40]);
    expect((await post(sensor.token, batch, tight)).status).toBe(200);
    expect((await post(sensor.token, batch, tight)).status).toBe(200);
    const third = await post(sensor.token, batch, tight);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('alarms from ingest', () => {
  it('gas: 12 → level 1, 22 → level 2 (20 %LEL), 36 → level 3 (35 %LEL) on ONE open alarm, deadline shortened', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const t0 = Date.now() - 120 * MINUTE;
    // 20 min apart: longer than the 10 min rate window, so only the threshold rule speaks.
    expect(await (await post(sensor.token, readingsOf(sensor.id, t0, [5, 12], 20 * MINUTE))).json()).toEqual({ accepted: 2, duplicates: 0 });
    let alarms = await openAlarms(sensor.id);
    expect(alarms.map((a) => [a.code, a.level, a.value])).toEqual([['gas-lel', 1, 12]]);
    await post(sensor.token, readingsOf(sensor.id, t0 + 40 * MINUTE, [22], 20 * MINUTE));
    await post(sensor.token, readingsOf(sensor.id, t0 + 60 * MINUTE, [36, 30], 20 * MINUTE));
    alarms = await openAlarms(sensor.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ code: 'gas-lel', level: 3, value: 36, last_value: 30, status: 'pending' });
    const firstSeen = new Date(alarms[0].first_seen_at).getTime();
    expect(firstSeen).toBe(t0 + 20 * MINUTE);
    // Level 3 must be closed within 30 min of the first sighting (it was 24 h at level 1).
    expect(new Date(alarms[0].deadline_at).getTime() - firstSeen).toBe(30 * MINUTE);
    // Replaying a batch changes nothing.
    expect(await (await post(sensor.token, readingsOf(sensor.id, t0 + 60 * MINUTE, [36, 30], 20 * MINUTE))).json()).toEqual({ accepted: 0, duplicates: 2 });
    expect(await openAlarms(sensor.id)).toHaveLength(1);
  });

  it('gas rising 5 → 8 %LEL in one minute = +3 %LEL/min: rate rule level 1 (≥ 2/min), no threshold alarm', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    await post(sensor.token, readingsOf(sensor.id, Date.now() - 30 * MINUTE, [5, 8]));
    const alarms = await openAlarms(sensor.id);
    expect(alarms.map((a) => [a.code, a.level, a.value])).toEqual([['gas-lel-rising', 1, 3]]);
  });

  it('water pressure 0.15 / 0.13 / 0.09 MPa: low-pressure levels 1 / 2 / 3 (CJJ 207-2013 0.14 MPa) on separate sensors', async () => {
    for (const [value, level] of [[0.15, 1], [0.13, 2], [0.09, 3]] as const) {
      const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
      await post(sensor.token, readingsOf(sensor.id, Date.now() - 30 * MINUTE, [value]));
      expect((await openAlarms(sensor.id)).map((a) => [a.code, a.level])).toEqual([['water-pressure-low', level]]);
    }
  });

  it('noise 60 dB(A): nothing at 10:00 local (day limit 70), level 2 at 23:00 local (night limit 55, +5)', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'noise');
    const day = new Date();
    day.setUTCDate(day.getUTCDate() - 1);
    const at = (hourLocal: number) => Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourLocal - 8, 0, 0);
    await post(sensor.token, readingsOf(sensor.id, at(10), [60]));
    expect(await openAlarms(sensor.id)).toEqual([]);
    await post(sensor.token, readingsOf(sensor.id, at(23), [60]));
    expect((await openAlarms(sensor.id)).map((a) => [a.code, a.level])).toEqual([['noise-night', 2]]);
  });
});

describe('throughput', () => {
  it('ingests 10 batches of 5 000 readings through the handler (figure printed)', async () => {
    const gateway = await createTestGateway(db, TEST_REGIONS.donghu);
    const sensors = await Promise.all(Array.from({ length: 50 }, () => createTestSensor(db, TEST_REGIONS.donghu, 'flow', { gatewayId: gateway.id, withToken: false })));
    const start0 = Date.now() - 3 * 24 * 3600_000;
    const batches = Array.from({ length: 10 }, (_, b) => ({
      readings: Array.from({ length: 5000 }, (_, i) => ({ sensorId: sensors[i % 50].id, observedAt: new Date(start0 + (b * 100 + Math.floor(i / 50)) * 1000).toISOString(), value: 100 + (i % 7) })),
    }));
    const started = performance.now();
    for (const batch of batches) expect(await (await post(gateway.token, batch)).json()).toEqual({ accepted: 5000, duplicates: 0 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`sensors ingest: ${Math.round(50_000 / seconds)} readings/s (10 × 5 000-reading batches through ingestResponse, ${seconds.toFixed(2)} s)`);
    expect(seconds).toBeLessThan(30);
  });
});
