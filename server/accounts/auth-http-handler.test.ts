import { desc, eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@server/api/client-address';
import { createRecordingLogger } from '@server/api/recording-logger';
import { trpcHttpResponse } from '@server/api/trpc-http-handler';
import { accountsAuditLog, accountsSessions } from '@server/db/schema/accounts';
import { connectTestDb } from '@server/db/test-database';
import { SIGN_IN_RATE_LIMIT } from './auth';
import { SIGN_IN_FAILURES_PER_ACCOUNT, authHttpResponse } from './auth-http-handler';
import { TEST_REGIONS, createTestAccount, ensureTestRegions } from './test-fixtures';
import { setUserDisabled } from './users-service';

/**
 * Sign-in over HTTP through better-auth and our wrapper, against the real database: cookies, the one-time
 * password flow, throttling, disabled accounts, CSRF and body limits. Each test uses its own client address
 * (TEST-NET-2, RFC 5737) so the per-address counters do not interfere.
 */

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;
const ORIGIN = 'http://localhost';

let nextHost = 1;
const freshAddress = () => `198.51.100.${nextHost++}`;

function post(path: string, body: unknown, headers: Record<string, string>): Request {
  return new Request(`${ORIGIN}/api/auth${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
  });
}

const signIn = (email: string, password: string, address: string, extra: Record<string, string> = {}) =>
  authHttpResponse(post('/sign-in/email', { email, password }, { 'x-forwarded-for': address, ...extra }), db);

/** The `name=value` pair of the session cookie set by a response. */
function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('gantwin.session_token='));
  if (!cookie) throw new Error(`no session cookie in ${response.status} response`);
  return cookie.split(';')[0];
}

async function trpcGet(procedure: string, cookie: string): Promise<{ status: number; body: unknown; cacheControl: string | null }> {
  const response = await trpcHttpResponse(new Request(`${ORIGIN}/api/trpc/${procedure}`, { headers: { cookie, 'x-forwarded-for': freshAddress() } }), {
    getDb: () => db,
    logger: createRecordingLogger(),
  });
  const json = (await response.json()) as { result?: { data: unknown } };
  return { status: response.status, body: json.result ? superjson.deserialize(json.result.data as never) : json, cacheControl: response.headers.get('cache-control') };
}

beforeAll(() => ensureTestRegions(db));

describe('sign-in over /api/auth (better-auth + GanTwin wrapper)', () => {
  it('signs in with the one-time password: HTTP-only SameSite=Lax cookie, password change required, then full access', async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang, 'planner', { pendingPassword: true });
    const address = freshAddress();
    const response = await signIn(actor.email, password, address);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('gantwin.session_token='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookie(response);

    const meFirst = await trpcGet('accounts.me', cookie);
    expect(meFirst.body).toMatchObject({ email: actor.email, mustChangePassword: true, regionName: '南昌市' });
    expect(meFirst.cacheControl).toBe('private, no-store');
    expect((await trpcGet('accounts.users.list?input=%7B%22json%22%3A%7B%7D%7D', cookie)).status).toBe(403);

    const same = await authHttpResponse(post('/change-password', { currentPassword: password, newPassword: password }, { cookie, 'x-forwarded-for': address }), db);
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ code: 'PASSWORD_UNCHANGED' });
    const newPassword = 'Gan-Twin 2026 new';
    const changed = await authHttpResponse(post('/change-password', { currentPassword: password, newPassword, revokeOtherSessions: false }, { cookie, 'x-forwarded-for': address }), db);
    expect(changed.status).toBe(200);
    expect((await trpcGet('accounts.me', cookie)).body).toMatchObject({ mustChangePassword: false });
    const [audit] = await db.select().from(accountsAuditLog).where(eq(accountsAuditLog.recordId, actor.userId)).orderBy(desc(accountsAuditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'change-password', actorId: actor.userId, before: { mustChangePassword: true }, after: { mustChangePassword: false }, ipAddress: address });
    expect(JSON.stringify(audit)).not.toContain(newPassword);

    expect((await signIn(actor.email, password, freshAddress())).status).toBe(401);
    expect((await signIn(actor.email, newPassword, freshAddress())).status).toBe(200);

    const out = await authHttpResponse(post('/sign-out', {}, { cookie, 'x-forwarded-for': address }), db);
    expect(out.status).toBe(200);
    expect((await trpcGet('accounts.me', cookie)).body).toBeNull();
    const trail = await db.select().from(accountsAuditLog).where(eq(accountsAuditLog.recordId, actor.userId)).orderBy(accountsAuditLog.id);
    expect(trail.map((row) => row.action)).toEqual(['create', 'sign-in', 'change-password', 'sign-in', 'sign-out']);
    expect(trail[1]).toMatchObject({ tableName: 'accounts_sessions', actorId: actor.userId, ipAddress: address });
  });

  it(`throttles brute force per address: attempt ${SIGN_IN_RATE_LIMIT.max + 1} within ${SIGN_IN_RATE_LIMIT.window} s answers 429`, async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++) statuses.push((await signIn(actor.email, `wrong-${i}-password`, address)).status);
    expect(statuses).toEqual(Array(SIGN_IN_RATE_LIMIT.max).fill(401));
    const blocked = await signIn(actor.email, password, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it(`throttles brute force per account across addresses after ${SIGN_IN_FAILURES_PER_ACCOUNT.points} failures`, async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT.points; i++) expect((await signIn(actor.email, `wrong-${i}-password`, freshAddress())).status).toBe(401);
    const blocked = await signIn(actor.email, password, freshAddress());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts attempts before checking them: 30 parallel guesses from 30 addresses get at most the account budget checked', async () => {
    const { actor } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(actor.email, `parallel-${i}-guess`, freshAddress()).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(SIGN_IN_FAILURES_PER_ACCOUNT.points);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30 - SIGN_IN_FAILURES_PER_ACCOUNT.points);
  });

  it('refuses every body encoding but JSON before a password check (415), so no guess escapes the account budget', async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const raw = (body: BodyInit, contentType: string | null) =>
      authHttpResponse(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: 'POST',
          body,
          headers: { origin: ORIGIN, 'x-forwarded-for': freshAddress(), ...(contentType ? { 'content-type': contentType } : {}) },
        }),
        db,
      );
    const form = new URLSearchParams({ email: actor.email, password }).toString();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT.points; i++) expect((await signIn(actor.email, `wrong-${i}-password`, freshAddress())).status).toBe(401);
    // The budget is spent: the right password, form-encoded, must not sign in either.
    const formAfterBudget = await raw(form, 'application/x-www-form-urlencoded');
    expect(formAfterBudget.status).toBe(415);
    expect(formAfterBudget.headers.getSetCookie().some((c) => c.startsWith('gantwin.session_token='))).toBe(false);
    const multipart = new FormData();
    multipart.set('email', actor.email);
    multipart.set('password', password);
    for (const [body, type] of [
      [form, 'application/x-www-form-urlencoded; charset=utf-8'],
      [multipart, null],
      [JSON.stringify({ email: actor.email, password }), 'text/plain'],
      [JSON.stringify({ email: actor.email, password }), 'application/vnd.api+json'],
      [JSON.stringify({ email: actor.email, password }), null],
    ] as const) {
      const response = await raw(body, type);
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as JSON (Content-Type: application/json)' });
    }
    expect((await signIn(actor.email, password, freshAddress())).status).toBe(429);
  });

  it('records only a valid client address: a hostile or client-written x-forwarded-for leaves the audit address empty', async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    for (const forwardedFor of ['<img src=x onerror=alert(1)>', `198.51.100.250, ${freshAddress()}`]) {
      expect((await signIn(actor.email, password, forwardedFor)).status).toBe(200);
      const [row] = await db.select().from(accountsAuditLog).where(eq(accountsAuditLog.recordId, actor.userId)).orderBy(desc(accountsAuditLog.id)).limit(1);
      expect(row).toMatchObject({ action: 'sign-in', ipAddress: null });
    }
  });

  it('keys the per-address sign-in limit on the resolved client address, not on a client-sent x-gantwin-client-address', async () => {
    const { actor } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const spoofed = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_RATE_LIMIT.max; i++) {
      statuses.push((await signIn(actor.email, `wrong-${i}-password`, freshAddress(), { [CLIENT_ADDRESS_HEADER]: spoofed })).status);
    }
    expect(statuses).toEqual(Array(SIGN_IN_RATE_LIMIT.max + 1).fill(401));
  });

  it('answers malformed or mistyped JSON bodies with 400 in our words, never better-auth\'s or zod\'s text', async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const cookie = sessionCookie(await signIn(actor.email, password, freshAddress()));
    const postText = (path: string, body: string) =>
      authHttpResponse(new Request(`${ORIGIN}/api/auth${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, 'x-forwarded-for': freshAddress() } }), db);
    for (const [path, body, message] of [
      ['/sign-in/email', '{"email":', 'Invalid input: the request body is not valid JSON'],
      ['/sign-in/email', '', 'Invalid input: the request body is not valid JSON'],
      ['/sign-in/email', '[1]', 'Invalid input: the request body must be a JSON object'],
      ['/sign-in/email', '{"email":5,"password":"x"}', 'Invalid input: email: must be a string'],
      ['/sign-in/email', '{"email":"a@b.c"}', 'Invalid input: password: must be a string'],
      ['/sign-in/email', '{"email":"a@b.c","password":"long enough pw","rememberMe":"yes"}', 'Invalid input: rememberMe: must be true or false'],
      ['/change-password', '{"currentPassword":1,"newPassword":2}', 'Invalid input: currentPassword: must be a string; newPassword: must be a string'],
      ['/change-password', '{"x":', 'Invalid input: the request body is not valid JSON'],
      ['/sign-out', 'null', 'Invalid input: the request body must be a JSON object'],
    ] as const) {
      const response = await postText(path, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 'INVALID_BODY', message });
    }
  });

  it('refuses a disabled account with the right password, and its sessions are gone', async () => {
    const { actor, password } = await createTestAccount(db, 'inspector', TEST_REGIONS.donghu);
    const cookie = sessionCookie(await signIn(actor.email, password, freshAddress()));
    const { actor: admin } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    await setUserDisabled(db, admin, { id: actor.userId }, true);
    expect(await db.select().from(accountsSessions).where(eq(accountsSessions.userId, actor.userId))).toEqual([]);
    expect((await trpcGet('accounts.me', cookie)).body).toBeNull();
    const refused = await signIn(actor.email, password, freshAddress());
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('gantwin.session_token=') && !c.includes('Max-Age=0'))).toBe(false);
  });

  it('refuses a sign-in posted from another origin (CSRF) and sign-up (no self-registration)', async () => {
    const { actor, password } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    expect((await signIn(actor.email, password, freshAddress(), { origin: 'http://evil.example' })).status).toBe(403);
    const signUp = await authHttpResponse(post('/sign-up/email', { email: 'self@test.gantwin.local', password: 'long enough pw', name: 'x' }, { 'x-forwarded-for': freshAddress() }), db);
    expect(signUp.status).toBe(404);
  });

  it('answers 413 to a body over 16 KiB without reading it into better-auth', async () => {
    const response = await signIn('a@test.gantwin.local', 'x'.repeat(20_000), freshAddress());
    expect(response.status).toBe(413);
  });
});
