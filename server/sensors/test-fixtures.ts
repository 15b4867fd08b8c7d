import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SensorType } from '@data/sensors/sensor-types';
import { SENSOR_TYPE_DEFINITIONS } from '@data/sensors/sensor-types';
import type { Db } from '@server/db/client';
import { sensorsAlarms, sensorsDevices, sensorsGateways } from '@server/db/schema/sensors';
import { newIngestToken } from './ingest-tokens';
import { seedAlarmRules } from './seed-sensors';

/** Test support of the `sensors` plate: sensors and gateways with tokens, and an open alarm, in chosen regions. */

/** Creates an active sensor with its own token (unless `gatewayId` is given and `withToken` false). */
export async function createTestSensor(
  db: Db,
  regionCode: string,
  type: SensorType = 'gas',
  { gatewayId = null, withToken = true, assetKind = null }: { gatewayId?: string | null; withToken?: boolean; assetKind?: string | null } = {},
): Promise<{ id: string; token: string | null }> {
  const token = withToken ? newIngestToken('sensor') : null;
  const [row] = await db
    .insert(sensorsDevices)
    .values({ code: `T-${randomUUID().slice(0, 13)}`, name: `test ${type}`, type, unit: SENSOR_TYPE_DEFINITIONS[type].unit, position: { type: 'Point', coordinates: [115.9, 28.68] }, regionCode, gatewayId, tokenSha256: token?.sha256 ?? null, assetKind })
    .returning({ id: sensorsDevices.id });
  return { id: row.id, token: token?.token ?? null };
}

/** Creates a gateway with its token. */
export async function createTestGateway(db: Db, regionCode: string): Promise<{ id: string; token: string }> {
  const token = newIngestToken('gateway');
  const [row] = await db.insert(sensorsGateways).values({ code: `TG-${randomUUID().slice(0, 13)}`, name: 'test gateway', regionCode, tokenSha256: token.sha256 }).returning({ id: sensorsGateways.id });
  return { id: row.id, token: token.token };
}

/** Creates a gas sensor in `regionCode` with an open level-2 `gas-lel` alarm (default rules seeded). */
export async function createTestAlarm(db: Db, regionCode: string): Promise<{ sensorId: string; alarmId: string }> {
  await seedAlarmRules(db);
  const sensor = await createTestSensor(db, regionCode, 'gas');
  const [row] = await db
    .insert(sensorsAlarms)
    .values({
      sensorId: sensor.id,
      ruleId: sql`(SELECT id FROM sensors_alarm_rules WHERE code = 'gas-lel')`,
      regionCode,
      level: 2,
      value: 25,
      lastValue: 25,
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
      deadlineAt: new Date(Date.now() + 2 * 3600_000),
    })
    .returning({ id: sensorsAlarms.id });
  return { sensorId: sensor.id, alarmId: row.id };
}
