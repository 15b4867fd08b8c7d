import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit, type CliActor } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { reviewSubmissions, type SubmissionStatus } from '@server/db/schema/review';

/**
 * Moves a submission between states, audited; only from the states listed (a stale worker or a double click
 * changes nothing and learns so).
 * @returns true when the row moved, false when it was not in one of `from`
 */
export async function transitionSubmission(
  db: Db,
  who: Actor | CliActor,
  id: string,
  from: readonly SubmissionStatus[],
  to: SubmissionStatus,
  fields: Partial<typeof reviewSubmissions.$inferInsert> = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ status: reviewSubmissions.status, regionCode: reviewSubmissions.regionCode }).from(reviewSubmissions).where(eq(reviewSubmissions.id, id)).for('update');
    if (!before || !from.includes(before.status)) return false;
    await tx.update(reviewSubmissions).set({ ...fields, status: to, updatedAt: new Date() }).where(and(eq(reviewSubmissions.id, id), inArray(reviewSubmissions.status, [...from])));
    const { measures, checks, anchor, ...audited } = fields;
    void measures;
    void anchor;
    await recordAudit(tx, who, {
      action: 'update',
      tableName: 'review_submissions',
      recordId: id,
      recordRegionCode: before.regionCode,
      before: { status: before.status },
      after: { status: to, ...audited, ...(checks ? { verdicts: verdictCounts(checks) } : {}) },
    });
    return true;
  });
}

/** Verdict counts of a stored checks object (for audit rows). */
function verdictCounts(checks: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const check of (checks.checks as { verdict: string }[] | undefined) ?? []) counts[check.verdict] = (counts[check.verdict] ?? 0) + 1;
  return counts;
}

