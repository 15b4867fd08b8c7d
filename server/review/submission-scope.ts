import { eq, sql, type SQL } from 'drizzle-orm';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import { reviewSubmissions } from '@server/db/schema/review';

/** Roles that may decide (通过 / 退回) and re-run checks. */
export const REVIEWER_ROLES = ['planner', 'admin'] as const;

/** The rows `actor` may see: its own submissions for applicants, its region's for reviewers; none for other roles. */
export function submissionScopeSql(actor: Actor): SQL {
  if (actor.role === 'applicant') return eq(reviewSubmissions.submittedBy, actor.userId);
  if ((REVIEWER_ROLES as readonly string[]).includes(actor.role)) return regionScopeSql(reviewSubmissions.regionCode, actor.regionCode);
  return sql`false`;
}

