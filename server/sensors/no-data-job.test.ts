import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { sensorsAlarms, sensorsDevices } from '@server/db/schema/sensors';
import { CRON_TIME_ZONE, startBoss, stopBoss } from '@server/jobs/queue';
import { CHECK_NO_DATA_JOB, checkNoData } from './no-data-job';
import { MAINTAIN_PARTITIONS_JOB } from './maintain-partitions-job';
import { seedAlarmRules } from './seed-sensors';
import { createTestSensor } from './test-fixtures';

/** No-data (sensor silent) alarms against the real database, and the worker's clock that runs them. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
beforeAll(async () => {
  await ensureTestRegions(db);
  await seedAlarmRules(db);
});

const MINUTE = 60_000;

/** A sensor whose newest reading is `silentMin` minutes before `nowMs` (null = never sent, registered `createdMinAgo` ago). */
async function sensorSilentFor(nowMs: number, silentMin: number | null, { createdMinAgo = 24 * 60, isActive = true } = {}): Promise<string> {
  const { id } = await createTestSensor(db, TEST_REGIONS.donghu, 'water-level');
  await db
    .update(sensorsDevices)
    .set({
      createdAt: new Date(nowMs - createdMinAgo * MINUTE),
      lastObservedAt: silentMin === null ? null : new Date(nowMs - silentMin * MINUTE),
      lastValue: silentMin === null ? null : 0.4,
      isActive,
    })
    .where(eq(sensorsDevices.id, id));
  return id;
}

async function openAlarmsOf(sensorId: string) {
  return db
    .select({ level: sensorsAlarms.level, value: sensorsAlarms.value, status: sensorsAlarms.status, regionCode: sensorsAlarms.regionCode })
    .from(sensorsAlarms)
    .where(sql`${sensorsAlarms.sensorId} = ${sensorId} AND ${sensorsAlarms.status} IN ('pending', 'dispatched', 'handling')`);
}

describe('checkNoData', () => {
  it('opens level 1 after 30 min of silence and level 2 after 2 h (data/sensors/alarm-rules.ts); fresh and retired sensors stay quiet', async () => {
    const nowMs = Date.now();
    const silent40 = await sensorSilentFor(nowMs, 40);
    const fresh = await sensorSilentFor(nowMs, 5);
    const neverSent = await sensorSilentFor(nowMs, null, { createdMinAgo: 180 });
    const justRegistered = await sensorSilentFor(nowMs, null, { createdMinAgo: 10 });
    const retired = await sensorSilentFor(nowMs, 600, { isActive: false });

    const result = await checkNoData(db, nowMs);
    expect(result.opened).toBeGreaterThanOrEqual(2);
    expect(await openAlarmsOf(silent40)).toEqual([{ level: 1, value: 40 * 60, status: 'pending', regionCode: TEST_REGIONS.donghu }]);
    expect(await openAlarmsOf(neverSent)).toEqual([{ level: 2, value: 180 * 60, status: 'pending', regionCode: TEST_REGIONS.donghu }]);
    expect(await openAlarmsOf(fresh)).toEqual([]);
    expect(await openAlarmsOf(justRegistered)).toEqual([]);
    expect(await openAlarmsOf(retired)).toEqual([]);

    // The silence goes on: the same alarm rises to level 2 (no second alarm), its value the longer silence.
    await checkNoData(db, nowMs + 90 * MINUTE);
    expect(await openAlarmsOf(silent40)).toEqual([{ level: 2, value: 130 * 60, status: 'pending', regionCode: TEST_REGIONS.donghu }]);
  });

  it('pages through the sensors by id: a page size of 1 finds the same silent sensors', async () => {
    const nowMs = Date.now();
    const a = await sensorSilentFor(nowMs, 45);
    const b = await sensorSilentFor(nowMs, 50);
    const result = await checkNoData(db, nowMs, 1);
    expect(result.checked).toBeGreaterThanOrEqual(2);
    expect((await openAlarmsOf(a)).map((alarm) => alarm.level)).toEqual([1]);
    expect((await openAlarmsOf(b)).map((alarm) => alarm.level)).toEqual([1]);
  });
});

describe('the worker clock', () => {
  it('registers the sensors cron jobs in China Standard Time when a worker starts with schedule: true', async () => {
    const boss = await startBoss(testDatabaseUrl(), [CHECK_NO_DATA_JOB, MAINTAIN_PARTITIONS_JOB], { supervise: false, schedule: true, maxConnections: 1 });
    try {
      const schedules = (await boss.getSchedules()).filter((s) => s.name.startsWith('sensors.'));
      expect(schedules.map((s) => [s.name, s.cron, s.options?.tz]).sort()).toEqual([
        ['sensors.check-no-data', '* * * * *', CRON_TIME_ZONE],
        ['sensors.maintain-partitions', '17 3 * * *', CRON_TIME_ZONE],
      ]);
    } finally {
      await stopBoss(boss, 1000);
    }
  });
});
