import type { Actor } from '@server/api/actor';
import { clientAddress } from '@server/api/client-address';
import type { Db } from '@server/db/client';
import type { Role } from '@server/db/schema/accounts';
import { COOKIE_PREFIX, authFor } from './auth';

/** `name=` of the session cookie (better-auth's `session_token` under our prefix; `__Secure-` may precede it). */
export const SESSION_COOKIE_NAME = `${COOKIE_PREFIX}.session_token=`;

/** The user fields better-auth returns with a session, including our additional fields. */
interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionCode: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

/**
 * Resolves the {@link Actor} of a request from its session cookie (better-auth `getSession`, checked against
 * `accounts_sessions` on every call). Anonymous, expired, unknown or disabled → `null`.
 * @param headers the request headers (cookie, x-forwarded-for, user-agent)
 */
export async function actorFromHeaders(db: Db, headers: Headers): Promise<Actor | null> {
  // Anonymous requests (most tile and GeoJSON requests) carry no session cookie: no database round trip.
  if (!headers.get('cookie')?.includes(SESSION_COOKIE_NAME)) return null;
  const session = await authFor(db).api.getSession({ headers });
  if (!session) return null;
  const user = session.user as unknown as SessionUser;
  if (user.disabled) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    regionCode: user.regionCode,
    mustChangePassword: user.mustChangePassword,
    ipAddress: clientAddress(headers),
    userAgent: headers.get('user-agent'),
  };
}
