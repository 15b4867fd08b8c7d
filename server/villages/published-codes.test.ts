import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { villagesVillages } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { publishedVillageCodes } from './published-codes';
import { insertPublishedVillage } from './test-fixtures';

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

describe('publishedVillageCodes (sitemap)', () => {
  it('lists published villages with their publishing time, not unpublished ones', async () => {
    // Codes of 吉水县 (360822) no other test file uses.
    await insertPublishedVillage(db, { code: '360822105201', nameZh: '白鹭村', countyCode: '360822', publishedAt: '2026-03-04T05:06:07.000Z' });
    await insertPublishedVillage(db, { code: '360822105217', nameZh: '燕坊村', countyCode: '360822', publishedAt: '2026-05-06T07:08:09.000Z' });
    await db.update(villagesVillages).set({ published: null, publishedAt: null }).where(eq(villagesVillages.code, '360822105217'));

    const codes = await publishedVillageCodes(db);
    expect(codes).toContainEqual({ code: '360822105201', publishedAt: '2026-03-04T05:06:07.000Z' });
    expect(codes.map((entry) => entry.code)).not.toContain('360822105217');
    expect(codes.map((entry) => entry.code)).toEqual([...codes.map((entry) => entry.code)].sort());
  });
});
