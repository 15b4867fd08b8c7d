/**
 * The parts of a failed tRPC call that the admin pages pick their message by: the tRPC code, the GanTwin
 * error class (`data.ganTwinCode`, added by server/api/error-map.ts) and the server's message.
 */
import type { AdminCallError } from '@viewer/accounts/admin-error';
import { trpcErrorCode } from '../trpc-error-code';

/** Reads a thrown tRPC client error (or any error) into an {@link AdminCallError}. */
export function adminCallError(error: unknown): AdminCallError {
  const data = (error as { data?: { ganTwinCode?: unknown } } | null)?.data;
  return {
    code: trpcErrorCode(error),
    ganTwinCode: typeof data?.ganTwinCode === 'string' ? data.ganTwinCode : null,
    message: error instanceof Error ? error.message : String(error),
  };
}
