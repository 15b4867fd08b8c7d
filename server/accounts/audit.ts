import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { accountsAuditLog, type AuditAction } from '@server/db/schema/accounts';

/**
 * Writes audit rows (who, when, which record, before/after, from which address) into the append-only
 * `accounts_audit_log`. Call it inside the same transaction as the write it records, so a failed write leaves
 * no audit row and a recorded write cannot lose its row.
 */

/** Who wrote, when it was not a signed-in account: a command-line script. */
export interface CliActor {
  cli: string;
}

/** The fields of an {@link Actor} an audit row keeps. */
export type AuditActor = Pick<Actor, 'userId' | 'email' | 'regionCode' | 'ipAddress' | 'userAgent'>;

/** One write to record. `before`/`after` hold only the changed, non-secret fields. */
export interface AuditEntry {
  action: AuditAction;
  tableName: string;
  recordId: string;
  recordRegionCode: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends one audit row.
 * @param db the transaction of the write being recorded
 * @param actor the signed-in account, or `{ cli: 'create-admin' }` for a script
 */
export async function recordAudit(db: Db, actor: AuditActor | CliActor, entry: AuditEntry): Promise<void> {
  const who =
    'cli' in actor
      ? { actorId: null, actorLabel: `cli:${actor.cli}`, actorRegionCode: null, ipAddress: null, userAgent: null }
      : { actorId: actor.userId, actorLabel: actor.email, actorRegionCode: actor.regionCode, ipAddress: actor.ipAddress, userAgent: actor.userAgent };
  await db.insert(accountsAuditLog).values({ ...who, ...entry, before: entry.before ?? null, after: entry.after ?? null });
}

/**
 * The fields of `after` whose values differ from `before`, as a `{ before, after }` pair holding only those.
 * Values are compared by JSON text (dates, numbers and strings as stored).
 */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<T>,
    after: Object.fromEntries(keys.map((k) => [k, after[k]])) as Partial<T>,
  };
}
