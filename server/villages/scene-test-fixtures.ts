import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import type { PublicBuilding, PublicVillage } from './public-village-types';

/**
 * Test fixtures of the scene tests: a register row + village row with a hand-made published document (no demo
 * content). Not used outside tests.
 */

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

/** A minimal published document of a village at `position`. */
export function testPublicVillage(code: string, nameZh: string, position: [number, number], parts: Partial<PublicVillage> = {}): PublicVillage {
  return {
    code,
    nameZh,
    nameEn: null,
    pinyin: 'ceshi',
    initials: 'cs',
    town: '测试镇',
    county: '测试县',
    countyCode: code.slice(0, 6),
    city: '测试市',
    cityCode: `${code.slice(0, 4)}00`,
    position,
    isPositionVerified: true,
    boundary: null,
    nationalBatch: 3,
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
    publishedAt: '2026-12-07T00:00:00.000Z',
    ...parts,
  };
}

/**
 * Inserts (or replaces) a register row and a village row for `code` in county `regionCode`, with `published` as its
 * published document (null = never published).
 * @returns the village id
 */
export async function createTestVillage(db: Db, code: string, regionCode: string, position: [number, number], published: PublicVillage | null, nameZh = '测试村'): Promise<string> {
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
