import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SensorType } from '@data/sensors/sensor-types';
import type { Db } from '@server/db/client';
import { defineJob } from '@server/jobs/job-handler';
import { sensorsAlarmRules } from '@server/db/schema/sensors';
import { noDataHits, rulesForSensor, type EvaluatedRule, type EvaluatedSensor } from './alarm-evaluation';
import { writeAlarmHits, type AlarmWriteResult } from './alarm-store';
import { pgArrayLiteral } from './pg-array';

/**
 * No-data alarms (离线告警): a sensor that stopped sending is an alarm of its own — a silent gas detector is as
 * dangerous as a loud one. Readings cannot raise it (there are none), so the worker checks on a clock:
 * `sensors.check-no-data` runs every minute (pg-boss cron, one run per minute across all workers) and writes a hit
 * for every active sensor whose newest reading — or, never having sent one, its registration — is older than a
 * level of its type's `no-data` rule (thresholds in seconds, data/sensors/alarm-rules.ts). The open alarm's level
 * rises as the silence grows; it stays open after the sensor resumes until an inspector closes it (闭环 / 误报),
 * like every other alarm.
 */

/** Sensors read per page (bounds one statement and one alarm write). */
export const NO_DATA_PAGE_SIZE = 5000;

type SilentSensorRow = {
  id: string;
  type: SensorType;
  region_code: string;
  asset_kind: string | null;
  last_observed_at: string | null;
  last_value: number | null;
  created_at: string;
};

/**
 * Checks every active sensor against the enabled no-data rules at `nowMs` and writes the hits (one transaction per
 * page of {@link NO_DATA_PAGE_SIZE} sensors, keyset-paged by id).
 * @param nowMs the clock, ms since the epoch (injected for tests)
 * @returns alarms opened and updated, sensors checked
 */
export async function checkNoData(db: Db, nowMs: number, pageSize = NO_DATA_PAGE_SIZE): Promise<AlarmWriteResult & { checked: number }> {
  const rules = (await db.select().from(sensorsAlarmRules).where(sql`${sensorsAlarmRules.isEnabled} AND ${sensorsAlarmRules.kind} = 'no-data'`)) satisfies (EvaluatedRule & {
    sensorType: SensorType;
  })[];
  const total = { opened: 0, updated: 0, checked: 0 };
  if (rules.length === 0) return total;
  // The smallest level-1 silence of any rule: sensors heard from more recently cannot break one, so they are skipped in SQL.
  const shortestS = Math.min(...rules.map((rule) => Math.min(...[rule.level1, rule.level2, rule.level3].filter((s): s is number => s !== null))));
  const silentSince = new Date(nowMs - shortestS * 1000).toISOString();
  const types = [...new Set(rules.map((rule) => rule.sensorType))];
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await db.execute<SilentSensorRow>(sql`
      SELECT id, type, region_code, asset_kind, last_observed_at, last_value, created_at
        FROM sensors_devices
       WHERE is_active AND id > ${afterId}::uuid AND type = ANY(${pgArrayLiteral(types)}::text[])
         AND COALESCE(last_observed_at, created_at) <= ${silentSince}::timestamptz
       ORDER BY id LIMIT ${pageSize}`);
    if (rows.length === 0) return total;
    afterId = rows[rows.length - 1].id;
    const sensors = rows.map((row) => ({
      id: row.id,
      type: row.type,
      regionCode: row.region_code,
      assetKind: row.asset_kind,
      lastObservedAt: row.last_observed_at === null ? null : new Date(row.last_observed_at),
      lastValue: row.last_value,
      createdAt: new Date(row.created_at),
    }));
    const byId = new Map(sensors.map((sensor) => [sensor.id, sensor]));
    const rulesOf = (sensor: EvaluatedSensor) => rulesForSensor(rules.filter((rule) => rule.sensorType === byId.get(sensor.id)!.type), sensor);
    const hits = noDataHits(sensors, rulesOf, nowMs);
    const written = await db.transaction((tx) => writeAlarmHits(tx, hits, (sensorId) => byId.get(sensorId)!.regionCode));
    total.opened += written.opened;
    total.updated += written.updated;
    total.checked += rows.length;
    if (rows.length < pageSize) return total;
  }
}

/** `sensors.check-no-data`, every minute (cron in China Standard Time, see server/jobs/queue.ts). */
export const CHECK_NO_DATA_JOB = defineJob({
  queue: 'sensors.check-no-data',
  payloadSchema: z.object({}).strict(),
  // A run reads the sensors once; a minute later the next one repeats it, so a failed run is not worth a retry.
  policy: { expireInSeconds: 300, retryLimit: 0 },
  cron: '* * * * *',
  async run(_payload, ctx) {
    const result = await checkNoData(ctx.db, Date.now());
    if (result.opened) ctx.logger.info(`sensors.check-no-data: checked=${result.checked} opened=${result.opened} updated=${result.updated}`);
    return result;
  },
});
