/**
 * Browser calls to the better-auth endpoints under `/api/auth` (JSON bodies; the browser adds the same-site
 * `Origin` the server checks). No client SDK: three POSTs are all the pages need.
 * @see server/accounts/auth-http-handler.ts (the endpoints and their status codes)
 */
import type { AuthResponseSummary } from '@viewer/accounts/auth-failure';

/** The outcome of one call: `ok` for 2xx, else what the failure messages need. */
export type AuthCallResult = { ok: true } | ({ ok: false } & AuthResponseSummary);

async function summarise(response: Response): Promise<AuthResponseSummary> {
  const text = await response.text().catch(() => '');
  let code: string | null = null;
  let message = text;
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // A plain-text answer (403 cross-origin, 413, 429 from our own limiter): keep the text.
  }
  return { status: response.status, code, message: message.slice(0, 300), retryAfter: response.headers.get('retry-after') };
}

async function postAuth(path: string, body: Record<string, unknown>): Promise<AuthCallResult> {
  let response: Response;
  try {
    response = await fetch(`/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    return { ok: false, status: 0, code: null, message: error instanceof Error ? error.message : String(error), retryAfter: null };
  }
  return response.ok ? { ok: true } : { ok: false, ...(await summarise(response)) };
}

/** `POST /api/auth/sign-in/email`: sets the session cookie on success. */
export function signInWithEmail(email: string, password: string): Promise<AuthCallResult> {
  return postAuth('/sign-in/email', { email, password });
}

/** `POST /api/auth/sign-out`: clears the session. */
export function signOut(): Promise<AuthCallResult> {
  return postAuth('/sign-out', {});
}

/** `POST /api/auth/change-password`, signing out every other session. */
export function changePassword(currentPassword: string, newPassword: string): Promise<AuthCallResult> {
  return postAuth('/change-password', { currentPassword, newPassword, revokeOtherSessions: true });
}
