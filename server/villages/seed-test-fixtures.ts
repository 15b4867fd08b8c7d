import { eq } from 'drizzle-orm';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPoint } from '@server/db/columns/geojson';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import { villagesRegister, villagesVillages } from '@server/db/schema/villages';
import { pinyinKeys } from './pinyin';
import { buildPublicVillage } from './public-village';

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
] as const;

/** Inserts the demo villages' counties and cities unless present. */
export async function ensureDemoVillageRegions(db: Db): Promise<void> {
  for (const r of DEMO_COUNTIES) {
    const d = 0.02;
    const ring: [number, number][] = [
      [r.lon - d, r.lat - d],
      [r.lon + d, r.lat - d],
      [r.lon + d, r.lat + d],
      [r.lon - d, r.lat + d],
      [r.lon - d, r.lat - d],
    ];
    await db
      .insert(regions)
      .values({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, center: { type: 'Point', coordinates: [r.lon, r.lat] }, boundary: { type: 'MultiPolygon', coordinates: [[ring]] }, source: 'test fixture', sourceCrs: 'EPSG:4326' })
      .onConflictDoNothing();
  }
}

let testVillageCounter = 0;

/**
 * Inserts a register row and a draft village (working rows only) in `countyCode` (6 digits), published through the
 * real document builder when `published`. Returns its id and 12-digit code.
 */
export async function createDraftTestVillage(db: Db, countyCode: string, { published = false, nameZh = '测试村' }: { published?: boolean; nameZh?: string } = {}): Promise<{ id: string; code: string }> {
  testVillageCounter += 1;
  const code = `${countyCode}199${String(testVillageCounter + Math.floor(Math.random() * 900)).padStart(3, '0')}`;
  await db
    .insert(villagesRegister)
    .values({ code, name: `${nameZh}委会`, townCode: code.slice(0, 9), town: '测试镇', countyCode, county: '测试县', cityCode: countyCode.slice(0, 4), city: '测试市', ...pinyinKeys(`${nameZh}委会`) })
    .onConflictDoNothing();
  const [region] = await db.select({ center: asGeoJson<GeoJsonPoint>(regions.center) }).from(regions).where(eq(regions.code, countyCode));
  const [village] = await db
    .insert(villagesVillages)
    .values({ code, regionCode: countyCode, nameZh, ...pinyinKeys(nameZh), position: region?.center ?? { type: 'Point', coordinates: [116, 28] }, summaryZh: `${nameZh}（测试）` })
    .returning({ id: villagesVillages.id });
  if (published) {
    const at = new Date().toISOString();
    await db.update(villagesVillages).set({ published: await buildPublicVillage(db, village!.id, at), publishedAt: new Date(at), hasDraftChanges: false }).where(eq(villagesVillages.id, village!.id));
  }
  return { id: village!.id, code };
}
