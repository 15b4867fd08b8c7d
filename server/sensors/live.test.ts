import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { appRouter } from '@server/api/root';
import { createCallerFactory, createTrpcContext } from '@server/api/trpc';
import { connectTestDb } from '@server/db/test-database';
import { ingestReadings, type IngestLimits } from './ingest';
import { LiveHub, liveHubFor, type HubEvent } from './live-hub';
import { MAX_PAYLOAD_BYTES, notifyReadings, packPayloads, parseLivePayload } from './live-notify';
import { liveAlarms, liveReadings } from './live-subscriptions';
import { seedAlarmRules } from './seed-sensors';
import { createTestSensor } from './test-fixtures';

/** Live push against the real database: pg_notify at commit → LISTEN hub → region-scoped subscriptions. */

const connection = connectTestDb();
const db = connection.db;
const hub = liveHubFor(db);
afterAll(async () => {
  await hub.close();
  await connection.pool.end();
});
beforeAll(async () => {
  await ensureTestRegions(db);
  await seedAlarmRules(db);
});

const limits = (): IngestLimits => ({ maxReadings: 5_000, futureToleranceS: 300, retentionMonths: 12, nowMs: Date.now() });

/** Resolves with the iterator's next value, or `'timeout'` after `ms`. */
function nextWithin<T>(promise: Promise<IteratorResult<T>>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([promise.then((result) => result.value as T), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms))]);
}

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live payloads', () => {
  it('splits 5 000 sensors into payloads under the limit that decode back to the same set', () => {
    const entries = Array.from({ length: 5_000 }, (_, i) => [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, '360102']);
    const payloads = packPayloads('r', [...entries, entries[0]]);
    expect(payloads.length).toBeGreaterThan(30);
    expect(Math.max(...payloads.map((p) => Buffer.byteLength(p)))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const decoded = payloads.flatMap((p) => {
      const event = parseLivePayload(p);
      return event?.kind === 'readings' ? event.sensors.map((s) => s.sensorId) : [];
    });
    expect(decoded.length).toBe(5_000);
    expect(new Set(decoded).size).toBe(5_000);
  });

  it('ignores foreign or malformed payloads', () => {
    expect(parseLivePayload('hello')).toBeNull();
    expect(parseLivePayload('{"k":"x"}')).toBeNull();
    expect(parseLivePayload('{"k":"r","s":[["not-a-uuid","360102"],["00000000-0000-4000-8000-000000000001","36"]]}')).toEqual({ kind: 'readings', sensors: [] });
  });
});

describe('live subscriptions (real NOTIFY)', () => {
  it('a Nanchang inspector hears Nanchang readings and alarms, never Jiujiang ones; a Jiujiang inspector the reverse', async () => {
    const { actor: nanchang } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const { actor: jiujiang } = await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang);
    const abort = new AbortController();
    const readingsA = liveReadings(db, nanchang, abort.signal);
    const readingsB = liveReadings(db, jiujiang, abort.signal);
    const alarmsA = liveAlarms(db, nanchang, abort.signal);
    const alarmsB = liveAlarms(db, jiujiang, abort.signal);
    const nextA = readingsA.next();
    const nextB = readingsB.next();
    const nextAlarmA = alarmsA.next();
    const nextAlarmB = alarmsB.next();
    await until(() => hub.size >= 4 && hub.isListening, 'four subscribers listening');

    const donghuGas = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const lianxiGas = await createTestSensor(db, TEST_REGIONS.lianxi, 'gas');
    const at = new Date(Date.now() - 60_000);
    // Donghu (Nanchang) gas at 30 %LEL: a reading and a level-2 alarm (gas-lel: 20 %LEL).
    const written = await ingestReadings(db, { kind: 'sensor', id: donghuGas.id, regionCode: TEST_REGIONS.donghu }, [{ sensorId: donghuGas.id, observedAt: at, value: 30 }], limits());
    expect(written).toMatchObject({ accepted: 1, alarmsOpened: 1 });
    expect(await nextWithin(nextA, 3_000)).toEqual({ sensorIds: [donghuGas.id], resync: false });
    const alarmA = await nextWithin(nextAlarmA, 3_000);
    expect(alarmA).toMatchObject({ sensorIds: [donghuGas.id], resync: false });
    const [alarmRow] = (await db.execute<{ id: string }>(sql`SELECT id FROM sensors_alarms WHERE sensor_id = ${donghuGas.id}`)).rows;
    expect(alarmA !== 'timeout' && alarmA.alarmIds).toEqual([alarmRow.id]);

    // Jiujiang heard nothing of it; its own reading is the first thing it hears.
    await ingestReadings(db, { kind: 'sensor', id: lianxiGas.id, regionCode: TEST_REGIONS.lianxi }, [{ sensorId: lianxiGas.id, observedAt: at, value: 2 }], limits());
    expect(await nextWithin(nextB, 3_000)).toEqual({ sensorIds: [lianxiGas.id], resync: false });
    // …and Nanchang does not hear Jiujiang's; no alarm anywhere for a 2 %LEL reading.
    const laterA = readingsA.next();
    expect(await nextWithin(laterA, 700)).toBe('timeout');
    expect(await nextWithin(nextAlarmB, 300)).toBe('timeout');

    abort.abort();
    await Promise.all([laterA, nextAlarmB, readingsB.return(undefined), alarmsA.return(undefined)]);
    await until(() => hub.size === 0, 'subscribers gone after abort');
  });

  it('a second hub (another web server) hears the same commit; a rolled-back transaction notifies no one', async () => {
    const url = (db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
    const first = new LiveHub(url);
    const second = new LiveHub(url);
    const heard: [string, HubEvent][] = [];
    const stop1 = await first.subscribe((event) => heard.push(['first', event]));
    const stop2 = await second.subscribe((event) => heard.push(['second', event]));
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-level');
    await db
      .transaction(async (tx) => {
        await notifyReadings(tx, [{ sensorId: sensor.id, regionCode: TEST_REGIONS.donghu }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await ingestReadings(db, { kind: 'sensor', id: sensor.id, regionCode: TEST_REGIONS.donghu }, [{ sensorId: sensor.id, observedAt: new Date(Date.now() - 1_000), value: 0.5 }], limits());
    await until(() => heard.length >= 2, 'both hubs');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.map(([who, event]) => [who, event.kind === 'readings' ? event.sensors : event])).toEqual(
      expect.arrayContaining([
        ['first', [{ sensorId: sensor.id, regionCode: TEST_REGIONS.donghu }]],
        ['second', [{ sensorId: sensor.id, regionCode: TEST_REGIONS.donghu }]],
      ]),
    );
    // Exactly one readings event per hub: the rolled-back NOTIFY never arrived (alarm events of the reading aside).
    expect(heard.filter(([, event]) => event.kind === 'readings').length).toBe(2);
    stop1();
    stop2();
    await Promise.all([first.close(), second.close()]);
  });

  it('re-opens a lost LISTEN connection with backoff, tells subscribers to resync, and hears notifications again', async () => {
    const url = (db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
    const lonely = new LiveHub(url);
    const heard: HubEvent[] = [];
    const stop = await lonely.subscribe((event) => heard.push(event));
    expect(lonely.isListening).toBe(true);
    // Kill the hub's backend as a database restart or a network cut would (a role may terminate its own sessions).
    const pid = (lonely as unknown as { client: { processID: number } }).client.processID;
    const { rows } = await db.execute<{ ok: boolean }>(sql`SELECT pg_terminate_backend(${pid}::int) AS ok`);
    expect(rows[0].ok).toBe(true);
    await until(() => heard.some((event) => event.kind === 'resync'), 'resync after reconnect', 10_000);
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'noise');
    await ingestReadings(db, { kind: 'sensor', id: sensor.id, regionCode: TEST_REGIONS.donghu }, [{ sensorId: sensor.id, observedAt: new Date(Date.now() - 1_000), value: 50 }], limits());
    await until(() => heard.some((event) => event.kind === 'readings' && event.sensors.some((s) => s.sensorId === sensor.id)), 'a reading after reconnect');
    stop();
    await lonely.close();
  });

  it('refuses roles that do not watch sensors (tRPC FORBIDDEN) and anonymous callers (UNAUTHORIZED)', async () => {
    const { actor: planner } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const createCaller = createCallerFactory(appRouter);
    await expect(createCaller(createTrpcContext(db, planner)).sensors.live.readings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createCaller(createTrpcContext(db, null)).sensors.live.alarms()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
