/**
 * Which message to show when an account-administration call fails, from the tRPC error's code and the
 * GanTwin error class behind it (`data.ganTwinCode`, see server/api/error-map.ts). The server's own sentence
 * (it names the e-mail or region) is kept as the detail; no message text is parsed.
 */
import type { FailureMessage } from './auth-failure';

/** What the page knows of a failed call. */
export interface AdminCallError {
  /** tRPC code (`CONFLICT`, `FORBIDDEN`, …), null for a network failure. */
  code: string | null;
  /** GanTwin error code (`CONFLICT`, `SCOPE`, `INPUT`, `NOT_FOUND`), null when none. */
  ganTwinCode: string | null;
  message: string;
}

/** The administration call that failed. */
export type AdminCall = 'create' | 'update' | 'disable' | 'enable' | 'resetPassword';

/** The message for a failed administration call. */
export function adminFailure(call: AdminCall, error: AdminCallError): FailureMessage {
  const params = { message: error.message };
  if (error.ganTwinCode === 'SCOPE') return { key: 'accounts.error.outOfScope', params };
  if (error.code === 'CONFLICT') return call === 'create' ? { key: 'accounts.error.emailTaken', params } : { key: 'accounts.error.conflict', params };
  if (error.code === 'NOT_FOUND') return { key: 'accounts.error.notFound' };
  if (error.code === 'BAD_REQUEST') return { key: 'accounts.error.invalid', params };
  return { key: 'accounts.error.other', params };
}
