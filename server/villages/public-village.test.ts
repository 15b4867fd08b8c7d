import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions } from '@server/accounts/test-fixtures';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { villagesSections, villagesVillages } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { previewVillageByCode } from './public-village';
import { seedDemoVillages } from './seed-demo-villages';
import { seedVillageRegister, VILLAGE_REGISTER_FILE } from './seed-register';
import { ensureDemoVillageRegions } from './test-fixtures';

const hasData = existsSync(path.join(env.SHARED_DATA_DIR, VILLAGE_REGISTER_FILE));
const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));
const LIKENG = '361130102204';

describe.skipIf(!hasData)('villages: register, demo seed, publish, public list (needs ../shared/data/villages)', () => {
  let wuyuanOfficer: Actor;
  let otherOfficer: Actor;
  beforeAll(async () => {
    await ensureTestRegions(db);
    await ensureDemoVillageRegions(db);
    // Another test file of this run may have seeded the plates already (one database per run): 22 080 or 0.
    expect([0, 22_080]).toContain(await seedVillageRegister(db, env.SHARED_DATA_DIR));
    expect(await seedVillageRegister(db, env.SHARED_DATA_DIR)).toBe(0);
    const [{ count }] = (await db.execute<{ count: number }>(sql`SELECT count(*)::int AS count FROM villages_register WHERE code LIKE '36%' AND town <> '测试镇'`)).rows as [{ count: number }];
    expect(count).toBe(22_080);
    expect([0, 6]).toContain(await seedDemoVillages(db));
    expect(await seedDemoVillages(db)).toBe(0);
    wuyuanOfficer = (await createTestAccount(db, 'officer', '361130')).actor;
    otherOfficer = (await createTestAccount(db, 'officer', '360102')).actor;
  }, 60_000);

  it('publishes each demo village at its county point, unverified, with its sections and buildings', async () => {
    const likeng = await callerOf(null).villages.public.byCode({ code: LIKENG });
    expect(likeng.nameZh).toBe('李坑村');
    expect(likeng.county).toBe('婺源县');
    expect(likeng.cityCode).toBe('361100');
    // At the county's label point: the fixture's, or the real one when another test file of this run seeded regions.
    const [county] = (await db.execute<{ lon: number; lat: number }>(sql`SELECT ST_X(center) AS lon, ST_Y(center) AS lat FROM regions WHERE code = '361130'`)).rows;
    expect(likeng.position[0]).toBeCloseTo(county!.lon, 6);
    expect(likeng.position[1]).toBeCloseTo(county!.lat, 6);
    expect(likeng.isPositionVerified).toBe(false);
    expect(likeng.isDemo).toBe(true);
    expect(likeng.sections.map((s) => s.kind)).toEqual(['overview', 'history', 'customs', 'crafts']);
    expect(likeng.buildings.map((b) => b.nameZh)).toEqual(['李氏宗祠', '铜绿坊', '大夫第', '通济桥']);
    // The hall stands 40 m north of the village point: its label point is ≈ 40 m (0.00036°) north.
    expect((likeng.buildings[0]!.position![1] - likeng.position[1]) * 110_850).toBeCloseTo(40, 0);
    expect(likeng.tour?.stops.length).toBe(5);
  });

  it('finds villages by name, full pinyin and initials, and filters by county, batch and theme', async () => {
    const anonymous = callerOf(null);
    const codes = async (input: Parameters<typeof anonymous.villages.public.list>[0]) => (await anonymous.villages.public.list(input)).items.map((item) => item.code);
    expect(await codes({ q: '李坑' })).toEqual([LIKENG]);
    // 李坑 and 理坑 are both "li keng": pinyin finds both, the characters only one.
    expect(await codes({ q: 'likeng' })).toEqual([LIKENG, '361130205202']);
    expect(await codes({ q: 'Li Keng' })).toEqual([LIKENG, '361130205202']);
    expect(await codes({ q: 'meibei' })).toEqual(['360803105200']);
    expect(await codes({ q: 'lkc' })).toEqual(['361025105207', LIKENG, '361130205202']); // 流坑村, 李坑村, 理坑村 share initials
    expect((await codes({ countyCode: '361130' })).sort()).toEqual([LIKENG, '361130103203', '361130205202']);
    expect((await codes({ nationalBatch: 2 })).sort()).toEqual(['360802100200', LIKENG]);
    expect(await codes({ theme: 'red-culture' })).toEqual(['360803105200']);
    expect(await codes({ q: '100%_' })).toEqual([]);
    // Other test files of this run may publish test villages (九江) into the same database: count the demo cities only.
    const all = await anonymous.villages.public.list({ limit: 2 });
    expect(all.total).toBeGreaterThanOrEqual(6);
    expect(all.items).toHaveLength(2);
    expect(all.facets.cities.filter((c) => ['360800', '361000', '361100'].includes(c.code)).map((c) => [c.code, c.name, c.count])).toEqual([
      ['360800', '吉安市', 2],
      ['361000', '抚州市', 1],
      ['361100', '上饶市', 3],
    ]);
    expect(all.facets.batches.find((b) => b.batch === 1)?.count).toBeGreaterThanOrEqual(4);
  });

  it('keeps draft edits out of the public document until publish, and audits publish and unpublish', async () => {
    const [village] = await db.select({ id: villagesVillages.id }).from(villagesVillages).where(eq(villagesVillages.code, LIKENG));
    await db.update(villagesSections).set({ bodyZh: '草稿：尚未发布的修改' }).where(sql`${villagesSections.villageId} = ${village!.id} AND ${villagesSections.kind} = 'history'`);
    const before = await callerOf(null).villages.public.byCode({ code: LIKENG });
    expect(before.sections.find((s) => s.kind === 'history')?.bodyZh).not.toContain('草稿');
    expect((await previewVillageByCode(db, wuyuanOfficer, LIKENG))?.sections.find((s) => s.kind === 'history')?.bodyZh).toBe('草稿：尚未发布的修改');
    expect(await previewVillageByCode(db, otherOfficer, LIKENG)).toBeNull();
    expect(await previewVillageByCode(db, null, LIKENG)).toBeNull();

    await expect(callerOf(otherOfficer).villages.curate.publish({ code: LIKENG })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerOf(null).villages.curate.publish({ code: LIKENG })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await callerOf(wuyuanOfficer).villages.curate.publish({ code: LIKENG });
    const after = await callerOf(null).villages.public.byCode({ code: LIKENG });
    expect(after.sections.find((s) => s.kind === 'history')?.bodyZh).toBe('草稿：尚未发布的修改');

    await callerOf(wuyuanOfficer).villages.curate.unpublish({ code: LIKENG });
    await expect(callerOf(null).villages.public.byCode({ code: LIKENG })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await callerOf(null).villages.public.list({ q: 'likeng' })).items.map((item) => item.code)).toEqual(['361130205202']);
    const trail = await db.select({ action: accountsAuditLog.action, actorId: accountsAuditLog.actorId }).from(accountsAuditLog).where(eq(accountsAuditLog.recordId, village!.id)).orderBy(accountsAuditLog.id);
    expect(trail.map((row) => row.action)).toEqual(['publish', 'publish', 'unpublish']);
    await callerOf(wuyuanOfficer).villages.curate.publish({ code: LIKENG });
  });

  it('refuses malformed codes and bounds', async () => {
    await expect(callerOf(null).villages.public.byCode({ code: '36113010220' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerOf(null).villages.public.list({ limit: 1000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerOf(null).villages.public.list({ q: 'x'.repeat(41) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerOf(null).villages.public.list({ q: 'a\u0000b' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
