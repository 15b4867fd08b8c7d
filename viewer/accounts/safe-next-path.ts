/**
 * Where to go after signing in: the `?next=` parameter, accepted only when it is a path on this site, so that a
 * crafted link cannot send a freshly signed-in user to another site (open redirect, OWASP "Unvalidated Redirects
 * and Forwards").
 */

/** Name of the query parameter that carries the page to return to after signing in. */
export const NEXT_QUERY_PARAM = 'next';

/** A base that no real request has; used only to let `URL` resolve and normalise a relative path. */
const PROBE_ORIGIN = 'http://gantwin.invalid';

/** Pages that must not be the target after signing in (they would loop or sign out again). */
const REJECTED_PATHS = ['/sign-in'];

/**
 * The same-site path `raw` names, or `fallback`.
 *
 * Accepted: text starting with a single `/` that resolves on this site (`/admin/accounts?q=x#top`). Rejected:
 * empty, absolute URLs (`https://evil.example`), protocol-relative `//evil.example`, `/\evil.example` (browsers
 * read `\` as `/`), any backslash or control character, `javascript:`, and the sign-in page itself.
 *
 * @param raw the untrusted parameter value (may be missing or repeated)
 * @param fallback where to go otherwise (default `/`, the twin)
 * @returns a path beginning with exactly one `/`, normalised by `URL` (`/a/../b` → `/b`)
 */
export function safeNextPath(raw: string | readonly string[] | null | undefined, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//')) return fallback;
  if (REJECTED_PATHS.includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The sign-in URL that comes back to `path` afterwards.
 * @returns e.g. `/sign-in?next=%2Fadmin%2Faccounts`
 */
export function signInHref(path: string): string {
  return `/sign-in?${new URLSearchParams({ [NEXT_QUERY_PARAM]: path })}`;
}
