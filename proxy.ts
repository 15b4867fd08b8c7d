/**
 * Applies `?lang=en` / `?lang=zh-CN`: stores the locale in the locale cookie (for later visits) and rewrites the
 * current request's cookie so the root layout renders `<html lang>` and the page in that locale at once.
 * Runs only for requests that carry a `lang` query parameter (see `config.matcher`).
 *
 * @see node_modules/next/dist/docs/01-app/03-api-reference/03-file-conventions/proxy.md
 */
import { NextResponse, type NextRequest } from 'next/server';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_QUERY_PARAM, parseLocale } from '@viewer/core/i18n';

/** Copies a valid `?lang=` into the locale cookie of the request and the response. */
export function proxy(request: NextRequest): NextResponse {
  const locale = parseLocale(request.nextUrl.searchParams.get(LOCALE_QUERY_PARAM));
  if (!locale) return NextResponse.next();
  request.cookies.set(LOCALE_COOKIE, locale);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: 'lax' });
  return response;
}

/** Runs only for page requests with a `lang` query parameter (`LOCALE_QUERY_PARAM`; matchers must be literals). */
export const config = {
  matcher: [{ source: '/((?!api|tiles|cesium|_next).*)', has: [{ type: 'query', key: 'lang' }] }],
};
