import { sql } from 'drizzle-orm';
import { SENSOR_TYPE_DEFINITIONS, type SensorType } from '@data/sensors/sensor-types';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { GeoLayerSource } from '@server/host/server-plate';
import { OPEN_ALARM_STATUSES, sensorsAlarms, sensorsDevices } from '@server/db/schema/sensors';
import { isSensorsWatcher } from './watcher-roles';

/**
 * The `sensors` plate's GeoJSON sources: `sensors-devices` — the active sensors of the caller's region (feature id =
 * sensor id) with code, name, type, unit, last value and time, the level of the open alarm and the state:
 * `alarm-<level>` (highest open alarm, 1–3), else `offline` (no reading yet, or the newest is older than the type's
 * `expectedIntervalS`, data/sensors/sensor-types.ts), else `normal`. Only the roles that watch sensors (./watcher-roles.ts)
 * get features; anonymous callers and other roles get an empty collection, as `sensors.devices.list` refuses them.
 */

/** States of a sensor on the layer (feature property `state`). */
export const SENSOR_STATES = ['normal', 'alarm-1', 'alarm-2', 'alarm-3', 'offline'] as const;
export type SensorState = (typeof SENSOR_STATES)[number];

const expectedIntervalS = sql.join(
  Object.entries(SENSOR_TYPE_DEFINITIONS).map(([type, definition]) => sql`WHEN ${type}::text THEN ${definition.expectedIntervalS}::double precision`),
  sql` `,
);

const openAlarmStatuses = sql.join(OPEN_ALARM_STATUSES.map((status) => sql`${status}::text`), sql`, `);

function sensorsDevicesQuery(actor: Actor | null, type: SensorType | null = null) {
  const scope = actor && isSensorsWatcher(actor.role) ? regionScopeSql(sensorsDevices.regionCode, actor.regionCode) : sql`false`;
  const visible = type === null ? scope : sql`${scope} AND ${sensorsDevices.type} = ${type} AND ${sensorsDevices.lastValue} IS NOT NULL`;
  return sql<string>`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
             'type', 'Feature', 'id', ${sensorsDevices.id},
             'geometry', ST_AsGeoJSON(${sensorsDevices.position}, 7)::json,
             'properties', json_build_object('code', ${sensorsDevices.code}, 'name', ${sensorsDevices.name},
               'type', ${sensorsDevices.type}, 'unit', ${sensorsDevices.unit},
               'lastValue', ${sensorsDevices.lastValue}, 'lastObservedAt', ${sensorsDevices.lastObservedAt},
               'alarmLevel', open_alarm.level,
               'state', CASE
                 WHEN open_alarm.level IS NOT NULL THEN 'alarm-' || open_alarm.level
                 WHEN ${sensorsDevices.lastObservedAt} IS NULL
                   OR ${sensorsDevices.lastObservedAt} < now() - make_interval(secs => CASE ${sensorsDevices.type} ${expectedIntervalS} ELSE 900 END)
                   THEN 'offline'
                 ELSE 'normal' END,
               'isDemo', ${sensorsDevices.isDemo}))
             ORDER BY ${sensorsDevices.code}), '[]'::json))::text AS body
      FROM ${sensorsDevices}
      LEFT JOIN LATERAL (
        SELECT max(${sensorsAlarms.level}) AS level FROM ${sensorsAlarms}
         WHERE ${sensorsAlarms.sensorId} = ${sensorsDevices.id} AND ${sensorsAlarms.status} IN (${openAlarmStatuses})
      ) AS open_alarm ON true
     WHERE ${sensorsDevices.isActive} AND ${visible}`;
}

/** The plate's GeoJSON sources by catalogue layer id (see module doc). */
export const SENSORS_GEO_LAYERS: Readonly<Record<string, GeoLayerSource>> = {
  'sensors-devices': { cache: 'private', query: (actor) => sensorsDevicesQuery(actor) },
  // The heat map's points: the water-level sensors with a last value (same scope rule and properties).
  'sensors-heat-water-level': { cache: 'private', query: (actor) => sensorsDevicesQuery(actor, 'water-level') },
};
