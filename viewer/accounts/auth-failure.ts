/**
 * Which message to show when a call to `/api/auth/*` fails, from its HTTP status (the server's contract: 401
 * wrong password, 403 disabled account or cross-origin, 429 throttled with `Retry-After`, 413 body too large).
 * `status` 0 means the request never got an answer (network error).
 */
import type { AccountsMessageKey } from './messages';
import type { MessageParams } from '@viewer/core/i18n';

/** What an `/api/auth/*` call answered, as the pages read it. */
export interface AuthResponseSummary {
  /** HTTP status, 0 when the fetch itself failed. */
  status: number;
  /** better-auth's `code` (e.g. `ACCOUNT_DISABLED`, `INVALID_EMAIL_OR_PASSWORD`), when the body was JSON with one. */
  code: string | null;
  /** The body's `message` (JSON) or text, '' when none. */
  message: string;
  /** The `Retry-After` header as sent, null when absent. */
  retryAfter: string | null;
}

/** A message key with its parameters. */
export interface FailureMessage {
  key: AccountsMessageKey;
  params?: MessageParams;
}

/** Longest wait the UI will quote, seconds (a larger value is quoted as this). */
const MAX_QUOTED_WAIT_S = 24 * 3600;

/**
 * Seconds to wait from a `Retry-After` value (RFC 9110 §10.2.3: delay-seconds or an HTTP date).
 * @param nowMs the current time, ms since the epoch (for the HTTP-date form)
 * @returns whole seconds ≥ 1, or null when the header is absent or unreadable
 */
export function retryAfterSeconds(header: string | null, nowMs: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(MAX_QUOTED_WAIT_S, Math.max(1, Number(text)));
  const atMs = Date.parse(text);
  if (Number.isNaN(atMs)) return null;
  return Math.min(MAX_QUOTED_WAIT_S, Math.max(1, Math.ceil((atMs - nowMs) / 1000)));
}

/** The message for a failed sign-in. */
export function signInFailure(response: AuthResponseSummary, nowMs: number = Date.now()): FailureMessage {
  const { status } = response;
  if (status === 0) return { key: 'signIn.error.network' };
  if (status === 401) return { key: 'signIn.error.wrongPassword' };
  if (status === 403) return response.code === 'ACCOUNT_DISABLED' ? { key: 'signIn.error.disabled' } : { key: 'signIn.error.forbidden' };
  if (status === 429) {
    const seconds = retryAfterSeconds(response.retryAfter, nowMs);
    return seconds === null ? { key: 'signIn.error.throttledNoTime' } : { key: 'signIn.error.throttled', params: { seconds } };
  }
  return { key: 'signIn.error.other', params: { status, message: response.message } };
}

/** The message for a failed password change (`/api/auth/change-password`). */
export function passwordChangeFailure(response: AuthResponseSummary, nowMs: number = Date.now()): FailureMessage {
  const { status, code } = response;
  if (status === 0) return { key: 'password.error.network' };
  if (status === 400 && code === 'INVALID_PASSWORD') return { key: 'password.error.wrongCurrent' };
  if (status === 401) return { key: 'password.error.signedOut' };
  if (status === 429) return { key: 'password.error.throttled', params: { seconds: retryAfterSeconds(response.retryAfter, nowMs) ?? 60 } };
  return { key: 'password.error.other', params: { status, message: response.message } };
}
