/**
 * `/robots.txt`: crawlers may read the public village museum (`/villages`, its media under `/media/villages/`) and
 * nothing else — the rest is the twin (a WebGL app with nothing to index), sign-in and the staff's work pages.
 * Previews of drafts also carry `noindex` (villages/[code]/page.tsx).
 * @see https://www.rfc-editor.org/rfc/rfc9309
 */
import type { MetadataRoute } from 'next';
import { siteOrigin } from './villages/site-origin';

/** Per request: the sitemap address is absolute on the request's origin. */
export const dynamic = 'force-dynamic';

/** The rules. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  return {
    rules: [{ userAgent: '*', allow: ['/villages', '/media/villages/'], disallow: ['/'] }],
    sitemap: `${await siteOrigin()}/sitemap.xml`,
  };
}
