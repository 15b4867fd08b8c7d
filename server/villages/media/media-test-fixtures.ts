import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '@server/db/client';
import { villagesBuildings, villagesRegister, villagesVillages } from '@server/db/schema/villages';

/**
 * Test support for the village media: a register entry + village (and building) written straight into the tables,
 * with a code unique to the call, and small test images made in code.
 */

/**
 * Writes a register row and a village in county `countyCode` (never published, `has_draft_changes` false).
 * @param countyCode 6-digit county code (e.g. 360402)
 * @returns the village id and its 12-digit code
 */
export async function createTestVillage(db: Db, countyCode: string): Promise<{ id: string; code: string }> {
  const code = `${countyCode}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  await db.insert(villagesRegister).values({
    code,
    name: `测试村委会${code.slice(-4)}`,
    townCode: code.slice(0, 9),
    town: '测试镇',
    countyCode,
    county: '测试县',
    cityCode: countyCode.slice(0, 4),
    city: '测试市',
    pinyin: 'ceshicunweihui',
    initials: 'cscwh',
  });
  const [village] = await db
    .insert(villagesVillages)
    .values({ code, regionCode: countyCode, nameZh: `测试村${code.slice(-4)}`, pinyin: 'ceshicun', initials: 'csc', position: { type: 'Point', coordinates: [116.0, 29.67] }, hasDraftChanges: false })
    .returning({ id: villagesVillages.id });
  return { id: village.id, code };
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
