/**
 * `/sitemap.xml`: the public pages search engines may index — the village museum's list and every published
 * village (server/villages/published-codes.ts). Absolute addresses on the site's origin (villages/site-origin.ts).
 * @see https://www.sitemaps.org/protocol.html
 */
import type { MetadataRoute } from 'next';
import { getDb } from '@server/db/client';
import { publishedVillageCodes } from '@server/villages/published-codes';
import { siteOrigin } from './villages/site-origin';
import { VILLAGES_PATHS } from './villages/villages-paths';

/** Per request: the list changes when a curator publishes. */
export const dynamic = 'force-dynamic';

/** The sitemap. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [origin, villages] = await Promise.all([siteOrigin(), publishedVillageCodes(getDb())]);
  const latest = villages.reduce<string | undefined>((max, village) => (max === undefined || village.publishedAt > max ? village.publishedAt : max), undefined);
  return [
    { url: `${origin}${VILLAGES_PATHS.list}`, lastModified: latest, changeFrequency: 'weekly', priority: 1 },
    ...villages.map((village) => ({ url: `${origin}${VILLAGES_PATHS.village(village.code)}`, lastModified: village.publishedAt, changeFrequency: 'monthly' as const, priority: 0.8 })),
  ];
}
