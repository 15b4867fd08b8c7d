/**
 * Roles and audit actions as the accounts UI knows them. They mirror `ROLES` and `AuditAction` of
 * `server/db/schema/accounts.ts` (viewer/ never imports server/); the app passes router outputs, so a role the
 * server adds without a label here fails the typecheck where the pages hand data to these components.
 */

/** A signed-in account's role. Anonymous visitors are `public`, which is no account role. */
export type AccountRole = 'applicant' | 'planner' | 'inspector' | 'officer' | 'admin';

/** Every account role, in the order the role pickers list them. */
export const ACCOUNT_ROLES: readonly AccountRole[] = ['applicant', 'planner', 'inspector', 'officer', 'admin'];

/** What an audit row records. */
export type AuditActionName = 'create' | 'update' | 'disable' | 'enable' | 'reset-password' | 'change-password' | 'delete' | 'sign-in' | 'sign-out' | 'publish' | 'unpublish';

/** Every audit action, in the order the audit filter lists them. */
export const AUDIT_ACTIONS: readonly AuditActionName[] = ['create', 'update', 'disable', 'enable', 'reset-password', 'change-password', 'delete', 'sign-in', 'sign-out', 'publish', 'unpublish'];

/** Narrows untrusted text (a URL parameter) to an {@link AuditActionName}, else `null`. */
export function parseAuditAction(value: string | null | undefined): AuditActionName | null {
  return (AUDIT_ACTIONS as readonly string[]).includes(value ?? '') ? (value as AuditActionName) : null;
}
