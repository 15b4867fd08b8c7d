import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { MAX_BODY_BYTES, hasJsonBody, readLimitedBody, retryAfterSeconds, textResponse, withBody } from '@server/api/request-limits';
import { withClientAddressHeader } from '@server/api/client-address';
import { isSameOrigin } from '@server/api/same-origin';
import { describeIssues } from '@server/api/zod-input';
import type { Db } from '@server/db/client';
import { authFor } from './auth';
import { recordAudit } from './audit';
import { actorFromHeaders } from './session-actor';
import { recordOwnPasswordChanged } from './users-service';

/**
 * `/api/auth/*`: the better-auth endpoints GanTwin exposes, and nothing else (sign-up, profile update, e-mail
 * flows, account deletion … answer 404). Around the library it adds a body-size limit, a per-account sign-in
 * throttle (on top of better-auth's per-address one), the bookkeeping of a password change (clears
 * `must_change_password`, writes an audit row) and the audit row of a sign-out (sign-ins: auth.ts hook).
 *
 * Notes: every POST must carry a JSON body (`Content-Type: application/json`, else 415 before better-auth runs).
 * better-auth also accepts form-encoded sign-in bodies; the per-account throttle reads the e-mail from the body,
 * so a form body it could not read skipped the throttle (unlimited guessing, review 2026-12). Reading forms too
 * was rejected: a second parser would have to agree with better-call's on every edge (duplicate keys, charsets,
 * multipart parts) or the bypass reopens, while refusing is one comparison. The pages send JSON only, and a
 * cross-site HTML form cannot send `application/json` (one more layer against login CSRF).
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

/** What a POST with any body but JSON gets (415), in better-auth's error shape. */
const NOT_JSON_MESSAGE = 'Send the request body as JSON (Content-Type: application/json)';

const text = z.string({ error: 'must be a string' });
const flag = z.boolean({ error: 'must be true or false' });

/**
 * The POST bodies, checked before better-auth reads them (it checks again): a bad body gets a 400 in our words
 * instead of better-auth's (`[body.email] Invalid input: expected string, received number`). Other fields pass.
 */
const SIGN_IN_BODY = z.object({ email: text, password: text, rememberMe: flag.optional(), callbackURL: text.optional() });
const CHANGE_PASSWORD_BODY = z.object({ currentPassword: text, newPassword: text, revokeOtherSessions: flag.optional() });
const SIGN_OUT_BODY = z.object({});

/**
 * A POST body read with its route's schema.
 * @returns the parsed fields, or a 400 `INVALID_BODY` answer naming the problem (not JSON, not an object, a field)
 */
function readBody<TSchema extends z.ZodType>(schema: TSchema, body: Uint8Array): z.output<TSchema> | Response {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return jsonError(400, 'INVALID_BODY', 'Invalid input: the request body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return jsonError(400, 'INVALID_BODY', 'Invalid input: the request body must be a JSON object');
  }
  const result = schema.safeParse(json);
  return result.success ? result.data : jsonError(400, 'INVALID_BODY', `Invalid input: ${describeIssues(result.error.issues)}`);
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
    const seconds = retryAfterSeconds(rejection.msBeforeNext);
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

/**
 * Answers one request under `/api/auth` (route handler app/api/auth/[...all]). Besides better-auth's own answers
 * (200, 400 invalid input, 401 wrong credentials, 403 disabled account or foreign origin, 429 per address):
 * 404 for an endpoint not in {@link AUTH_ROUTES}, 403 for a cross-origin POST, 415 for a POST whose body is not
 * JSON, 413 for a body over `MAX_BODY_BYTES.auth`, 400 `INVALID_BODY` for a body that is not a JSON object with
 * the route's fields (message in our words), 429 `TOO_MANY_ATTEMPTS` when the account's budget is spent,
 * 400 `PASSWORD_UNCHANGED`. Every 429 carries `Retry-After` in seconds. Never throws for bad input; database
 * failures propagate (500).
 */
export async function authHttpResponse(req: Request, db: Db): Promise<Response> {
  return withStandardRetryAfter(await answer(req, db));
}

async function answer(req: Request, db: Db): Promise<Response> {
  const route = `${req.method} ${new URL(req.url).pathname.replace(/^\/api\/auth/, '')}`;
  if (!(AUTH_ROUTES as readonly string[]).includes(route)) return textResponse(404, `No such auth endpoint: ${route}`);
  // Login CSRF too: better-auth checks Origin only when a cookie is sent; a sign-in form posted from another
  // site must not sign the victim's browser into an attacker's account either.
  if (req.method === 'POST' && !isSameOrigin(req)) return textResponse(403, 'Cross-origin request refused');
  if (req.method === 'POST' && !hasJsonBody(req)) return jsonError(415, 'UNSUPPORTED_MEDIA_TYPE', NOT_JSON_MESSAGE);
  const body = await readLimitedBody(req, MAX_BODY_BYTES.auth);
  if (body instanceof Response) return body;
  // better-auth keys its per-address limits on the address resolved by client-address.ts (TRUST_PROXY).
  const request = withBody(req, body, withClientAddressHeader(req.headers));
  const auth = authFor(db);

  if (route === 'POST /sign-in/email') {
    const fields = readBody(SIGN_IN_BODY, body);
    if (fields instanceof Response) return fields;
    const email = fields.email.trim().toLowerCase();
    return email ? guardedByAccount(email, () => auth.handler(request)) : auth.handler(request);
  }
  if (route === 'POST /change-password') {
    const fields = readBody(CHANGE_PASSWORD_BODY, body);
    if (fields instanceof Response) return fields;
    const actor = await actorFromHeaders(db, req.headers);
    if (!actor) return auth.handler(request); // better-auth answers 401
    if (fields.newPassword === fields.currentPassword) {
      return jsonError(400, 'PASSWORD_UNCHANGED', 'The new password must differ from the current (one-time) password');
    }
    // Guessing the current password with a stolen session is throttled like sign-in.
    const response = await guardedByAccount(actor.email, () => auth.handler(request));
    if (response.ok) await recordOwnPasswordChanged(db, actor);
    return response;
  }
  if (route === 'POST /sign-out') {
    const checked = readBody(SIGN_OUT_BODY, body);
    if (checked instanceof Response) return checked;
    const actor = await actorFromHeaders(db, req.headers);
    const response = await auth.handler(request);
    if (actor && response.ok) {
      await recordAudit(db, actor, { action: 'sign-out', tableName: 'accounts_sessions', recordId: actor.userId, recordRegionCode: actor.regionCode });
    }
    return response;
  }
  return auth.handler(request);
}
