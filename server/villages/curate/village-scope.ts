import { and, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@kernel/errors';
import { accountNameSql } from '@server/accounts/account-names';
import { recordAudit, type AuditEntry } from '@server/accounts/audit';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesVillages } from '@server/db/schema/villages';

/**
 * Region scope, optimistic concurrency and the bookkeeping every curator write shares: a village is curated by the
 * officers and admins whose region covers its county (server/accounts/region-scope.ts); each write marks the village
 * as changed since its last publish and appends an audit row, in the write's transaction.
 */

/** A village as the write services need it. */
export interface CuratedVillageRef {
  id: string;
  code: string;
  /** 6-digit county code (scope). */
  regionCode: string;
  updatedAt: Date;
  /** Display name of the last editor, null when unknown. */
  updatedByName: string | null;
}

/** Tables of a village's child rows that carry `village_id` and `updated_at`. */
export type VillageChildTable = 'villages_sections' | 'villages_buildings' | 'villages_pois' | 'villages_panoramas';

/**
 * The village of `code`, if the actor's region covers it; locked `FOR UPDATE` when `lock` (inside a write's
 * transaction, so concurrent writes to one village queue up).
 * @throws {NotFoundError} when there is none or it lies outside the actor's region (the same answer: no probing)
 */
export async function curatedVillage(db: Db, actor: Actor, code: string, lock = false): Promise<CuratedVillageRef> {
  const query = db
    .select({
      id: villagesVillages.id,
      code: villagesVillages.code,
      regionCode: villagesVillages.regionCode,
      updatedAt: villagesVillages.updatedAt,
      updatedByName: accountNameSql(villagesVillages.updatedBy),
    })
    .from(villagesVillages)
    .where(and(eq(villagesVillages.code, code), regionScopeSql(villagesVillages.regionCode, actor.regionCode)));
  const [row] = lock ? await query.for('update', { of: villagesVillages }) : await query;
  if (!row) throw new NotFoundError(`village ${code} not found in your region`);
  return row;
}

/**
 * A child row (section, building, POI, panorama) and its village, if the actor's region covers the village; the
 * village is locked `FOR UPDATE` (call inside the write's transaction).
 * @throws {NotFoundError} when the row does not exist or its village lies outside the actor's region (one message)
 */
export async function curatedChildRow(tx: Db, actor: Actor, table: VillageChildTable, id: string): Promise<{ village: CuratedVillageRef; updatedAt: Date }> {
  const rows = (
    await tx.execute<{ code: string }>(
      sql`SELECT v.code FROM ${sql.identifier(table)} r JOIN villages_villages v ON v.id = r.village_id WHERE r.id = ${id}`,
    )
  ).rows;
  const what = table.replace('villages_', '').replace(/s$/, '');
  // One message for a missing row and another region's (fix of the 2026-12 review, ../attack.test.ts: the two
  // messages differed, telling which ids exist elsewhere).
  if (!rows[0]) throw new NotFoundError(`${what} ${id} not found in your region`);
  const village = await curatedVillage(tx, actor, rows[0].code, true).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`${what} ${id} not found in your region`) : error;
  });
  const [{ updatedAt }] = (await tx.execute<{ updatedAt: Date }>(sql`SELECT updated_at AS "updatedAt" FROM ${sql.identifier(table)} WHERE id = ${id} FOR UPDATE`)).rows;
  return { village, updatedAt: new Date(updatedAt) };
}

/**
 * Refuses a write based on a stale read: `storedAt` (the row's `updated_at` now) must equal `readAt` (what the editor
 * read) to the millisecond (JavaScript dates hold ms, PostgreSQL µs).
 * @param what the row, named in the message (`building 3f2…`)
 * @param village its village; its last editor is named as who changed it (every write to a village's rows records
 *   its editor on the village)
 * @throws {ConflictError} naming who changed it and when
 */
export function assertNotStale(what: string, storedAt: Date, readAt: Date, village: CuratedVillageRef): void {
  if (Math.abs(storedAt.getTime() - readAt.getTime()) < 1) return;
  const who = village.updatedByName ?? 'another editor';
  throw new ConflictError(`${what} was changed by ${who} at ${storedAt.toISOString()} after you opened it; reload to see the changes`, {
    context: { changedBy: who, changedAt: storedAt.toISOString() },
  });
}

/**
 * Records a write to a village's working rows: marks the village as having unpublished changes, stamps its
 * `updated_at`/`updated_by` and appends the audit row (tableName, recordId and before/after of the changed fields).
 * Call it inside the write's transaction.
 * @returns the new `updated_at` of the village
 */
export async function recordVillageWrite(tx: Db, actor: Actor, village: CuratedVillageRef, entry: Omit<AuditEntry, 'recordRegionCode'>): Promise<Date> {
  const now = new Date();
  await tx.update(villagesVillages).set({ hasDraftChanges: true, updatedAt: now, updatedBy: actor.userId }).where(eq(villagesVillages.id, village.id));
  await recordAudit(tx, actor, { ...entry, recordRegionCode: village.regionCode });
  return now;
}
