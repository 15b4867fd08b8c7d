import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { monthsBefore } from './ingest';

/**
 * Monthly partitions of `sensors_readings` (custom migration `sensors-readings`): creates those from last month to
 * `monthsAhead` months ahead (rows of those months move out of the default partition) and drops those entirely
 * older than the retention. Runs as the `sensors.maintain-partitions` job and in the plate's seed step; the SQL
 * functions run as the schema owner (SECURITY DEFINER).
 * @param retentionMonths months of readings kept (`SENSORS_READING_RETENTION_MONTHS`, default 36)
 * @param monthsAhead months created ahead (`SENSORS_PARTITION_MONTHS_AHEAD`, default 3)
 * @returns partitions created and dropped
 */
export async function maintainReadingPartitions(db: Db, nowMs: number, retentionMonths: number, monthsAhead: number): Promise<{ created: number; dropped: number }> {
  const from = monthsBefore(nowMs, 1).toISOString();
  const to = monthsBefore(nowMs, -(monthsAhead + 1)).toISOString();
  const { rows: created } = await db.execute<{ n: number }>(sql`SELECT sensors_create_reading_partitions(${from}::timestamptz, ${to}::timestamptz) AS n`);
  const before = monthsBefore(nowMs, retentionMonths).toISOString();
  const { rows: dropped } = await db.execute<{ n: number }>(sql`SELECT sensors_drop_reading_partitions(${before}::timestamptz) AS n`);
  return { created: created[0].n, dropped: dropped[0].n };
}

/** The partition holding a reading (`sensors_readings_pYYYYMM` or `sensors_readings_default`), null = not stored. */
export async function readingPartitionOf(db: Db, sensorId: string, observedAt: Date): Promise<string | null> {
  const { rows } = await db.execute<{ part: string }>(sql`
    SELECT tableoid::regclass::text AS part FROM sensors_readings WHERE sensor_id = ${sensorId} AND observed_at = ${observedAt.toISOString()}::timestamptz`);
  return rows[0]?.part ?? null;
}
