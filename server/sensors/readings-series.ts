import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { sensorsAlarmRules } from '@server/db/schema/sensors';
import { rulesForSensor } from './alarm-evaluation';
import { deviceById } from './devices-service';
import type { seriesInput } from './inputs';

/** One bin of a downsampled series: bin start, mean/min/max of its readings (sensor unit), how many readings. */
export interface SeriesPoint {
  t: Date;
  avg: number;
  min: number;
  max: number;
  count: number;
}

/** One level of a threshold rule that applies to the sensor (a line on its chart). */
export interface SeriesThreshold {
  ruleCode: string;
  ruleName: string;
  /** `above`: an alarm when a reading is at or above `value`; `below`: at or below. */
  direction: 'above' | 'below';
  level: 1 | 2 | 3;
  /** In the sensor's unit. */
  value: number;
}

/** A sensor's readings over a window, in bins of `binSeconds` (1 s at least) starting at `from`. */
export interface Series {
  sensorId: string;
  unit: string;
  binSeconds: number;
  points: SeriesPoint[];
  /** The enabled threshold rules of the sensor's type that apply to it (data/sensors/alarm-rules.ts), per level. */
  thresholds: SeriesThreshold[];
}

/**
 * A sensor's readings in [from, to), downsampled server-side to at most `maxPoints` bins with `date_bin`:
 * bin width = ceil((to − from) / maxPoints) seconds (at least 1 s), bins aligned on `from`, each with the mean,
 * minimum and maximum of its readings (empty bins are left out, so a chart shows gaps). Reads only the partitions
 * of the window (partition pruning on observed_at). Also gives the levels of the threshold rules that apply to the
 * sensor (`rulesForSensor`: rules naming its asset kind before general ones), for threshold lines.
 * @throws {NotFoundError} when the sensor is outside the actor's scope
 * @see https://www.postgresql.org/docs/15/functions-datetime.html#FUNCTIONS-DATETIME-BIN
 */
export async function readingsSeries(db: Db, actor: Actor, input: z.output<typeof seriesInput>): Promise<Series> {
  const sensor = await deviceById(db, actor, input.sensorId);
  const binSeconds = Math.max(1, Math.ceil((input.to.getTime() - input.from.getTime()) / 1000 / input.maxPoints));
  const { rows } = await db.execute<{ t: string; avg: number; min: number; max: number; count: number }>(sql`
    SELECT date_bin(make_interval(secs => ${binSeconds}), observed_at, ${input.from.toISOString()}::timestamptz) AS t,
           avg(value) AS avg, min(value) AS min, max(value) AS max, count(*)::int AS count
      FROM sensors_readings
     WHERE sensor_id = ${input.sensorId} AND observed_at >= ${input.from.toISOString()}::timestamptz AND observed_at < ${input.to.toISOString()}::timestamptz
     GROUP BY 1 ORDER BY 1`);
  const rules = await db
    .select()
    .from(sensorsAlarmRules)
    .where(sql`${sensorsAlarmRules.isEnabled} AND ${sensorsAlarmRules.kind} = 'threshold' AND ${sensorsAlarmRules.sensorType} = ${sensor.type}`);
  const thresholds = rulesForSensor(rules, sensor).flatMap((rule) =>
    ([1, 2, 3] as const).flatMap((level) => {
      const value = rule[`level${level}`];
      return value === null ? [] : [{ ruleCode: rule.code, ruleName: rule.name, direction: rule.direction as 'above' | 'below', level, value }];
    }),
  );
  return { sensorId: sensor.id, unit: sensor.unit, binSeconds, points: rows.map((row) => ({ t: new Date(row.t), avg: row.avg, min: row.min, max: row.max, count: row.count })), thresholds };
}
