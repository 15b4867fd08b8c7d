/**
 * Runs before every page request:
 * 1. a fresh CSP nonce and the page Content-Security-Policy (server/api/content-security-policy.ts), set on the
 *    request (Next.js reads it to put the nonce on its scripts) and on the response;
 * 2. `?lang=en` / `?lang=zh-CN`: stores the locale in the locale cookie (for later visits) and rewrites the current
 *    request's cookie so the root layout renders `<html lang>` and the page in that locale at once.
 * API routes, tiles, CesiumJS assets and Next.js static files are not pages and are skipped (`config.matcher`).
 *
 * @see node_modules/next/dist/docs/01-app/03-api-reference/03-file-conventions/proxy.md
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce } from '@server/api/content-security-policy';
import { IS_NEXT_DEV } from '@server/env';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_QUERY_PARAM, parseLocale } from '@viewer/core/i18n';

/** Adds the page CSP and applies a valid `?lang=`. */
export function proxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(createNonce(), { dev: IS_NEXT_DEV });
  const locale = parseLocale(request.nextUrl.searchParams.get(LOCALE_QUERY_PARAM));
  if (locale) request.cookies.set(LOCALE_COOKIE, locale);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (locale) response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: 'lax' });
  return response;
}

/** Page requests only (matchers must be literals); prefetches carry no HTML of their own. */
export const config = {
  matcher: [
    {
      source: '/((?!api|tiles|cesium|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
