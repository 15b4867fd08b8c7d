import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { accountsAuditLog } from '@server/db/schema/accounts';
import type { auditListInput } from './inputs';
import { regionScopeSql } from './region-scope';
import type { AuditRow } from './types';

/**
 * Reading the audit trail (role `admin`): newest first, filtered by actor, table, record, action and time.
 * An admin sees rows whose record or actor lies in its region scope (province: every row).
 */
export async function listAudit(db: Db, actor: Actor, input: z.output<typeof auditListInput>): Promise<{ items: AuditRow[]; total: number }> {
  const scope = or(regionScopeSql(accountsAuditLog.recordRegionCode, actor.regionCode), regionScopeSql(accountsAuditLog.actorRegionCode, actor.regionCode));
  const filters: (SQL | undefined)[] = [scope];
  if (input.actorId) filters.push(eq(accountsAuditLog.actorId, input.actorId));
  if (input.tableName) filters.push(eq(accountsAuditLog.tableName, input.tableName));
  if (input.recordId) filters.push(eq(accountsAuditLog.recordId, input.recordId));
  if (input.action) filters.push(eq(accountsAuditLog.action, input.action as AuditRow['action']));
  if (input.from) filters.push(gte(accountsAuditLog.at, input.from));
  if (input.to) filters.push(lt(accountsAuditLog.at, input.to));
  const where = and(...filters);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(accountsAuditLog).where(where).orderBy(desc(accountsAuditLog.at), desc(accountsAuditLog.id)).limit(input.limit).offset(input.offset),
    db.select({ total: count() }).from(accountsAuditLog).where(where),
  ]);
  return { items, total };
}
