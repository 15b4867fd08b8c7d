import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { sensorsDevices, sensorsGateways } from '@server/db/schema/sensors';
import { ingestResponse } from './ingest-response';
import { ingestMqttMessage, redactBrokerUrl } from './mqtt-ingest';
import { seedAlarmRules } from './seed-sensors';
import type { SensorsEnv } from './sensors-env';
import { createTestAlarm, createTestGateway, createTestSensor } from './test-fixtures';

/**
 * Adversarial review of the `sensors` plate (物联感知 + 告警), 2026-12: ingest tokens aimed at other sensors,
 * hostile bodies and MQTT payloads, other cities' watchers and admins against the registry and the alarm
 * workflow, concurrent transitions. Each block names what it attacks; the tests that failed before a fix name the fix.
 */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

const SETTINGS: SensorsEnv = {
  SENSORS_INGEST_MAX_READINGS: 5000,
  SENSORS_INGEST_MAX_BYTES: 1024 ** 2,
  SENSORS_INGEST_REQUESTS_PER_MINUTE: 10_000,
  SENSORS_FUTURE_TOLERANCE_S: 300,
  SENSORS_READING_RETENTION_MONTHS: 36,
  SENSORS_PARTITION_MONTHS_AHEAD: 3,
};

function post(token: string | null, body: unknown): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return ingestResponse({ getDb: () => db, logger: SILENT_LOGGER, settings: SETTINGS }, new Request('http://localhost/api/sensors/readings', { method: 'POST', headers, body: text }));
}

/** Code of a thrown tRPC error, or 'ok'. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const at = (msAgo: number) => new Date(Math.floor((Date.now() - msAgo) / 1000) * 1000).toISOString();
const countOf = async (sensorId: string) => (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sensors_readings WHERE sensor_id = ${sensorId}`)).rows[0].n;
const suffix = () => Math.random().toString(36).slice(2, 10);

beforeAll(async () => {
  await ensureTestRegions(db);
  await seedAlarmRules(db);
});

describe('ingest tokens aimed at sensors that are not theirs', () => {
  it('refuses sensor X’s token for sensor Y, gateway A’s token for gateway B’s sensor, a retired sensor’s and a rotated token — nothing stored', async () => {
    const x = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const y = await createTestSensor(db, TEST_REGIONS.lianxi, 'gas');
    const gatewayA = await createTestGateway(db, TEST_REGIONS.nanchang);
    const gatewayB = await createTestGateway(db, TEST_REGIONS.jiujiang);
    const onB = await createTestSensor(db, TEST_REGIONS.lianxi, 'gas', { gatewayId: gatewayB.id, withToken: false });
    const reading = (sensorId: string) => ({ readings: [{ sensorId, observedAt: at(60_000), value: 1 }] });
    expect((await post(x.token, reading(y.id))).status).toBe(403);
    // Mixed batch: one own reading does not carry a foreign one.
    expect((await post(x.token, { readings: [...reading(x.id).readings, ...reading(y.id).readings] })).status).toBe(403);
    expect((await post(gatewayA.token, reading(onB.id))).status).toBe(403);
    // The same answer for an id that does not exist: no probing of other regions' sensors.
    const foreign = await (await post(x.token, reading(y.id))).json();
    const unknown = await (await post(x.token, reading('00000000-0000-4000-8000-000000000000'))).json();
    expect(foreign.error.replace(y.id, 'ID')).toBe(unknown.error.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    expect(await countOf(x.id)).toBe(0);
    expect(await countOf(y.id)).toBe(0);
    expect(await countOf(onB.id)).toBe(0);

    await db.update(sensorsDevices).set({ isActive: false }).where(eq(sensorsDevices.id, x.id));
    expect((await post(x.token, reading(x.id))).status).toBe(403);
    const admin = (await createTestAccount(db, 'admin', TEST_REGIONS.jiujiang)).actor;
    await callerOf(admin).sensors.devices.rotateToken({ id: y.id });
    expect((await post(y.token, reading(y.id))).status).toBe(401);
    // The same over MQTT.
    const payload = (token: string | null, sensorId: string) => new TextEncoder().encode(JSON.stringify({ token, ...reading(sensorId) }));
    expect(await ingestMqttMessage(db, payload(x.token, x.id), SETTINGS, Date.now())).toMatchObject({ kind: 'dropped' });
    expect(await ingestMqttMessage(db, payload(gatewayA.token, onB.id), SETTINGS, Date.now())).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/may not write/) });
    expect(await countOf(onB.id)).toBe(0);
  });
});

describe('ingest tokens against other sensors\' locks', () => {
  // Fixed: ingest locked every sensor a batch named (SELECT … FOR UPDATE) before checking that they were the
  // token's, so any token could take the row locks of other cities' sensors and stall their ingest (and wait on
  // them). It now locks only the token's own sensors.
  it('refuses a foreign sensor at once while that sensor is busy, without waiting for its lock', async () => {
    const own = await createTestSensor(db, TEST_REGIONS.donghu, 'gas');
    const foreign = await createTestSensor(db, TEST_REGIONS.lianxi, 'gas');
    const busy = await connection.pool.connect();
    try {
      await busy.query('BEGIN');
      await busy.query('SELECT id FROM sensors_devices WHERE id = $1 FOR UPDATE', [foreign.id]);
      const started = performance.now();
      const answer = await Promise.race([
        post(own.token, { readings: [{ sensorId: foreign.id, observedAt: at(60_000), value: 1 }] }).then((response) => response.status),
        new Promise((resolve) => setTimeout(() => resolve('waited'), 2000)),
      ]);
      expect(answer).toBe(403);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await busy.query('ROLLBACK');
      busy.release();
    }
  });
});

describe('hostile ingest bodies', () => {
  it('refuses prototype keys, huge/ non-finite numbers, numeric strings, far dates, and a deep JSON body with a 400; stores nothing', async () => {
    const s = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const ok = { sensorId: s.id, observedAt: at(60_000), value: 0.3 };
    const bodies: unknown[] = [
      `{"readings":[{"sensorId":"${s.id}","observedAt":"${ok.observedAt}","value":0.3,"__proto__":{"isAdmin":true}}]}`,
      `{"readings":[{"sensorId":"${s.id}","observedAt":"${ok.observedAt}","value":1e999}]}`,
      { readings: [{ ...ok, value: '0.3' }] },
      { readings: [{ ...ok, value: 1e308 }] },
      { readings: [{ ...ok, observedAt: '9999-12-31T23:59:59Z' }] },
      { readings: [{ ...ok, observedAt: '0001-01-01T00:00:00Z' }] },
      { readings: [{ ...ok, observedAt: '2026-13-45T99:99:99Z' }] },
      { readings: [{ ...ok, sensorId: `${s.id}'; DROP TABLE sensors_readings; --` }] },
      { readings: [{ ...ok, sensorId: '传感器' }] },
      `{"readings":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      { readings: {} },
    ];
    for (const body of bodies) {
      const response = await post(s.token, body);
      expect([400, 413], JSON.stringify(body).slice(0, 120)).toContain(response.status);
    }
    expect(await countOf(s.id)).toBe(0);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  // Fixed: an upper-case UUID (RFC 9562 says UUIDs are case-insensitive on input) was refused with 403 "may not
  // write sensor": the owned sensor was looked up by the text as sent.
  it('accepts its own sensor id in upper case', async () => {
    const s = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const response = await post(s.token, { readings: [{ sensorId: s.id.toUpperCase(), observedAt: at(60_000), value: 0.3 }] });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect(await countOf(s.id)).toBe(1);
  });
});

describe('registry: gateways of other regions and the demo gateway', () => {
  // Fixed: a sensor could be put on a gateway whose region does not cover the sensor's (a province admin's
  // slip): the gateway's holders — another city's admins, who rotate its token — could then write that city's
  // readings and raise or mask its alarms.
  it('refuses a 九江 sensor on a 南昌 gateway, even for a province admin', async () => {
    const province = (await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor;
    const gatewayA = await createTestGateway(db, TEST_REGIONS.nanchang);
    const create = (regionCode: string) =>
      callerOf(province).sensors.devices.create({ code: `ATK-${suffix()}`, name: '攻击', type: 'gas', position: [116.0, 29.67], regionCode, gatewayId: gatewayA.id });
    expect(await outcome(() => create(TEST_REGIONS.lianxi))).toBe('BAD_REQUEST');
    // A county sensor on its city's gateway is fine.
    expect(await outcome(() => create(TEST_REGIONS.donghu))).toBe('ok');
  });

  // Fixed: a real (non-demo) sensor could be put on the demo gateway, whose token sits in a local file of the
  // simulator: whoever reads that file could write the real sensor (demo-gateway.ts promises demo sensors only).
  it('refuses a non-demo sensor on the demo gateway', async () => {
    // A demo gateway of its own (ensureDemoGateway would re-issue the token demo-gateway.test.ts is checking).
    const demo = await createTestGateway(db, TEST_REGIONS.nanchang);
    await db.update(sensorsGateways).set({ isDemo: true }).where(eq(sensorsGateways.id, demo.id));
    const admin = (await createTestAccount(db, 'admin', TEST_REGIONS.nanchang)).actor;
    const create = (isDemo: boolean) =>
      callerOf(admin).sensors.devices.create({ code: `ATK-${suffix()}`, name: '攻击', type: 'gas', position: [115.9, 28.68], regionCode: TEST_REGIONS.donghu, gatewayId: demo.id, isDemo });
    expect(await outcome(() => create(false))).toBe('BAD_REQUEST');
    expect((await create(true)).sensor).toMatchObject({ gatewayId: demo.id, isDemo: true });
  });

  it('keeps tokens out of the audit log', async () => {
    const admin = (await createTestAccount(db, 'admin', TEST_REGIONS.nanchang)).actor;
    const gateway = await callerOf(admin).sensors.gateways.create({ code: `ATK-G-${suffix()}`, name: '网关', regionCode: TEST_REGIONS.nanchang });
    const { sensor, token } = await callerOf(admin).sensors.devices.create({ code: `ATK-${suffix()}`, name: '攻击', type: 'gas', position: [115.9, 28.68], regionCode: TEST_REGIONS.donghu, gatewayId: gateway.id });
    const rotated = await callerOf(admin).sensors.devices.rotateToken({ id: sensor.id });
    const { rows } = await db.execute<{ text: string }>(sql`SELECT row_to_json(a)::text AS text FROM ${accountsAuditLog} a WHERE a.record_id IN (${sensor.id}, ${gateway.id})`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const secret of [gateway.token, token!, rotated.token, gateway.token.slice(4, 20)]) expect(rows.map((row) => row.text).join('\n')).not.toContain(secret);
  });
});

describe('alarm workflow abuse', () => {
  it('lets exactly one of two inspectors racing on one version move an alarm; a replay changes nothing', async () => {
    const { alarmId } = await createTestAlarm(db, TEST_REGIONS.donghu);
    const one = callerOf((await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang)).actor);
    const two = callerOf((await createTestAccount(db, 'inspector', TEST_REGIONS.donghu)).actor);
    const results = await Promise.all([
      outcome(() => one.sensors.alarms.transition({ id: alarmId, version: 1, to: 'dispatched', note: '甲' })),
      outcome(() => two.sensors.alarms.transition({ id: alarmId, version: 1, to: 'false-alarm', note: '乙' })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'ok']);
    const alarm = await one.sensors.alarms.byId({ id: alarmId });
    expect(alarm.version).toBe(2);
    expect(alarm.notes).toHaveLength(1);
    // A replay of either move changes nothing (refused as a move from the new status, or as a stale version).
    for (const to of ['dispatched', 'false-alarm'] as const) {
      expect(await outcome(() => one.sensors.alarms.transition({ id: alarmId, version: 1, to, note: 'replay' }))).not.toBe('ok');
    }
    expect((await one.sensors.alarms.byId({ id: alarmId })).version).toBe(2);
  });

  // Fixed: an alarm's escalation by new readings (level 2 → 3) did not change its version, so an inspector could
  // mark it a false alarm, or close it, on the strength of the level-2 state read before — the level-3 sighting
  // then disappeared into a closed alarm. A rise of level now moves the version: the stale move is a CONFLICT.
  it('refuses a move based on a version read before the alarm escalated', async () => {
    const { alarmId, sensorId } = await createTestAlarm(db, TEST_REGIONS.donghu);
    const inspector = callerOf((await createTestAccount(db, 'inspector', TEST_REGIONS.donghu)).actor);
    expect(await inspector.sensors.alarms.byId({ id: alarmId })).toMatchObject({ level: 2, version: 1 });
    const gateway = await createTestGateway(db, TEST_REGIONS.donghu);
    await db.update(sensorsDevices).set({ gatewayId: gateway.id }).where(eq(sensorsDevices.id, sensorId));
    expect((await post(gateway.token, { readings: [{ sensorId, observedAt: at(30_000), value: 40 }] })).status).toBe(200);
    expect(await outcome(() => inspector.sensors.alarms.transition({ id: alarmId, version: 1, to: 'false-alarm', note: '误报（按 2 级判断）' }))).toBe('CONFLICT');
    const escalated = await inspector.sensors.alarms.byId({ id: alarmId });
    expect(escalated).toMatchObject({ level: 3, value: 40, status: 'pending' });
    // The same reading again (a duplicate) or a lower one changes nothing the inspector must see.
    expect((await post(gateway.token, { readings: [{ sensorId, observedAt: at(20_000), value: 25 }] })).status).toBe(200);
    expect((await inspector.sensors.alarms.byId({ id: alarmId })).version).toBe(escalated.version);
    expect(await outcome(() => inspector.sensors.alarms.transition({ id: alarmId, version: escalated.version, to: 'dispatched', note: '3 级，已推送' }))).toBe('ok');
  });

  it('hides a 九江 alarm from 南昌 watchers and admins: byId, transition and list answer as for a missing one', async () => {
    const { alarmId, sensorId } = await createTestAlarm(db, TEST_REGIONS.lianxi);
    for (const role of ['inspector', 'officer', 'admin'] as const) {
      const caller = callerOf((await createTestAccount(db, role, TEST_REGIONS.nanchang)).actor);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(await outcome(() => caller.sensors.alarms.byId({ id: alarmId }))).toBe('NOT_FOUND');
      expect(await outcome(() => caller.sensors.alarms.transition({ id: alarmId, version: 1, to: 'false-alarm', note: '越权' }))).toBe('NOT_FOUND');
      expect(await outcome(() => caller.sensors.alarms.transition({ id: missing, version: 1, to: 'false-alarm', note: '越权' }))).toBe('NOT_FOUND');
      expect(await caller.sensors.alarms.list({ sensorId })).toEqual([]);
      expect(await outcome(() => caller.sensors.readings.series({ sensorId, from: new Date(Date.now() - 3600_000), to: new Date() }))).toBe('NOT_FOUND');
    }
    for (const role of ['applicant', 'planner'] as const) {
      const caller = callerOf((await createTestAccount(db, role, TEST_REGIONS.jiujiang)).actor);
      expect(await outcome(() => caller.sensors.alarms.list())).toBe('FORBIDDEN');
    }
    expect(await outcome(() => callerOf(null).sensors.alarms.byId({ id: alarmId }))).toBe('UNAUTHORIZED');
  });
});

describe('secrets in logs', () => {
  // Fixed: `npm run simulate` printed MQTT_URL whole (credentials included) in its start line and in its
  // "cannot reach the MQTT broker" message; it now prints it as the consumer does, password masked.
  it('masks the broker password', () => {
    expect(redactBrokerUrl('mqtts://ingest:s3cr%40t@broker.example:8883')).toBe('mqtts://ingest:***@broker.example:8883');
    expect(redactBrokerUrl('mqtt://127.0.0.1:18830')).toBe('mqtt://127.0.0.1:18830');
    expect(redactBrokerUrl('not a url: s3cret')).toBe('the broker');
  });
});
