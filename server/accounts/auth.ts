import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import {
  accountsCredentials,
  accountsRateLimits,
  accountsSessions,
  accountsUsers,
  accountsVerifications,
} from '@server/db/schema/accounts';
import { CLIENT_ADDRESS_HEADER, clientAddress } from '@server/api/client-address';
import { requestOrigin } from '@server/api/same-origin';
import { env } from '@server/env';
import { recordAudit } from './audit';
import { authSecret } from './auth-secret';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password';

/**
 * Sign-in for GanTwin, built on better-auth (https://www.better-auth.com) with its Drizzle adapter over our
 * `accounts_*` tables. What the library does: e-mail + password sign-in, database sessions in an HTTP-only,
 * SameSite=Lax, signed cookie, sign-out, password change, the Origin/Fetch-Metadata CSRF check on every
 * cookie-bearing POST, and per-address throttling of sign-in. What we configure:
 * - no self-registration (`disableSignUp`); accounts come from admins (server/accounts/users-service.ts) or
 *   the first-run command (`npm run accounts:create-admin`);
 * - argon2id hashing (password.ts) instead of the default scrypt;
 * - a disabled account cannot create a session (database hook below); its sessions are deleted on disable;
 * - `role`, `regionCode`, `disabled`, `mustChangePassword` are server-only user fields (`input: false`);
 * - sessions last 12 h, refreshed hourly; no cookie cache, so a disable takes effect on the next request;
 * - throttling: sign-in 5 attempts (configurable) / 60 s per client address (as server/api/client-address.ts
 *   resolves it), other auth calls 60 / 60 s, counted in `accounts_rate_limits` (see {@link SIGN_IN_RATE_LIMIT});
 *   per-account throttling is in auth-http-handler.ts.
 * Only the endpoints listed in auth-http-handler.ts (`AUTH_ROUTES`) are reachable over HTTP.
 */

/** Prefix of every better-auth cookie; the session cookie is `<prefix>.session_token` (`__Secure-` first over HTTPS). */
export const COOKIE_PREFIX = 'gantwin';

/** Sign-in attempts allowed per client address per window (window in seconds; `SIGN_IN_LIMIT_PER_MINUTE`, default 5). */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: env.SIGN_IN_LIMIT_PER_MINUTE } as const;

/** Builds the better-auth instance over `db` (the app's shared handle, or a test database). */
export function createAuth(db: Db) {
  const publicUrl = env.GANTWIN_PUBLIC_URL;
  return betterAuth({
    appName: 'GanTwin',
    secret: authSecret(),
    basePath: '/api/auth',
    ...(publicUrl ? { baseURL: publicUrl } : {}),
    // CSRF: only our own origin may POST with the session cookie. Without a fixed public URL the request's own
    // origin is trusted, which still rejects every cross-site Origin (the browser sets Origin, not the page).
    trustedOrigins: (request) => (request ? [requestOrigin(request)] : publicUrl ? [publicUrl] : []),
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: accountsUsers,
        session: accountsSessions,
        account: accountsCredentials,
        verification: accountsVerifications,
        rateLimit: accountsRateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false },
        regionCode: { type: 'string', required: true, input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
        mustChangePassword: { type: 'boolean', required: false, defaultValue: true, input: false },
      },
    },
    session: { expiresIn: 12 * 3600, updateAge: 3600, cookieCache: { enabled: false } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 60,
      customRules: { '/sign-in/email': SIGN_IN_RATE_LIMIT },
    },
    advanced: {
      // The client address as client-address.ts resolves it (TRUST_PROXY), set by auth-http-handler.ts; better-auth's
      // own reading of x-forwarded-for would trust a client's header, or lump every proxied request together.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: publicUrl?.startsWith('https://') ?? false,
      cookiePrefix: COOKIE_PREFIX,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const [user] = await db.select({ disabled: accountsUsers.disabled }).from(accountsUsers).where(eq(accountsUsers.id, session.userId));
            if (!user || user.disabled) throw new APIError('FORBIDDEN', { message: 'This account is disabled', code: 'ACCOUNT_DISABLED' });
          },
          // A session is a write like any other: who signed in, when, from where (sign-out: auth-http-handler.ts).
          after: async (session, context) => {
            const [user] = await db
              .select({ email: accountsUsers.email, regionCode: accountsUsers.regionCode })
              .from(accountsUsers)
              .where(eq(accountsUsers.id, session.userId));
            if (!user) return;
            // The address as every other audit row takes it (client-address.ts), not better-auth's own reading.
            const headers = context?.request?.headers ?? context?.headers;
            const ipAddress = headers ? clientAddress(headers) : (session.ipAddress ?? null);
            await recordAudit(
              db,
              { userId: session.userId, email: user.email, regionCode: user.regionCode, ipAddress, userAgent: session.userAgent ?? null },
              { action: 'sign-in', tableName: 'accounts_sessions', recordId: session.userId, recordRegionCode: user.regionCode, after: { expiresAt: session.expiresAt } },
            );
          },
        },
      },
    },
  });
}

/** The better-auth instance type. */
export type Auth = ReturnType<typeof createAuth>;

const byDb = new WeakMap<Db, Auth>();

/** The better-auth instance for `db`, built once per database handle. */
export function authFor(db: Db): Auth {
  let auth = byDb.get(db);
  if (!auth) {
    auth = createAuth(db);
    byDb.set(db, auth);
  }
  return auth;
}
