import { randomUUID } from 'node:crypto';
import type { Db } from '@server/db/client';
import { villagesMedia, villagesRegister } from '@server/db/schema/villages';
import { pinyinKeys } from '../pinyin';

/**
 * Test support of the curators' CMS: register rows (the real register is seeded from the shared CSV, which the
 * tests do not need) and media rows written directly (the upload route is another part's and tested there).
 */

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
