/**
 * Runs before every page, API and tile request:
 * 1. with `TRUST_PROXY=0` (no trusted reverse proxy), drops any `X-Forwarded-For` the client sent, so that Next.js
 *    writes the socket's peer address into it and the routes see the real client address
 *    (server/api/client-address.ts); drops a client's `x-gantwin-client-address` always (better-auth's address);
 * 2. pages only: a fresh CSP nonce and the page Content-Security-Policy (server/api/content-security-policy.ts),
 *    set on the request (Next.js reads it to put the nonce on its scripts) and on the response;
 * 3. pages only: `?lang=en` / `?lang=zh-CN` stores the locale in the locale cookie (for later visits) and rewrites
 *    the current request's cookie so the root layout renders `<html lang>` and the page in that locale at once.
 * CesiumJS assets and Next.js static files are skipped (`config.matcher`).
 *
 * @see node_modules/next/dist/docs/01-app/03-api-reference/03-file-conventions/proxy.md
 */
import { NextResponse, type NextRequest } from 'next/server';
import { CLIENT_ADDRESS_HEADER } from '@server/api/client-address';
import { contentSecurityPolicy, createNonce } from '@server/api/content-security-policy';
import { IS_NEXT_DEV, env } from '@server/env';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_QUERY_PARAM, parseLocale } from '@viewer/core/i18n';

/** Route handlers that read the client address (tRPC, auth, GeoJSON, tiles): no page CSP, no locale. */
const NON_PAGE_PATH = /^\/(api|tiles)(\/|$)/;

/**
 * A copy of the request headers without what a client may have forged: `x-gantwin-client-address` always, and
 * `x-forwarded-for` unless a proxy is trusted (Next.js then writes the socket address into it).
 */
function withoutForgedForwarding(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (env.TRUST_PROXY === 0) headers.delete('x-forwarded-for');
  return headers;
}

/** Drops forged forwarding headers; on pages also adds the CSP and applies a valid `?lang=`. */
export function proxy(request: NextRequest): NextResponse {
  if (NON_PAGE_PATH.test(request.nextUrl.pathname)) return NextResponse.next({ request: { headers: withoutForgedForwarding(request) } });
  const policy = contentSecurityPolicy(createNonce(), { dev: IS_NEXT_DEV });
  const locale = parseLocale(request.nextUrl.searchParams.get(LOCALE_QUERY_PARAM));
  if (locale) request.cookies.set(LOCALE_COOKIE, locale);
  const headers = withoutForgedForwarding(request);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (locale) response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: 'lax' });
  return response;
}

/**
 * Pages (except prefetches, which carry no HTML of their own), and every API and tile request: those read the
 * client address, so no request header may skip the proxy there. Matchers must be literals.
 */
export const config = {
  matcher: [
    {
      source: '/((?!api|tiles|cesium|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    '/api/:path*',
    '/tiles/:path*',
  ],
};
