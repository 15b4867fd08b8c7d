import { env } from '@server/env';

/**
 * The origin the browser addressed: `GANTWIN_PUBLIC_URL` when set, else scheme and host of the request as the
 * client sent them (`x-forwarded-proto`/`x-forwarded-host` from a reverse proxy, else `Host`). Next.js rewrites
 * `req.url` to its own listening host (`localhost`), so the URL cannot be used for this.
 */
export function requestOrigin(req: Request): string {
  if (env.GANTWIN_PUBLIC_URL) return env.GANTWIN_PUBLIC_URL;
  const url = new URL(req.url);
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host') || url.host;
  return `${proto}://${host}`;
}

/**
 * True when a state-changing request comes from our own origin: the browser's `Origin` header must equal
 * {@link requestOrigin}. A cross-site page cannot choose the Origin its victim's browser sends, so this holds
 * even though the Host it is compared with comes from the request. Requests without `Origin` (server-to-server,
 * curl) carry no browser cookie jar and pass. OWASP CSRF cheat sheet, "Verifying origin with standard headers".
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === null) return true;
  return origin === requestOrigin(req);
}
