import type { Actor } from '@server/api/actor';

/**
 * Roles that read the utility networks (private data), each in its region scope: inspectors (the main users),
 * officers, admins and planners — not applicants. Used by ./router.ts and the network tiles route.
 */
export const LIFELINES_READER_ROLES = ['inspector', 'officer', 'admin', 'planner'] as const satisfies readonly Actor['role'][];

/** Whether an account may read the networks at all (its region scope still applies). */
export function isLifelinesReader(actor: Actor | null): actor is Actor {
  return actor !== null && !actor.mustChangePassword && (LIFELINES_READER_ROLES as readonly string[]).includes(actor.role);
}
