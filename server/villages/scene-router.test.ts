import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCallerFactory, createTrpcContext, router } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import type { TourStop } from '@server/db/schema/villages';
import { VILLAGES_SCENE_ROUTES } from './scene-router';
import { upsertPublishedTestVillage, rectangleFootprint, testBuilding, testPublicVillage } from './test-fixtures';

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;
const callerOf = (actor: Actor | null) => createCallerFactory(router(VILLAGES_SCENE_ROUTES))(createTrpcContext(db, actor));

/** A village in 濂溪区 (九江), published with a tour, and one in 东湖区 (南昌). */
const LIANXI_CODE = '360402100021';
const DONGHU_CODE = '360102100021';
const LON = 116.02;
const LAT = 29.67;
const BUILDING = '00000000-0000-4000-8000-000000000021';

const stop = (overrides: Partial<TourStop> = {}, camera: Partial<TourStop['camera']> = {}): TourStop => ({
  camera: { lon: LON, lat: LAT - 0.003, heightEllipsoidalM: 250, headingDeg: 10, pitchDeg: -30, ...camera },
  captionZh: '村口古樟',
  captionEn: 'The old camphor at the village entrance',
  flightS: 3,
  holdS: 5,
  ...overrides,
});

describe('villages scene router: public scene entry, curated working tour', () => {
  let lianxiId: string;
  let officer: ReturnType<typeof callerOf>;
  let officerActor: Actor;
  beforeAll(async () => {
    await ensureTestRegions(db);
    const doc = testPublicVillage(LIANXI_CODE, '濂溪测试村', [LON, LAT], {
      buildings: [testBuilding(BUILDING, '总祠', rectangleFootprint(LON, LAT, 12, 8), 7)],
      tour: { titleZh: '已发布导览', titleEn: null, stops: [stop()] },
    });
    lianxiId = await upsertPublishedTestVillage(db, LIANXI_CODE, TEST_REGIONS.lianxi, [LON, LAT], doc, '濂溪测试村');
    await upsertPublishedTestVillage(db, DONGHU_CODE, TEST_REGIONS.donghu, [115.9, 28.69], null, '东湖测试村');
    officerActor = (await createTestAccount(db, 'officer', TEST_REGIONS.lianxi)).actor;
    officer = callerOf(officerActor);
  });

  it('scene.byCode: anyone reads the published entry and tour; never-published and malformed codes are refused', async () => {
    const scene = await callerOf(null).scene.byCode({ code: LIANXI_CODE });
    expect(scene).toMatchObject({ code: LIANXI_CODE, nameZh: '濂溪测试村', position: [LON, LAT], isPositionVerified: true, canCurate: false, nationalBatch: 3 });
    expect(scene.tour?.titleZh).toBe('已发布导览');
    expect((await officer.scene.byCode({ code: LIANXI_CODE })).canCurate).toBe(true);
    // A 南昌 officer may not curate a 九江 village.
    const nanchangOfficer = callerOf((await createTestAccount(db, 'officer', TEST_REGIONS.nanchang)).actor);
    expect((await nanchangOfficer.scene.byCode({ code: LIANXI_CODE })).canCurate).toBe(false);
    await expect(callerOf(null).scene.byCode({ code: DONGHU_CODE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerOf(null).scene.byCode({ code: "36'; DROP TABLE x" })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/code: must be a 12-digit Jiangxi village code/) });
  });

  it('scene.building: a published building without its footprint; unknown ids are NOT_FOUND', async () => {
    const building = await callerOf(null).scene.building({ id: BUILDING });
    expect(building).toMatchObject({ id: BUILDING, nameZh: '总祠', eraZh: '清', buildingType: 'residence', protectionLevel: 'county', heightM: 7, villageCode: LIANXI_CODE, villageNameZh: '濂溪测试村' });
    expect('footprint' in building).toBe(false);
    await expect(callerOf(null).scene.building({ id: '00000000-0000-4000-8000-0000000000ff' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tour.save: a 濂溪 officer saves the working tour, marks the village changed and is audited; the public tour stays', async () => {
    await db.execute(sql`UPDATE villages_villages SET has_draft_changes = false WHERE id = ${lianxiId}`);
    const saved = await officer.tour.save({ code: LIANXI_CODE, titleZh: '新导览', titleEn: 'New tour', stops: [stop(), stop({ captionZh: '祠堂' }, { headingDeg: -90 })] });
    expect(saved.stops).toHaveLength(2);
    expect(saved.stops[1].camera.headingDeg).toBe(270);
    const { rows } = await db.execute<{ has_draft_changes: boolean; title_zh: string; stops: TourStop[] }>(sql`
      SELECT v.has_draft_changes, t.title_zh, t.stops FROM villages_villages v JOIN villages_tours t ON t.village_id = v.id WHERE v.id = ${lianxiId}`);
    expect(rows[0]).toMatchObject({ has_draft_changes: true, title_zh: '新导览' });
    expect(rows[0].stops.map((s) => s.captionZh)).toEqual(['村口古樟', '祠堂']);
    const audit = await db.execute<{ action: string; after: { stopCount: number } }>(sql`
      SELECT action, after FROM accounts_audit_log WHERE table_name = 'villages_tours' AND record_id = ${lianxiId} ORDER BY id`);
    expect(audit.rows.map((r) => [r.action, r.after?.stopCount])).toEqual([['create', 2]]);
    expect(await officer.tour.get({ code: LIANXI_CODE })).toMatchObject({ titleZh: '新导览', stops: [{ captionZh: '村口古樟' }, { captionZh: '祠堂' }] });
    // Anonymous playback still reads the published tour.
    expect((await callerOf(null).scene.byCode({ code: LIANXI_CODE })).tour?.titleZh).toBe('已发布导览');
    // A province admin may curate it too; 0 stops removes the working tour.
    const admin = callerOf((await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor);
    expect((await admin.tour.save({ code: LIANXI_CODE, titleZh: '删除', titleEn: null, stops: [] })).stops).toEqual([]);
    expect((await db.execute(sql`SELECT 1 FROM villages_tours WHERE village_id = ${lianxiId}`)).rows).toEqual([]);
  });

  it('tour.save scope: other county refused, applicant and inspector refused, anonymous unauthorised', async () => {
    const input = { code: LIANXI_CODE, titleZh: '导览', titleEn: null, stops: [stop()] };
    const donghuOfficer = callerOf((await createTestAccount(db, 'officer', TEST_REGIONS.donghu)).actor);
    // Another region's village answers like an unknown code (attack.test.ts: no probing of draft codes).
    await expect(donghuOfficer.tour.save(input)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `villages: no village ${LIANXI_CODE} in your region` });
    await expect(donghuOfficer.tour.get({ code: LIANXI_CODE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const role of ['applicant', 'inspector'] as const) {
      const caller = callerOf((await createTestAccount(db, role, TEST_REGIONS.lianxi)).actor);
      await expect(caller.tour.save(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerOf(null).tour.save(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(officer.tour.save({ ...input, code: '360402999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tour.save validation: stop count, caption length, pose ranges, times, distance, unknown keys', async () => {
    const save = (stops: unknown[], extra: Record<string, unknown> = {}) => officer.tour.save({ code: LIANXI_CODE, titleZh: '导览', titleEn: null, stops, ...extra } as never);
    await expect(save(Array.from({ length: 51 }, () => stop()))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/stops: must hold at most 50 stops/) });
    await expect(save([stop({ captionZh: '字'.repeat(501) })])).rejects.toMatchObject({ message: expect.stringMatching(/stops\.0\.captionZh: must be at most 500 characters, got 501/) });
    await expect(save([stop({ captionZh: '' })])).rejects.toMatchObject({ message: expect.stringMatching(/captionZh: must not be empty/) });
    await expect(save([stop({}, { lat: 91 })])).rejects.toMatchObject({ message: expect.stringMatching(/camera\.lat: must be a number -90\.\.90/) });
    await expect(save([stop({}, { heightEllipsoidalM: 50_000 })])).rejects.toMatchObject({ message: expect.stringMatching(/heightEllipsoidalM: must be a number 1\.\.20000 m/) });
    await expect(save([stop({}, { pitchDeg: Number.NaN })])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(save([stop({ flightS: 0.2 })])).rejects.toMatchObject({ message: expect.stringMatching(/flightS: must be a number 0\.5\.\.30 s, got 0\.2/) });
    await expect(save([stop({ holdS: 61 })])).rejects.toMatchObject({ message: expect.stringMatching(/holdS: must be a number 0\.\.60 s/) });
    await expect(save([stop({}, { lon: 117.5 })])).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/stops\.0\.camera: must be within 20 km of the village, got \d+\.\d km/) });
    await expect(save([{ ...stop(), script: 'x' }])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(save([stop({ captionEn: 'a\u0000b' })])).rejects.toMatchObject({ message: expect.stringMatching(/NUL/) });
    await expect(save([stop()], { titleZh: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
