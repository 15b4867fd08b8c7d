import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { ConflictError, InputError, NotFoundError } from '@kernel/errors';
import type { Actor } from '@server/api/actor';
import { recordAudit } from '@server/accounts/audit';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Db } from '@server/db/client';
import { sensorsAlarmRules, sensorsAlarms, sensorsDevices, type AlarmNote, type AlarmStatus } from '@server/db/schema/sensors';
import { canTransition } from './alarm-transitions';
import type { alarmsListInput, alarmTransitionInput } from './inputs';
import { notifyAlarms } from './live-notify';

/** An alarm as the API shows it, with its sensor's code/name/type/unit and its rule's code/name/thresholds' sources. */
export interface AlarmSummary {
  id: string;
  sensorId: string;
  sensorCode: string;
  sensorName: string;
  sensorType: string;
  unit: string;
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  /** The source text of the threshold of the alarm's level. */
  thresholdSource: string;
  regionCode: string;
  /** The sensor's position, degrees WGS84 (to fly to it). */
  lon: number;
  lat: number;
  level: number;
  value: number;
  lastValue: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  status: AlarmStatus;
  deadlineAt: Date;
  assigneeId: string | null;
  notes: AlarmNote[];
  version: number;
}

const ALARM_COLUMNS = {
  id: sensorsAlarms.id,
  sensorId: sensorsAlarms.sensorId,
  sensorCode: sensorsDevices.code,
  sensorName: sensorsDevices.name,
  sensorType: sensorsDevices.type,
  unit: sensorsDevices.unit,
  ruleId: sensorsAlarms.ruleId,
  ruleCode: sensorsAlarmRules.code,
  ruleName: sensorsAlarmRules.name,
  thresholdSource: sql<string>`CASE ${sensorsAlarms.level} WHEN 3 THEN ${sensorsAlarmRules.level3Source} WHEN 2 THEN ${sensorsAlarmRules.level2Source} ELSE ${sensorsAlarmRules.level1Source} END`,
  regionCode: sensorsAlarms.regionCode,
  lon: sql<number>`ST_X(${sensorsDevices.position})`,
  lat: sql<number>`ST_Y(${sensorsDevices.position})`,
  level: sensorsAlarms.level,
  value: sensorsAlarms.value,
  lastValue: sensorsAlarms.lastValue,
  firstSeenAt: sensorsAlarms.firstSeenAt,
  lastSeenAt: sensorsAlarms.lastSeenAt,
  status: sensorsAlarms.status,
  deadlineAt: sensorsAlarms.deadlineAt,
  assigneeId: sensorsAlarms.assigneeId,
  notes: sensorsAlarms.notes,
  version: sensorsAlarms.version,
};

function alarmsQuery(db: Db, where: SQL | undefined) {
  return db
    .select(ALARM_COLUMNS)
    .from(sensorsAlarms)
    .innerJoin(sensorsDevices, eq(sensorsDevices.id, sensorsAlarms.sensorId))
    .innerJoin(sensorsAlarmRules, eq(sensorsAlarmRules.id, sensorsAlarms.ruleId))
    .where(where);
}

/**
 * Alarms in the actor's region scope, newest sighting first (at most `limit`, default 500), filtered by status,
 * minimum level and sensor.
 */
export async function listAlarms(db: Db, actor: Actor, input: z.output<typeof alarmsListInput>): Promise<AlarmSummary[]> {
  const conditions: SQL[] = [regionScopeSql(sensorsAlarms.regionCode, actor.regionCode)];
  if (input?.status) conditions.push(inArray(sensorsAlarms.status, input.status));
  if (input?.minLevel) conditions.push(gte(sensorsAlarms.level, input.minLevel));
  if (input?.sensorId) conditions.push(eq(sensorsAlarms.sensorId, input.sensorId));
  return (await alarmsQuery(db, and(...conditions)).orderBy(desc(sensorsAlarms.lastSeenAt)).limit(input?.limit ?? 500)) as AlarmSummary[];
}

/**
 * One alarm in the actor's scope.
 * @throws {NotFoundError} when it does not exist or lies outside the scope
 */
export async function alarmById(db: Db, actor: Actor, id: string): Promise<AlarmSummary> {
  const [row] = await alarmsQuery(db, and(eq(sensorsAlarms.id, id), regionScopeSql(sensorsAlarms.regionCode, actor.regionCode)));
  if (!row) throw new NotFoundError(`alarm ${id} not found`);
  return row as AlarmSummary;
}

/**
 * Moves an alarm along the workflow (./alarm-transitions.ts) with a note, audited in the same transaction;
 * the account that moves it to `handling` becomes its assignee; announced on the live channel at commit (./live-notify.ts).
 * @throws {NotFoundError} when the alarm is outside the actor's scope
 * @throws {InputError} when the move is not allowed from the alarm's status
 * @throws {ConflictError} when the alarm changed since `version` was read (a move, or a rise of its level by new
 *   readings, ./alarm-store.ts)
 */
export async function transitionAlarm(db: Db, actor: Actor, input: z.output<typeof alarmTransitionInput>): Promise<AlarmSummary> {
  return db.transaction(async (tx) => {
    const before = await alarmById(tx, actor, input.id);
    if (!canTransition(before.status, input.to)) throw new InputError(`to: an alarm in status ${before.status} cannot move to ${input.to}`);
    const note: AlarmNote = { at: new Date().toISOString(), by: actor.email, from: before.status, to: input.to, note: input.note };
    // Whoever takes the alarm into handling (处置中) becomes its assignee.
    const assigneeId = input.to === 'handling' ? actor.userId : before.assigneeId;
    const updated = await tx
      .update(sensorsAlarms)
      .set({ status: input.to, assigneeId, notes: sql`${sensorsAlarms.notes} || ${JSON.stringify([note])}::jsonb`, version: sql`${sensorsAlarms.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(sensorsAlarms.id, input.id), eq(sensorsAlarms.version, input.version)))
      .returning({ id: sensorsAlarms.id });
    if (updated.length === 0) throw new ConflictError(`alarm ${input.id} changed since version ${input.version}; reload it`);
    await recordAudit(tx, actor, {
      action: 'update',
      tableName: 'sensors_alarms',
      recordId: input.id,
      recordRegionCode: before.regionCode,
      before: { status: before.status, assigneeId: before.assigneeId },
      after: { status: input.to, assigneeId, note: input.note },
    });
    await notifyAlarms(tx, [{ alarmId: input.id, sensorId: before.sensorId, regionCode: before.regionCode }]);
    return alarmById(tx, actor, input.id);
  });
}
