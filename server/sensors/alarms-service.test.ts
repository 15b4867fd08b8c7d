import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { alarmById, listAlarms, transitionAlarm } from './alarms-service';
import { deviceById, listDevices } from './devices-service';
import { readingsSeries } from './readings-series';
import { seedAlarmRules } from './seed-sensors';
import { createTestAlarm, createTestSensor } from './test-fixtures';

/** The alarm workflow, region scope and downsampled series against the real database. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
beforeAll(() => ensureTestRegions(db));

describe('alarm workflow', () => {
  it('moves pending → dispatched → handling → closed, each audited with its note; refuses other moves and stale versions', async () => {
    const { actor } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const { alarmId } = await createTestAlarm(db, TEST_REGIONS.donghu);
    await expect(transitionAlarm(db, actor, { id: alarmId, version: 1, to: 'closed', note: '直接闭环' })).rejects.toThrow(/cannot move to closed/);
    await expect(transitionAlarm(db, actor, { id: alarmId, version: 1, to: 'handling', note: 'x' })).rejects.toThrow(/cannot move/);
    const dispatched = await transitionAlarm(db, actor, { id: alarmId, version: 1, to: 'dispatched', note: '已推送燃气公司' });
    expect(dispatched).toMatchObject({ status: 'dispatched', version: 2, assigneeId: null });
    await expect(transitionAlarm(db, actor, { id: alarmId, version: 1, to: 'handling', note: 'stale' })).rejects.toThrow(/changed since version 1/);
    const handling = await transitionAlarm(db, actor, { id: alarmId, version: 2, to: 'handling', note: '抢修队到场' });
    expect(handling).toMatchObject({ status: 'handling', assigneeId: actor.userId });
    const closed = await transitionAlarm(db, actor, { id: alarmId, version: 3, to: 'closed', note: '已通风，复测 0 %LEL' });
    expect(closed.notes.map((n) => [n.from, n.to, n.note])).toEqual([
      ['pending', 'dispatched', '已推送燃气公司'],
      ['dispatched', 'handling', '抢修队到场'],
      ['handling', 'closed', '已通风，复测 0 %LEL'],
    ]);
    await expect(transitionAlarm(db, actor, { id: alarmId, version: 4, to: 'false-alarm', note: 'x' })).rejects.toThrow(/cannot move/);
    const audit = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'sensors_alarms'), eq(accountsAuditLog.recordId, alarmId)));
    expect(audit.map((row) => (row.after as { status: string }).status).sort()).toEqual(['closed', 'dispatched', 'handling']);
    expect(audit.every((row) => row.actorId === actor.userId && row.recordRegionCode === TEST_REGIONS.donghu)).toBe(true);
  });

  it('marks a pending alarm as a false alarm; a new breach can open a new alarm afterwards', async () => {
    const { actor } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const { alarmId } = await createTestAlarm(db, TEST_REGIONS.donghu);
    expect(await transitionAlarm(db, actor, { id: alarmId, version: 1, to: 'false-alarm', note: '传感器校准中' })).toMatchObject({ status: 'false-alarm' });
  });
});

describe('region scope', () => {
  it('a 南昌 inspector sees no 九江 sensor or alarm; the province sees both', async () => {
    const { actor: nanchang } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const { actor: province } = await createTestAccount(db, 'inspector', TEST_REGIONS.province);
    const a = await createTestAlarm(db, TEST_REGIONS.donghu);
    const b = await createTestAlarm(db, TEST_REGIONS.lianxi);
    const sensorIds = (await listDevices(db, nanchang, undefined)).map((s) => s.id);
    expect(sensorIds).toContain(a.sensorId);
    expect(sensorIds).not.toContain(b.sensorId);
    const alarmIds = (await listAlarms(db, nanchang, { status: ['pending'] })).map((x) => x.id);
    expect(alarmIds).toContain(a.alarmId);
    expect(alarmIds).not.toContain(b.alarmId);
    await expect(deviceById(db, nanchang, b.sensorId)).rejects.toThrow(/not found/);
    await expect(alarmById(db, nanchang, b.alarmId)).rejects.toThrow(/not found/);
    await expect(transitionAlarm(db, nanchang, { id: b.alarmId, version: 1, to: 'dispatched', note: 'x' })).rejects.toThrow(/not found/);
    expect((await listAlarms(db, province, {})).map((x) => x.id)).toEqual(expect.arrayContaining([a.alarmId, b.alarmId]));
    expect((await alarmById(db, province, b.alarmId)).thresholdSource).toMatch(/20 %LEL/);
  });
});

describe('downsampled series', () => {
  it('bins 3 000 one-minute readings into ≤ 100 bins of 30 min with hand-computed mean/min/max', async () => {
    const { actor } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const from = new Date(Date.UTC(2026, 0, 10, 0, 0, 0));
    // value = minute index / 1000 MPa: bin k (30 readings) has mean (30k + 14.5)/1000, min 30k/1000, max (30k+29)/1000.
    await db.execute(sql`INSERT INTO sensors_readings (sensor_id, observed_at, value)
      SELECT ${sensor.id}::uuid, ${from.toISOString()}::timestamptz + make_interval(mins => i), i / 1000.0 FROM generate_series(0, 2999) AS i`);
    const to = new Date(from.getTime() + 3000 * 60_000);
    const series = await readingsSeries(db, actor, { sensorId: sensor.id, from, to, maxPoints: 100 });
    expect(series.binSeconds).toBe(1800);
    expect(series.points).toHaveLength(100);
    expect(series.points[0]).toMatchObject({ t: from, count: 30, min: 0, max: 0.029 });
    expect(series.points[0].avg).toBeCloseTo(0.0145, 9);
    expect(series.points[99].avg).toBeCloseTo((30 * 99 + 14.5) / 1000, 9);
    const capped = await readingsSeries(db, actor, { sensorId: sensor.id, from, to, maxPoints: 1000 });
    expect(capped.points.length).toBeLessThanOrEqual(1000);
    expect(capped.points.reduce((n, p) => n + p.count, 0)).toBe(3000);
  });

  it('gives the threshold levels of the rules that apply (chart lines): water-pressure low and high, no rate rule', async () => {
    await seedAlarmRules(db);
    const { actor } = await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang);
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const series = await readingsSeries(db, actor, { sensorId: sensor.id, from: new Date(Date.now() - 3600_000), to: new Date(), maxPoints: 10 });
    expect(series.points).toEqual([]);
    expect(series.thresholds.map((t) => [t.ruleCode, t.direction, t.level, t.value]).sort()).toEqual([
      ['water-pressure-high', 'above', 1, 0.6],
      ['water-pressure-high', 'above', 2, 0.7],
      ['water-pressure-high', 'above', 3, 0.8],
      ['water-pressure-low', 'below', 1, 0.16],
      ['water-pressure-low', 'below', 2, 0.14],
      ['water-pressure-low', 'below', 3, 0.1],
    ]);
  });
});
