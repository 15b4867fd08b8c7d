/**
 * Runs before every page, API and tile request:
 * 1. with `TRUST_PROXY=0` (no trusted reverse proxy), drops any `X-Forwarded-For` the client sent, so that Next.js
 *    writes the socket's peer address into it and the routes see the real client address
 *    (server/api/client-address.ts); drops a client's `x-gantwin-client-address` always (better-auth's address);
 * 2. pages only: a fresh CSP nonce and the page Content-Security-Policy (server/api/content-security-policy.ts),
 *    set on the request (Next.js reads it to put the nonce on its scripts) and on the response; the twin page `/`
 *    also allows the origins of the registered catalogue layers its visitor may see
 *    (server/twin/catalogue/csp-origins.ts, read from PostgreSQL at most every 10 s per process);
 * 3. pages only: `?lang=en` / `?lang=zh-CN` stores the locale in the locale cookie (for later visits) and rewrites
 *    the current request's cookie so the root layout renders `<html lang>` and the page in that locale at once.
 * CesiumJS assets, Next.js static files, the upload routes (catalogue, review, imports, village media) and the sensor ingest are skipped (`config.matcher`): Next.js
 * buffers the body of every request the proxy sees (256 KiB here), which would cut an upload.
 *
 * @see node_modules/next/dist/docs/01-app/03-api-reference/03-file-conventions/proxy.md
 */
import { NextResponse, type NextRequest } from 'next/server';
import { CLIENT_ADDRESS_HEADER } from '@server/api/client-address';
import { contentSecurityPolicy, createNonce } from '@server/api/content-security-policy';
import { actorFromHeaders } from '@server/accounts/session-actor';
import { getDb } from '@server/db/client';
import { IS_NEXT_DEV, env } from '@server/env';
import { twinPageOrigins } from '@server/twin/catalogue/csp-origins';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_QUERY_PARAM, parseLocale } from '@viewer/core/i18n';

/** Route handlers that read the client address (tRPC, auth, GeoJSON, tiles, village media): no page CSP, no locale. */
const NON_PAGE_PATH = /^\/(api|tiles|media)(\/|$)/;

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

/** Pages that draw catalogue layers and so need their registered origins in the policy. */
const TWIN_PAGE_PATH = /^\/$/;

/**
 * The registered origins the request's visitor may load on the twin page; none when the database is not
 * configured or cannot be read (the page then keeps the strict policy and third-party layers do not load).
 */
async function extraOriginsFor(request: NextRequest): Promise<string[]> {
  if (!TWIN_PAGE_PATH.test(request.nextUrl.pathname) || !env.DATABASE_URL) return [];
  try {
    const db = getDb();
    return await twinPageOrigins(db, await actorFromHeaders(db, request.headers));
  } catch {
    return [];
  }
}

/** Drops forged forwarding headers; on pages also adds the CSP and applies a valid `?lang=`. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (NON_PAGE_PATH.test(request.nextUrl.pathname)) return NextResponse.next({ request: { headers: withoutForgedForwarding(request) } });
  const policy = contentSecurityPolicy(createNonce(), { dev: IS_NEXT_DEV, extraOrigins: await extraOriginsFor(request) });
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
      source: '/((?!api|tiles|media|cesium|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    // Every API route except the catalogue uploads, the review uploads (tus), the parcel and network imports, the village media upload and the sensor ingest
    // (see the module doc). The ingest reads no client address except for throttling failed authentications.
    '/api/((?!twin/catalogue/tilesets$|twin/catalogue/vectors$|review/uploads|review/parcels/import$|lifelines/import$|villages/media$|sensors/readings$).*)',
    '/tiles/:path*',
    '/media/:path*',
  ],
};
