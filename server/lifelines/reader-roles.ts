import type { Actor } from '@server/api/actor';

type Role = Actor['role'];

/**
 * Roles that read the utility networks (inspectors — the main users —, officers, admins and planners; not
 * applicants), each in its region scope: every procedure of ./router.ts and the `lifelines-*` GeoJSON sources.
 */
export const LIFELINES_READER_ROLES = ['inspector', 'officer', 'admin', 'planner'] as const satisfies readonly Role[];

/** Whether an account of `role` may read the networks. */
export function isLifelinesReader(role: Role | null | undefined): boolean {
  return role != null && (LIFELINES_READER_ROLES as readonly Role[]).includes(role);
}
