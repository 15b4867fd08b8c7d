import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@server/db/client';
import { pinyinQuery } from './pinyin';
import type { publicListInput } from './inputs';
import type { PublicVillage } from './public-village-types';

/** What a list card shows of a published village. */
export type PublicVillageCard = Pick<
  PublicVillage,
  'code' | 'nameZh' | 'nameEn' | 'town' | 'county' | 'countyCode' | 'city' | 'cityCode' | 'position' | 'isPositionVerified' | 'nationalBatch' | 'themes' | 'summaryZh' | 'summaryEn' | 'cover' | 'isDemo'
>;

/** Counts of published villages per filter value (over all published villages, not the current page). */
export interface PublicVillageFacets {
  cities: { code: string; name: string; count: number }[];
  counties: { code: string; name: string; cityCode: string; count: number }[];
  batches: { batch: number; count: number }[];
  themes: { theme: string; count: number }[];
}

/** One page of the public village list. */
export interface PublicVillageList {
  items: PublicVillageCard[];
  total: number;
  facets: PublicVillageFacets;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

const DOC = sql.raw('published');

/**
 * Lists published villages (anonymous; reads only the published documents), filtered and paged, ordered by city,
 * county and pinyin. `q` matches the Chinese name (substring), the full pinyin (substring, spaces ignored) and the
 * pinyin initials (prefix): `李坑`, `likeng`, `lk` all find 李坑村.
 * @param input validated by `publicListInput` (./inputs.ts): limit ≤ 100, q ≤ 40 chars
 */
export async function listPublicVillages(db: Db, input: z.output<typeof publicListInput>): Promise<PublicVillageList> {
  const conditions: SQL[] = [sql`${DOC} IS NOT NULL`];
  const q = input.q?.trim() ?? '';
  if (q.length > 0) {
    const name = `%${likeLiteral(q)}%`;
    const spelled = pinyinQuery(q);
    conditions.push(
      spelled.length > 0
        ? sql`(${DOC}->>'nameZh' LIKE ${name} OR ${DOC}->>'pinyin' LIKE ${`%${likeLiteral(spelled)}%`} OR ${DOC}->>'initials' LIKE ${`${likeLiteral(spelled)}%`} OR lower(coalesce(${DOC}->>'nameEn', '')) LIKE ${`%${likeLiteral(q.toLowerCase())}%`})`
        : sql`${DOC}->>'nameZh' LIKE ${name}`,
    );
  }
  if (input.cityCode) conditions.push(sql`${DOC}->>'cityCode' = ${input.cityCode}`);
  if (input.countyCode) conditions.push(sql`${DOC}->>'countyCode' = ${input.countyCode}`);
  if (input.nationalBatch) conditions.push(sql`(${DOC}->>'nationalBatch')::int = ${input.nationalBatch}`);
  if (input.theme) conditions.push(sql`${DOC}->'themes' ? ${input.theme}`);
  const where = sql.join(conditions, sql` AND `);

  // One after the other: `db` may be a transaction (the header search runs plates in read-only transactions).
  const page = await db.execute<{ card: PublicVillageCard; total: number }>(sql`
      SELECT jsonb_build_object(
               'code', ${DOC}->'code', 'nameZh', ${DOC}->'nameZh', 'nameEn', ${DOC}->'nameEn', 'town', ${DOC}->'town',
               'county', ${DOC}->'county', 'countyCode', ${DOC}->'countyCode', 'city', ${DOC}->'city', 'cityCode', ${DOC}->'cityCode',
               'position', ${DOC}->'position', 'isPositionVerified', ${DOC}->'isPositionVerified', 'nationalBatch', ${DOC}->'nationalBatch',
               'themes', ${DOC}->'themes', 'summaryZh', ${DOC}->'summaryZh', 'summaryEn', ${DOC}->'summaryEn', 'cover', ${DOC}->'cover',
               'isDemo', ${DOC}->'isDemo') AS card,
             count(*) OVER ()::int AS total
        FROM villages_villages
       WHERE ${where}
       ORDER BY ${DOC}->>'cityCode', ${DOC}->>'countyCode', ${DOC}->>'pinyin', code
       LIMIT ${input.limit} OFFSET ${input.offset}`);
  const facets = await db.execute<{ facets: PublicVillageFacets }>(sql`
      WITH pub AS (SELECT published AS doc FROM villages_villages WHERE published IS NOT NULL)
      SELECT jsonb_build_object(
        'cities', coalesce((SELECT jsonb_agg(c ORDER BY c->>'code') FROM (SELECT jsonb_build_object('code', doc->>'cityCode', 'name', doc->>'city', 'count', count(*)) AS c FROM pub GROUP BY doc->>'cityCode', doc->>'city') s), '[]'::jsonb),
        'counties', coalesce((SELECT jsonb_agg(c ORDER BY c->>'code') FROM (SELECT jsonb_build_object('code', doc->>'countyCode', 'name', doc->>'county', 'cityCode', doc->>'cityCode', 'count', count(*)) AS c FROM pub GROUP BY doc->>'countyCode', doc->>'county', doc->>'cityCode') s), '[]'::jsonb),
        'batches', coalesce((SELECT jsonb_agg(c ORDER BY (c->>'batch')::int) FROM (SELECT jsonb_build_object('batch', (doc->>'nationalBatch')::int, 'count', count(*)) AS c FROM pub WHERE doc->>'nationalBatch' IS NOT NULL GROUP BY doc->>'nationalBatch') s), '[]'::jsonb),
        'themes', coalesce((SELECT jsonb_agg(c ORDER BY c->>'theme') FROM (SELECT jsonb_build_object('theme', t, 'count', count(*)) AS c FROM pub, jsonb_array_elements_text(doc->'themes') t GROUP BY t) s), '[]'::jsonb)
      ) AS facets`);
  return { items: page.rows.map((row) => row.card), total: page.rows[0]?.total ?? 0, facets: facets.rows[0]!.facets };
}
