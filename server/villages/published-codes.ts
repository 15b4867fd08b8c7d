import { isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { villagesVillages } from '@server/db/schema/villages';

/** Most villages listed (a sitemap file holds at most 50 000 addresses; Jiangxi has a few hundred villages). */
export const PUBLISHED_CODES_MAX = 50_000;

/**
 * The codes of every published village with the time of its last publishing (the sitemap), ordered by code.
 * Anonymous: it reveals only what the public pages show.
 * @returns `[{ code, publishedAt }]`, `publishedAt` ISO 8601
 */
export async function publishedVillageCodes(db: Db): Promise<{ code: string; publishedAt: string }[]> {
  const rows = await db
    .select({ code: villagesVillages.code, publishedAt: sql<string>`${villagesVillages.published}->>'publishedAt'` })
    .from(villagesVillages)
    .where(isNotNull(villagesVillages.published))
    .orderBy(villagesVillages.code)
    .limit(PUBLISHED_CODES_MAX);
  return rows;
}
