import { env } from '@server/env';

/**
 * True when a state-changing request comes from our own origin: the browser's `Origin` header must equal
 * `GANTWIN_PUBLIC_URL` (when set) or the request's own origin. Requests without `Origin` (server-to-server,
 * curl) carry no browser cookie jar and pass. OWASP CSRF cheat sheet, "Verifying origin with standard headers".
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === null) return true;
  return origin === (env.GANTWIN_PUBLIC_URL ?? new URL(req.url).origin);
}
