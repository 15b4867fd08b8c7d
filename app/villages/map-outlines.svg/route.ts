/**
 * `GET /villages/map-outlines.svg` — the outline layer of the public map (server/villages/jiangxi-map-svg.ts), cached
 * by browsers and proxies for a day (reference data; it changes only when the regions are re-seeded). Opened on its
 * own it is a document under the page Content-Security-Policy of proxy.ts (it holds no script anyway).
 */
import { getDb } from '@server/db/client';
import { jiangxiMap } from '@server/villages/jiangxi-map';
import { jiangxiMapSvg } from '@server/villages/jiangxi-map-svg';

/** Read from PostgreSQL at request time (never at build time). */
export const dynamic = 'force-dynamic';

/** The SVG document. */
export async function GET(): Promise<Response> {
  const svg = jiangxiMapSvg(await jiangxiMap(getDb()));
  return new Response(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
    },
  });
}
