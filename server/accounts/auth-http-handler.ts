import { eq } from 'drizzle-orm';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Db } from '@server/db/client';
import { accountsUsers } from '@server/db/schema/accounts';
import { isSameOrigin } from '@server/api/same-origin';
import { MAX_BODY_BYTES, readLimitedBody, textResponse, tooManyRequests, withBody } from '@server/api/request-limits';
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

/** Failed sign-ins allowed per account (e-mail) before it is throttled, and the window in seconds. */
export const SIGN_IN_FAILURES_PER_ACCOUNT = { points: 10, durationS: 15 * 60 } as const;

const failuresByEmail = new RateLimiterMemory({ points: SIGN_IN_FAILURES_PER_ACCOUNT.points, duration: SIGN_IN_FAILURES_PER_ACCOUNT.durationS });

function emailOf(body: Uint8Array): string | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    const email = (parsed as { email?: unknown }).email;
    return typeof email === 'string' ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
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
    const email = emailOf(body);
    const spent = email ? await failuresByEmail.get(email) : null;
    if (spent && spent.remainingPoints <= 0) return tooManyRequests(spent.msBeforeNext);
    const response = await auth.handler(request);
    if (email && response.status === 401) await failuresByEmail.penalty(email, 1);
    if (email && response.ok) await failuresByEmail.delete(email);
    return response;
  }
  if (route === 'POST /change-password') {
    const actor = await actorFromHeaders(db, req.headers);
    const response = await auth.handler(request);
    if (actor && response.ok) {
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
