import { randomInt, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPoint } from '@server/db/columns/geojson';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import { insertTestRegions, type TestRegionRow } from '@server/accounts/test-fixtures';
import { villagesBuildings, villagesMedia, villagesRegister, villagesVillages } from '@server/db/schema/villages';
import { pinyinKeys } from './pinyin';
import { buildPublicVillage } from './public-village';
import type { PublicBuilding, PublicVillage } from './public-village-types';

/**
 * Test support of the `villages` plate, one file for every part (pages, scene, media, curators' CMS, seed):
 * - published documents made by hand ({@link samplePublicVillage}, {@link testPublicVillage}, {@link testBuilding})
 *   and written straight into `villages_villages.published` ({@link insertPublishedVillage},
 *   {@link upsertPublishedTestVillage});
 * - draft villages with working rows, published through the real builder on request ({@link createDraftTestVillage}),
 *   register rows, buildings, media rows and small test images;
 * - the county rows the demo seed places villages by ({@link ensureDemoVillageRegions}).
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


/** A rectangle footprint `widthM` east × `depthM` north whose south-west corner is at (lon, lat), closed ring. */
export function rectangleFootprint(lon: number, lat: number, widthM: number, depthM: number): number[][][] {
  const dLon = widthM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = depthM / 110_574;
  return [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]];
}

/** A published building with the given footprint rings (null = none) and height. */
export function testBuilding(id: string, nameZh: string, footprint: number[][][] | null, heightM: number | null): PublicBuilding {
  return {
    id,
    nameZh,
    nameEn: null,
    eraZh: '清',
    eraEn: 'Qing',
    buildingType: 'residence',
    protectionLevel: 'county',
    descriptionZh: '',
    descriptionEn: null,
    footprint: footprint ? { type: 'Polygon', coordinates: footprint } : null,
    position: footprint ? [footprint[0][0][0], footprint[0][0][1]] : null,
    heightM,
  };
}

/** A minimal published document of a (test) village `code` at `position`, verified, batch 3. */
export function testPublicVillage(code: string, nameZh: string, position: [number, number], parts: Partial<PublicVillage> = {}): PublicVillage {
  return samplePublicVillage({ code, nameZh, position, town: '测试镇', county: '测试县', countyCode: code.slice(0, 6), city: '测试市', cityCode: `${code.slice(0, 4)}00`, isPositionVerified: true, nationalBatch: 3, ...parts });
}

/**
 * Inserts (or replaces) a register row and a village row for `code` in county `regionCode`, with `published` as its
 * published document (null = never published).
 * @returns the village id
 */
export async function upsertPublishedTestVillage(db: Db, code: string, regionCode: string, position: [number, number], published: PublicVillage | null, nameZh = '测试村'): Promise<string> {
  await db.execute(sql`
    INSERT INTO villages_register (code, name, town_code, town, county_code, county, city_code, city, pinyin, initials)
    VALUES (${code}, ${`${nameZh}委会`}, ${code.slice(0, 9)}, '测试镇', ${regionCode}, '测试县', ${regionCode.slice(0, 4)}, '测试市', 'ceshicunweihui', 'cscwh')
    ON CONFLICT (code) DO NOTHING`);
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO villages_villages (code, region_code, name_zh, pinyin, initials, position, is_position_verified, published, published_at)
    VALUES (${code}, ${regionCode}, ${nameZh}, 'ceshicun', 'csc', ST_SetSRID(ST_MakePoint(${position[0]}, ${position[1]}), 4326), true,
            ${published ? JSON.stringify(published) : null}::jsonb, ${published ? sql`now()` : null})
    ON CONFLICT (code) DO UPDATE SET published = excluded.published, published_at = excluded.published_at, region_code = excluded.region_code
    RETURNING id`);
  return rows[0].id;
}

/**
 * Test support: the county rows the demo villages are placed by (label points near the real county seats, a
 * 0.04° square as boundary), inserted if absent, so tests of the demo seed need no region seed.
 */
const DEMO_COUNTIES = [
  { code: '361100', name: '上饶市', level: 'city', parentCode: '360000', lon: 117.94, lat: 28.45 },
  { code: '361130', name: '婺源县', level: 'county', parentCode: '361100', lon: 117.86, lat: 29.25 },
  { code: '361000', name: '抚州市', level: 'city', parentCode: '360000', lon: 116.36, lat: 27.95 },
  { code: '361025', name: '乐安县', level: 'county', parentCode: '361000', lon: 115.83, lat: 27.43 },
  { code: '360800', name: '吉安市', level: 'city', parentCode: '360000', lon: 114.99, lat: 27.11 },
  { code: '360802', name: '吉州区', level: 'county', parentCode: '360800', lon: 114.99, lat: 27.14 },
  { code: '360803', name: '青原区', level: 'county', parentCode: '360800', lon: 115.02, lat: 27.08 },
] as const satisfies readonly TestRegionRow[];

/** Inserts the demo villages' counties and cities unless present (0.04° squares). */
export async function ensureDemoVillageRegions(db: Db): Promise<void> {
  await insertTestRegions(db, DEMO_COUNTIES, 0.02);
}

/**
 * Inserts a register row and a draft village (working rows only) in `countyCode` (6 digits), published through the
 * real document builder when `published`. Returns its id and 12-digit code. Codes are `<county>9<5 random digits>`
 * (no real township code starts with 9) and redrawn on a collision, since test files share one database per run.
 */
export async function createDraftTestVillage(db: Db, countyCode: string, { published = false, nameZh = '测试村', hasDraftChanges = true }: { published?: boolean; nameZh?: string; hasDraftChanges?: boolean } = {}): Promise<{ id: string; code: string }> {
  const [region] = await db.select({ center: asGeoJson<GeoJsonPoint>(regions.center) }).from(regions).where(eq(regions.code, countyCode));
  let village: { id: string } | undefined;
  let code = '';
  for (let attempt = 0; !village && attempt < 20; attempt += 1) {
    code = `${countyCode}9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    await db
      .insert(villagesRegister)
      .values({ code, name: `${nameZh}委会`, townCode: code.slice(0, 9), town: '测试镇', countyCode, county: '测试县', cityCode: countyCode.slice(0, 4), city: '测试市', ...pinyinKeys(`${nameZh}委会`) })
      .onConflictDoNothing();
    [village] = await db
      .insert(villagesVillages)
      .values({ code, regionCode: countyCode, nameZh, ...pinyinKeys(nameZh), position: region?.center ?? { type: 'Point', coordinates: [116, 28] }, summaryZh: `${nameZh}（测试）`, hasDraftChanges })
      .onConflictDoNothing()
      .returning({ id: villagesVillages.id });
  }
  if (!village) throw new Error(`createDraftTestVillage: no free test code in county ${countyCode} after 20 draws`);
  if (published) {
    const at = new Date().toISOString();
    await db.update(villagesVillages).set({ published: await buildPublicVillage(db, village!.id, at), publishedAt: new Date(at), hasDraftChanges: false }).where(eq(villagesVillages.id, village!.id));
  }
  return { id: village!.id, code };
}


/** Writes a building of `villageId`; returns its id. */
export async function createTestBuilding(db: Db, villageId: string): Promise<string> {
  const [building] = await db.insert(villagesBuildings).values({ villageId, nameZh: '测试祠堂', buildingType: 'ancestral-hall' }).returning({ id: villagesBuildings.id });
  return building.id;
}

/**
 * A JPEG of `widthPx` × `heightPx` with a gradient (so that variants differ in size) and a `seed`-dependent colour,
 * so that two calls with different seeds give different bytes (different SHA-256).
 */
export async function testJpeg(widthPx: number, heightPx: number, seed = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}"><defs><linearGradient id="g"><stop offset="0" stop-color="rgb(${seed % 256},90,140)"/><stop offset="1" stop-color="#f0e0c0"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${widthPx / 3}" cy="${heightPx / 2}" r="${heightPx / 5}" fill="#333"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}


let counter = 0;

/**
 * Inserts a register row `name` in county `countyCode` (one of TEST_REGIONS' counties) with a fresh 12-digit code.
 * @returns the code
 */
export async function createTestRegisterRow(db: Db, countyCode: string, name: string, county: string, city: string): Promise<string> {
  counter += 1;
  const code = `${countyCode}${String(100 + (process.pid % 800)).padStart(3, '0')}${String(counter).padStart(3, '0')}`;
  const keys = pinyinKeys(name);
  await db
    .insert(villagesRegister)
    .values({ code, name, townCode: code.slice(0, 9), town: '测试镇', countyCode, county, cityCode: countyCode.slice(0, 4), city, ...keys })
    .onConflictDoNothing();
  return code;
}

/** Inserts a media row of `kind` for a village (no stored variants). @returns its id */
export async function createTestMedia(db: Db, villageId: string, kind: 'photo' | 'panorama'): Promise<string> {
  const [row] = await db
    .insert(villagesMedia)
    .values({ villageId, kind, altZh: `测试${kind}`, sourceSha256: randomUUID().replace(/-/g, ''), width: 4096, height: 2048, variants: [] })
    .returning({ id: villagesMedia.id });
  return row.id;
}
