import type { Actor } from '@server/api/actor';

type Role = Actor['role'];

/**
 * Roles that watch sensors and alarms (inspectors, officers, admins), each in its region scope: the procedures of
 * ./router.ts, the `sensors-devices` GeoJSON source and the twin's alarm panel (which says so to other roles).
 */
export const SENSORS_WATCHER_ROLES = ['inspector', 'officer', 'admin'] as const satisfies readonly Role[];

/** Whether an account of `role` may watch sensors and alarms. */
export function isSensorsWatcher(role: Role | null | undefined): boolean {
  return role != null && (SENSORS_WATCHER_ROLES as readonly Role[]).includes(role);
}
