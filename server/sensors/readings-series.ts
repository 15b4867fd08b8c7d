import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
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

/** A sensor's readings over a window, in bins of `binSeconds` (1 s at least) starting at `from`. */
export interface Series {
  sensorId: string;
  unit: string;
  binSeconds: number;
  points: SeriesPoint[];
}

/**
 * A sensor's readings in [from, to), downsampled server-side to at most `maxPoints` bins with `date_bin`:
 * bin width = ceil((to − from) / maxPoints) seconds (at least 1 s), bins aligned on `from`, each with the mean,
 * minimum and maximum of its readings (empty bins are left out, so a chart shows gaps). Reads only the partitions
 * of the window (partition pruning on observed_at).
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
  return { sensorId: sensor.id, unit: sensor.unit, binSeconds, points: rows.map((row) => ({ t: new Date(row.t), avg: row.avg, min: row.min, max: row.max, count: row.count })) };
}
