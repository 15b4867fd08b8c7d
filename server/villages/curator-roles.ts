import type { Actor } from '@server/api/actor';

/**
 * Roles that curate the village museum, each in its region scope (the county or city a village lies in): officers
 * (the department's staff who run the museum) and admins. Everyone else, anonymous included, reads only what is
 * published.
 */
export const VILLAGES_CURATOR_ROLES = ['officer', 'admin'] as const satisfies readonly Actor['role'][];

/** Whether an account may curate at all (its region scope still applies). */
export function isVillagesCurator(actor: Actor | null): actor is Actor {
  return actor !== null && !actor.mustChangePassword && (VILLAGES_CURATOR_ROLES as readonly string[]).includes(actor.role);
}
