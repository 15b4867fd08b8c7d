import { z } from 'zod';
import { SENSOR_TYPES } from '@data/sensors/sensor-types';
import { ALARM_STATUSES } from '@server/db/schema/sensors';
import { dateIn, describeInput, integerIn, nulSafeText, regionCodeSchema, uuidSchema } from '@kernel/zod-fields';

/**
 * Input schemas of the `sensors` plate's procedures (validated before any service runs; messages name the field).
 * @see docs/api.md "sensors"
 */

const finite = (what: string) => z.number({ error: (issue) => `${what}: must be a number, got ${describeInput(issue.input)}` }).refine(Number.isFinite, { error: `${what}: must be finite` });
const code = nulSafeText(40, 1).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'code: letters, digits, "-" and "_" only' });
const sensorType = z.enum(SENSOR_TYPES, { error: `type: must be one of ${SENSOR_TYPES.join(', ')}` });

/** `{ id }` of a sensor or alarm. */
export const idInput = z.object({ id: uuidSchema }).strict();

/** Filters of `sensors.devices.list`. */
export const devicesListInput = z
  .object({ type: sensorType.optional(), assetKind: nulSafeText(40, 1).optional(), limit: integerIn(1, 5000).optional() })
  .strict()
  .optional();

/** `sensors.devices.create`: a sensor in Jiangxi (lon 110–121°E, lat 22–32°N), optionally on a gateway. */
export const deviceCreateInput = z
  .object({
    code,
    name: nulSafeText(100, 1),
    type: sensorType,
    /** [lon, lat] degrees WGS84. */
    position: z.tuple([finite('longitude').pipe(z.number().min(110).max(121)), finite('latitude').pipe(z.number().min(22).max(32))]),
    assetKind: nulSafeText(40, 1).nullable().default(null),
    assetId: nulSafeText(100, 1).nullable().default(null),
    regionCode: regionCodeSchema,
    gatewayId: uuidSchema.nullable().default(null),
    /** Issue the sensor its own token (default true); false = only its gateway may send its readings. */
    issueToken: z.boolean().default(true),
    isDemo: z.boolean().default(false),
  })
  .strict();

/** `sensors.devices.setActive`: retire (false) or reactivate (true) a sensor. */
export const deviceActiveInput = z.object({ id: uuidSchema, isActive: z.boolean({ error: 'isActive: must be true or false' }) }).strict();

/** `sensors.gateways.create`. */
export const gatewayCreateInput = z.object({ code, name: nulSafeText(100, 1), regionCode: regionCodeSchema, isDemo: z.boolean().default(false) }).strict();

const instant = dateIn(new Date('2000-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z'));

/** `sensors.readings.series`: one sensor's window [from, to), at most `maxPoints` (≤ 1 000) bins. */
export const seriesInput = z
  .object({ sensorId: uuidSchema, from: instant, to: instant, maxPoints: integerIn(1, 1000).default(1000) })
  .strict()
  .refine((input) => input.from.getTime() < input.to.getTime(), { error: 'to: must be after from' });

/** Filters of `sensors.alarms.list`. */
export const alarmsListInput = z
  .object({
    status: z.array(z.enum(ALARM_STATUSES)).min(1).max(ALARM_STATUSES.length).optional(),
    minLevel: integerIn(1, 3).optional(),
    sensorId: uuidSchema.optional(),
    limit: integerIn(1, 2000).optional(),
  })
  .strict()
  .optional();

/** `sensors.alarms.transition`: move an alarm to `to` with a note, naming the version read. */
export const alarmTransitionInput = z
  .object({
    id: uuidSchema,
    version: integerIn(1, 1_000_000),
    to: z.enum(ALARM_STATUSES),
    note: nulSafeText(2000, 1),
  })
  .strict();
