import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { GanTwinError, InputError, ScopeError } from '@kernel/errors';
import { describeInput } from '@kernel/zod-fields';
import { SENSOR_TYPE_DEFINITIONS, type SensorType } from '@data/sensors/sensor-types';
import type { Db } from '@server/db/client';
import { sensorsAlarmRules } from '@server/db/schema/sensors';
import { describeIssues } from '@server/api/zod-input';
import { evaluateReadings, rulesForSensor, type EvaluatedReading, type EvaluatedRule, type EvaluatedSensor } from './alarm-evaluation';
import { writeAlarmHits } from './alarm-store';
import type { IngestPrincipal } from './ingest-tokens';
import { notifyReadings } from './live-notify';
import { pgArrayLiteral } from './pg-array';

/**
 * Reading ingest (数据接入), shared by every transport: `POST /api/sensors/readings` (./ingest-response.ts) and the
 * MQTT consumer (./mqtt-ingest.ts). {@link ingestReadings} validates a whole batch, writes it idempotently and
 * evaluates the alarm rules on it in ONE transaction (announcing new readings and alarms on the live channel at
 * commit, ./live-notify.ts), and resolves only after the commit: a transport acknowledges (HTTP 200,
 * MQTT PUBACK) after the promise resolves, and resends the same batch on any failure — the duplicates are
 * recognised by the key (sensor_id, observed_at) and counted, never stored twice.
 *
 * A batch is all or nothing: one unknown/foreign sensor refuses it (ScopeError → 403), one invalid value or time
 * refuses it (InputError → 400), and nothing is stored.
 */

/** One reading after parsing: sensor id, instant, value in the sensor's unit. */
export interface IngestReading {
  sensorId: string;
  observedAt: Date;
  value: number;
}

/** What an ingest stored: new readings, readings already stored (same sensor and instant), alarm changes. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  alarmsOpened: number;
  alarmsUpdated: number;
}

/** Limits of one batch (server/sensors/sensors-env.ts). */
export interface IngestLimits {
  maxReadings: number;
  /** How far ahead of `nowMs` a reading may be, seconds. */
  futureToleranceS: number;
  /** Months of readings kept; older readings are refused. */
  retentionMonths: number;
  /** The server clock, ms since the epoch (injected for tests). */
  nowMs: number;
}

/** A batch larger than the limit (maps to 413). */
export class BatchTooLargeError extends GanTwinError {
  constructor(message: string) {
    super('TOO_LARGE', message);
  }
}

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`), seconds and fractions optional. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const readingSchema = z
  .object({
    // Lower case, as PostgreSQL prints ids: UUIDs are case-insensitive on input (RFC 9562 §4), and the batch's
    // sensors are matched by text (an upper-case id of the token's own sensor was refused as foreign).
    sensorId: z.uuid({ error: (issue) => `must be a sensor id (UUID), got ${describeInput(issue.input)}` }).transform((id) => id.toLowerCase()),
    observedAt: z
      .string({ error: (issue) => `must be an ISO 8601 date-time string, got ${describeInput(issue.input)}` })
      .max(40, { error: 'must be at most 40 characters' })
      .refine((text) => ISO_INSTANT.test(text) && Number.isFinite(Date.parse(text)), { error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T08:00:00Z' })
      .transform((text) => new Date(Date.parse(text))),
    value: z.number({ error: (issue) => `must be a number, got ${describeInput(issue.input)}` }).refine(Number.isFinite, { error: 'must be finite' }),
  })
  .strict();

/** Issues listed in a refusal at most (a 5 000-reading batch of garbage gets a short answer). */
const MAX_LISTED_ISSUES = 10;

/**
 * Parses a request body `{ readings: [{ sensorId, observedAt, value }] }` (already JSON-decoded).
 * @throws {BatchTooLargeError} when it holds more than `maxReadings` readings
 * @throws {InputError} naming the first invalid readings (index, field, what was wrong)
 */
export function parseReadingsBatch(body: unknown, maxReadings: number): IngestReading[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { readings?: unknown }).readings)) {
    throw new InputError('body: must be a JSON object { "readings": [ { "sensorId", "observedAt", "value" } … ] }');
  }
  const raw = (body as { readings: unknown[] }).readings;
  if (raw.length > maxReadings) throw new BatchTooLargeError(`readings: at most ${maxReadings} per request, got ${raw.length}`);
  if (raw.length === 0) throw new InputError('readings: must hold at least one reading');
  const readings: IngestReading[] = [];
  const issues: string[] = [];
  for (let index = 0; index < raw.length && issues.length < MAX_LISTED_ISSUES; index++) {
    const parsed = readingSchema.safeParse(raw[index]);
    if (parsed.success) readings.push(parsed.data);
    else issues.push(`readings.${index}.${describeIssues(parsed.error.issues)}`);
  }
  if (issues.length) throw new InputError(`invalid readings: ${issues.join('; ')}`);
  return readings;
}

interface LockedSensor extends EvaluatedSensor {
  type: SensorType;
  regionCode: string;
  gatewayId: string | null;
  isActive: boolean;
}

/** The instant `months` calendar months before `nowMs` (UTC). */
export function monthsBefore(nowMs: number, months: number): Date {
  const date = new Date(nowMs);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/**
 * Stores a batch of readings for `principal` and evaluates the alarm rules on the new ones, in one transaction;
 * resolves after the commit.
 * @returns counts: `accepted` (stored now) + `duplicates` (already stored) = the batch size
 * @throws {ScopeError} when a sensor is unknown, retired, or not the principal's (sensor token: itself only; gateway
 *   token: the sensors assigned to it) — the same answer for all three, so ids cannot be probed
 * @throws {InputError} when a value lies outside its type's plausible range (data/sensors/sensor-types.ts) or a time
 *   lies more than `futureToleranceS` ahead or further back than the retention
 */
export async function ingestReadings(db: Db, principal: IngestPrincipal, readings: readonly IngestReading[], limits: IngestLimits): Promise<IngestResult> {
  if (readings.length > limits.maxReadings) throw new BatchTooLargeError(`readings: at most ${limits.maxReadings} per request, got ${readings.length}`);
  if (readings.length === 0) return { accepted: 0, duplicates: 0, alarmsOpened: 0, alarmsUpdated: 0 };
  const latestMs = limits.nowMs + limits.futureToleranceS * 1000;
  const earliest = monthsBefore(limits.nowMs, limits.retentionMonths);
  const timeIssues: string[] = [];
  readings.forEach((reading, index) => {
    const atMs = reading.observedAt.getTime();
    if (atMs > latestMs && timeIssues.length < MAX_LISTED_ISSUES) timeIssues.push(`readings.${index}.observedAt: lies more than ${limits.futureToleranceS} s in the future`);
    if (atMs < earliest.getTime() && timeIssues.length < MAX_LISTED_ISSUES) timeIssues.push(`readings.${index}.observedAt: older than the ${limits.retentionMonths}-month retention`);
  });
  if (timeIssues.length) throw new InputError(`invalid readings: ${timeIssues.join('; ')}`);
  const sensorIds = [...new Set(readings.map((reading) => reading.sensorId))];

  return db.transaction(async (tx) => {
    // Lock the batch's sensors in id order: concurrent batches of one sensor serialise (rates, last values), no deadlock.
    // Only the principal's own sensors: a token must not take (or wait on) the locks of sensors it may not write.
    const owned = principal.kind === 'sensor' ? sql`id = ${principal.id}` : sql`gateway_id = ${principal.id}`;
    const { rows: sensorRows } = await tx.execute<{ id: string; type: SensorType; region_code: string; gateway_id: string | null; is_active: boolean; asset_kind: string | null; last_observed_at: string | null; last_value: number | null }>(sql`
      SELECT id, type, region_code, gateway_id, is_active, asset_kind, last_observed_at, last_value
        FROM sensors_devices WHERE id = ANY(${pgArrayLiteral(sensorIds)}::uuid[]) AND ${owned} ORDER BY id FOR UPDATE`);
    const sensors = new Map<string, LockedSensor>(
      sensorRows.map((row) => [
        row.id,
        { id: row.id, type: row.type, regionCode: row.region_code, gatewayId: row.gateway_id, isActive: row.is_active, assetKind: row.asset_kind, lastObservedAt: row.last_observed_at === null ? null : new Date(row.last_observed_at), lastValue: row.last_value },
      ]),
    );
    const refused = sensorIds.filter((id) => {
      const sensor = sensors.get(id);
      if (!sensor || !sensor.isActive) return true;
      return principal.kind === 'sensor' ? sensor.id !== principal.id : sensor.gatewayId !== principal.id;
    });
    if (refused.length) {
      throw new ScopeError(`this ${principal.kind} token may not write sensor ${refused[0]}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}`, { context: { refused: refused.length } });
    }
    const valueIssues: string[] = [];
    readings.forEach((reading, index) => {
      const definition = SENSOR_TYPE_DEFINITIONS[sensors.get(reading.sensorId)!.type];
      if ((reading.value < definition.plausibleMin || reading.value > definition.plausibleMax) && valueIssues.length < MAX_LISTED_ISSUES) {
        valueIssues.push(`readings.${index}.value: ${reading.value} ${definition.unit} is outside the plausible range ${definition.plausibleMin}–${definition.plausibleMax} ${definition.unit}`);
      }
    });
    if (valueIssues.length) throw new InputError(`invalid readings: ${valueIssues.join('; ')}`);

    const { rows: stored } = await tx.execute<{ sensor_id: string; observed_at: string; value: number }>(sql`
      INSERT INTO sensors_readings (sensor_id, observed_at, value)
      SELECT * FROM unnest(${pgArrayLiteral(readings.map((r) => r.sensorId))}::uuid[],
                           ${pgArrayLiteral(readings.map((r) => r.observedAt.toISOString()))}::timestamptz[],
                           ${pgArrayLiteral(readings.map((r) => r.value))}::float8[])
      ON CONFLICT (sensor_id, observed_at) DO NOTHING
      RETURNING sensor_id, observed_at, value`);
    const fresh: EvaluatedReading[] = stored.map((row) => ({ sensorId: row.sensor_id, observedAtMs: new Date(row.observed_at).getTime(), value: row.value }));

    const alarms = fresh.length ? await evaluateAndWriteAlarms(tx, fresh, sensors) : { opened: 0, updated: 0 };
    if (fresh.length) {
      await tx.execute(sql`
        UPDATE sensors_devices d SET last_observed_at = n.observed_at, last_value = n.value
          FROM (SELECT DISTINCT ON (sensor_id) sensor_id, observed_at, value
                  FROM unnest(${pgArrayLiteral(fresh.map((r) => r.sensorId))}::uuid[],
                              ${pgArrayLiteral(fresh.map((r) => new Date(r.observedAtMs).toISOString()))}::timestamptz[],
                              ${pgArrayLiteral(fresh.map((r) => r.value))}::float8[]) AS t(sensor_id, observed_at, value)
                 ORDER BY sensor_id, observed_at DESC) n
         WHERE d.id = n.sensor_id AND (d.last_observed_at IS NULL OR n.observed_at > d.last_observed_at)`);
      // Heard by every web server's live hub at commit (./live-notify.ts, ./live-hub.ts).
      await notifyReadings(tx, [...new Set(fresh.map((r) => r.sensorId))].map((sensorId) => ({ sensorId, regionCode: sensors.get(sensorId)!.regionCode })));
    }
    return { accepted: fresh.length, duplicates: readings.length - fresh.length, alarmsOpened: alarms.opened, alarmsUpdated: alarms.updated };
  });
}

/** Evaluates the enabled threshold and rate rules of the sensors' types on new readings and writes the hits. */
async function evaluateAndWriteAlarms(tx: Db, fresh: readonly EvaluatedReading[], sensors: ReadonlyMap<string, LockedSensor>) {
  const types = [...new Set([...sensors.values()].map((sensor) => sensor.type))];
  const rules = (await tx
    .select()
    .from(sensorsAlarmRules)
    .where(sql`${sensorsAlarmRules.isEnabled} AND ${sensorsAlarmRules.kind} <> 'no-data' AND ${sensorsAlarmRules.sensorType} = ANY(${pgArrayLiteral(types)}::text[])`)) satisfies EvaluatedRule[];
  if (rules.length === 0) return { opened: 0, updated: 0 };
  const rulesOf = (sensor: EvaluatedSensor) => rulesForSensor(rules.filter((rule) => rule.sensorType === (sensor as LockedSensor).type), sensor);
  const hits = evaluateReadings(fresh, sensors, rulesOf);
  return writeAlarmHits(tx, hits, (sensorId) => sensors.get(sensorId)!.regionCode);
}
