import { eq } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@server/db/client';
import { accountsUsers } from '@server/db/schema/accounts';
import { isSameOrigin } from '@server/api/same-origin';
import { MAX_BODY_BYTES, readLimitedBody, textResponse, withBody } from '@server/api/request-limits';
import { authFor } from './auth';
import { recordAudit } from './audit';
import { actorFromHeaders } from './session-actor';

/**
 * `/api/auth/*`: the better-auth endpoints GanTwin exposes, and nothing else (sign-up, profile update, e-mail
 * flows, account deletion … answer 404). Around the library it adds a body-size limit, a per-account sign-in
 * throttle (on top of better-auth's per-address one), the bookkeeping of a password change (clears
 * `must_change_password`, writes an audit row) and the audit row of a sign-out (sign-ins: auth.ts hook).
 */

/** `METHOD path` pairs (after `/api/auth`) that are served. */
export const AUTH_ROUTES = ['GET /get-session', 'POST /sign-in/email', 'POST /sign-out', 'POST /change-password'] as const;

/**
 * Password checks allowed per account (e-mail) in the window (seconds): sign-in and change-password attempts,
 * each successful one given back. Known trade-off: anyone can lock a known e-mail out for the window
 * (docs/security.md); per-address limits alone would let rotating addresses guess without end.
 */
export const SIGN_IN_FAILURES_PER_ACCOUNT = { points: 10, durationS: 15 * 60 } as const;

const failuresByEmail = new RateLimiterMemory({ points: SIGN_IN_FAILURES_PER_ACCOUNT.points, duration: SIGN_IN_FAILURES_PER_ACCOUNT.durationS });

/** A string field of a JSON body, or null (not JSON, absent, not a string). */
function jsonField(body: Uint8Array, name: string): string | null {
  try {
    const value = (JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** An error in better-auth's JSON shape (`{ message, code }`), so the UI reads every auth answer alike. */
function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ message, code }, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/**
 * Runs a password check for `email` under the per-account budget: the attempt is counted before the check
 * (atomic, so parallel requests cannot all slip through); a success clears the account's count. A spent budget
 * answers 429 without checking. A disabled account's correct password (403) is counted like a wrong one.
 */
async function guardedByAccount(email: string, check: () => Promise<Response>): Promise<Response> {
  try {
    await failuresByEmail.consume(email);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return jsonError(429, 'TOO_MANY_ATTEMPTS', `Too many sign-in attempts for this account; retry in ${seconds} s`, { 'retry-after': String(seconds) });
  }
  const response = await check();
  if (response.ok) await failuresByEmail.delete(email);
  return response;
}

/** better-auth answers 429 with `X-Retry-After`; browsers and proxies know the standard `Retry-After` (RFC 9110 §10.2.3). */
function withStandardRetryAfter(response: Response): Response {
  const seconds = response.headers.get('x-retry-after');
  if (response.status === 429 && seconds && !response.headers.has('retry-after')) response.headers.set('retry-after', seconds);
  return response;
}

/** Answers one request under `/api/auth`. */
export async function authHttpResponse(req: Request, db: Db): Promise<Response> {
  return withStandardRetryAfter(await answer(req, db));
}

async function answer(req: Request, db: Db): Promise<Response> {
  const route = `${req.method} ${new URL(req.url).pathname.replace(/^\/api\/auth/, '')}`;
  if (!(AUTH_ROUTES as readonly string[]).includes(route)) return textResponse(404, `No such auth endpoint: ${route}`);
  // Login CSRF too: better-auth checks Origin only when a cookie is sent; a sign-in form posted from another
  // site must not sign the victim's browser into an attacker's account either.
  if (req.method === 'POST' && !isSameOrigin(req)) return textResponse(403, 'Cross-origin request refused');
  const body = await readLimitedBody(req, MAX_BODY_BYTES.auth);
  if (body instanceof Response) return body;
  const request = withBody(req, body);
  const auth = authFor(db);

  if (route === 'POST /sign-in/email') {
    const email = jsonField(body, 'email')?.trim().toLowerCase();
    return email ? guardedByAccount(email, () => auth.handler(request)) : auth.handler(request);
  }
  if (route === 'POST /change-password') {
    const actor = await actorFromHeaders(db, req.headers);
    if (!actor) return auth.handler(request); // better-auth answers 401
    if (jsonField(body, 'newPassword') === jsonField(body, 'currentPassword')) {
      return jsonError(400, 'PASSWORD_UNCHANGED', 'The new password must differ from the current (one-time) password');
    }
    // Guessing the current password with a stolen session is throttled like sign-in.
    const response = await guardedByAccount(actor.email, () => auth.handler(request));
    if (response.ok) {
      await db.transaction(async (tx) => {
        await tx.update(accountsUsers).set({ mustChangePassword: false, updatedAt: new Date() }).where(eq(accountsUsers.id, actor.userId));
        await recordAudit(tx, actor, {
          action: 'change-password',
          tableName: 'accounts_users',
          recordId: actor.userId,
          recordRegionCode: actor.regionCode,
          before: { mustChangePassword: actor.mustChangePassword },
          after: { mustChangePassword: false },
        });
      });
    }
    return response;
  }
  if (route === 'POST /sign-out') {
    const actor = await actorFromHeaders(db, req.headers);
    const response = await auth.handler(request);
    if (actor && response.ok) {
      await recordAudit(db, actor, { action: 'sign-out', tableName: 'accounts_sessions', recordId: actor.userId, recordRegionCode: actor.regionCode });
    }
    return response;
  }
  return auth.handler(request);
}
