import { sql } from 'drizzle-orm';
import { ALARM_DEADLINE_MINUTES } from '@data/sensors/alarm-rules';
import type { Db } from '@server/db/client';
import type { AlarmHit } from './alarm-evaluation';
import { notifyAlarms } from './live-notify';
import { pgArrayLiteral } from './pg-array';

/** What writing a batch's hits did. */
export interface AlarmWriteResult {
  /** New alarms (待研判 pending). */
  opened: number;
  /** Open alarms whose last sighting (and maybe level) was updated. */
  updated: number;
}

/**
 * Writes alarm hits in the caller's transaction: a new `pending` alarm per sensor × rule without an open one, else
 * the open alarm's last sighting, last value and level (never lowered) are updated; its deadline moves earlier when
 * the level rises (first seen + the level's time limit, data/sensors/alarm-rules.ts `ALARM_DEADLINE_MINUTES`), and
 * so does its `version`: a workflow move decided on the lower level is refused as stale (./alarms-service.ts). The
 * partial unique index `sensors_alarms_open_uq` keeps one open alarm per sensor × rule even under concurrent batches.
 * The written alarms are announced on the live channel at commit (./live-notify.ts).
 * @param db the ingest transaction
 * @param regionOf the region code of each hit's sensor
 */
export async function writeAlarmHits(db: Db, hits: readonly AlarmHit[], regionOf: (sensorId: string) => string): Promise<AlarmWriteResult> {
  if (hits.length === 0) return { opened: 0, updated: 0 };
  const column = <T>(pick: (hit: AlarmHit) => T) => hits.map(pick);
  const { rows } = await db.execute<{ inserted: boolean; id: string; sensor_id: string; region_code: string }>(sql`
    INSERT INTO sensors_alarms AS a (sensor_id, rule_id, region_code, level, value, last_value, first_seen_at, last_seen_at, deadline_at)
    SELECT h.sensor_id, h.rule_id, h.region_code, h.level, h.value, h.last_value, h.first_seen_at, h.last_seen_at,
           h.first_seen_at + make_interval(mins => h.deadline_min)
      FROM unnest(${pgArrayLiteral(column((h) => h.sensorId))}::uuid[], ${pgArrayLiteral(column((h) => h.ruleId))}::uuid[],
                  ${pgArrayLiteral(column((h) => regionOf(h.sensorId)))}::text[], ${pgArrayLiteral(column((h) => h.level))}::int[],
                  ${pgArrayLiteral(column((h) => h.value))}::float8[], ${pgArrayLiteral(column((h) => h.lastValue))}::float8[],
                  ${pgArrayLiteral(column((h) => new Date(h.firstSeenMs).toISOString()))}::timestamptz[],
                  ${pgArrayLiteral(column((h) => new Date(h.lastSeenMs).toISOString()))}::timestamptz[],
                  ${pgArrayLiteral(column((h) => ALARM_DEADLINE_MINUTES[h.level]))}::int[])
           AS h(sensor_id, rule_id, region_code, level, value, last_value, first_seen_at, last_seen_at, deadline_min)
    ON CONFLICT (sensor_id, rule_id) WHERE status IN ('pending', 'dispatched', 'handling') DO UPDATE SET
      level = GREATEST(a.level, EXCLUDED.level),
      value = CASE WHEN EXCLUDED.level > a.level THEN EXCLUDED.value ELSE a.value END,
      last_value = CASE WHEN EXCLUDED.last_seen_at >= a.last_seen_at THEN EXCLUDED.last_value ELSE a.last_value END,
      last_seen_at = GREATEST(a.last_seen_at, EXCLUDED.last_seen_at),
      deadline_at = CASE WHEN EXCLUDED.level > a.level
        THEN LEAST(a.deadline_at, a.first_seen_at + (EXCLUDED.deadline_at - EXCLUDED.first_seen_at)) ELSE a.deadline_at END,
      version = CASE WHEN EXCLUDED.level > a.level THEN a.version + 1 ELSE a.version END,
      updated_at = now()
    RETURNING (xmax = 0) AS inserted, a.id, a.sensor_id, a.region_code`);
  await notifyAlarms(db, rows.map((row) => ({ alarmId: row.id, sensorId: row.sensor_id, regionCode: row.region_code })));
  const opened = rows.filter((row) => row.inserted).length;
  return { opened, updated: rows.length - opened };
}
