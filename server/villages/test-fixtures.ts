import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { villagesRegister, villagesVillages } from '@server/db/schema/villages';
import { pinyinKeys } from './pinyin';
import type { PublicVillage } from './public-village-types';

/**
 * Test support for the public pages: published villages written straight into `villages_villages.published` (no
 * curator, no working rows besides the village row), with the register row their code needs. Generic: callers pass
 * what their test is about and get plausible defaults for the rest.
 */

/** A published document with defaults for every field `partial` leaves out (李坑村, 婺源县, unverified, no content). */
export function samplePublicVillage(partial: Partial<PublicVillage> = {}): PublicVillage {
  const nameZh = partial.nameZh ?? '李坑村';
  const keys = pinyinKeys(nameZh);
  return {
    code: '361130102204',
    nameZh,
    nameEn: null,
    pinyin: keys.pinyin,
    initials: keys.initials,
    town: '秋口镇',
    county: '婺源县',
    countyCode: '361130',
    city: '上饶市',
    cityCode: '361100',
    position: [117.86, 29.25],
    isPositionVerified: false,
    boundary: null,
    nationalBatch: null,
    themes: [],
    summaryZh: '',
    summaryEn: null,
    isDemo: false,
    cover: null,
    sections: [],
    buildings: [],
    panoramas: [],
    photos: [],
    pois: [],
    tour: null,
    publishedAt: '2026-01-01T00:00:00.000Z',
    ...partial,
  };
}

/**
 * Inserts a published village (register row if absent, village row with `published` = the document); leaves an
 * existing village with the same code as it is.
 * @param partial the document's fields under test (defaults: {@link samplePublicVillage})
 * @param options.draftSummaryZh the working row's summary, when a test needs the draft to differ from the published
 * @returns the full document and whether it was inserted (false: the code was already taken)
 */
export async function insertPublishedVillage(
  db: Db,
  partial: Partial<PublicVillage> = {},
  options: { draftSummaryZh?: string } = {},
): Promise<{ village: PublicVillage; isInserted: boolean }> {
  const village = samplePublicVillage(partial);
  await db
    .insert(villagesRegister)
    .values({
      code: village.code,
      name: `${village.nameZh}委会`,
      townCode: village.code.slice(0, 9),
      town: village.town,
      countyCode: village.countyCode,
      county: village.county,
      cityCode: village.cityCode.slice(0, 4),
      city: village.city,
      pinyin: village.pinyin,
      initials: village.initials,
    })
    .onConflictDoNothing();
  const inserted = await db
    .insert(villagesVillages)
    .values({
      code: village.code,
      regionCode: village.countyCode,
      nameZh: village.nameZh,
      nameEn: village.nameEn,
      pinyin: village.pinyin,
      initials: village.initials,
      position: { type: 'Point', coordinates: village.position },
      isPositionVerified: village.isPositionVerified,
      nationalBatch: village.nationalBatch,
      themes: village.themes,
      summaryZh: options.draftSummaryZh ?? village.summaryZh,
      summaryEn: village.summaryEn,
      isDemo: village.isDemo,
      published: village,
      publishedAt: new Date(village.publishedAt),
      hasDraftChanges: options.draftSummaryZh !== undefined,
    })
    .onConflictDoNothing()
    .returning({ id: villagesVillages.id });
  return { village, isInserted: inserted.length > 0 };
}

/** Unpublishes every village (tests that need an empty public list). */
export async function unpublishAllVillages(db: Db): Promise<void> {
  await db.update(villagesVillages).set({ published: null, publishedAt: null }).where(sql`true`);
}
