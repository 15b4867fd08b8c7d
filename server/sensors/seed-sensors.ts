import { DEFAULT_ALARM_RULES } from '@data/sensors/alarm-rules';
import { DEMO_SENSORS } from '@data/sensors/demo-sensors';
import { SENSOR_TYPE_DEFINITIONS } from '@data/sensors/sensor-types';
import type { Db } from '@server/db/client';
import { sensorsAlarmRules, sensorsDevices } from '@server/db/schema/sensors';

/**
 * Inserts the default alarm rules (data/sensors/alarm-rules.ts) that are absent, by code; a rule already in the
 * database (maybe tuned) is left as it is. Idempotent.
 * @returns rules inserted
 */
export async function seedAlarmRules(db: Db): Promise<number> {
  const rows = await db.insert(sensorsAlarmRules).values(DEFAULT_ALARM_RULES.map((rule) => ({ ...rule }))).onConflictDoNothing({ target: sensorsAlarmRules.code }).returning({ id: sensorsAlarmRules.id });
  return rows.length;
}

/**
 * Inserts the demo sensors of central Nanchang (data/sensors/demo-sensors.ts, `is_demo`) that are absent, by code.
 * They get no token (issue one to simulate). Idempotent.
 * @returns sensors inserted
 */
export async function seedDemoSensors(db: Db): Promise<number> {
  const rows = await db
    .insert(sensorsDevices)
    .values(DEMO_SENSORS.map((s) => ({ code: s.code, name: s.name, type: s.type, unit: SENSOR_TYPE_DEFINITIONS[s.type].unit, position: { type: 'Point' as const, coordinates: s.position }, assetKind: s.assetKind, assetId: s.assetId, regionCode: s.regionCode, isDemo: true })))
    .onConflictDoNothing({ target: sensorsDevices.code })
    .returning({ id: sensorsDevices.id });
  return rows.length;
}
