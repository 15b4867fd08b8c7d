import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { MAX_SECTION_CHARS } from './curate-inputs';
import { createTestMedia, createTestRegisterRow } from '../test-fixtures';

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

/** A ≈ 20 m square near the 濂溪区 test label point (116.0°E, 29.67°N). */
const square = (lon: number, lat: number, d = 0.0001) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] as [number, number][][],
});

async function auditRows(recordId: string): Promise<{ action: string; tableName: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actorLabel: string }[]> {
  return (
    await db.execute<{ action: string; tableName: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actorLabel: string }>(
      sql`SELECT action, table_name AS "tableName", before, after, actor_label AS "actorLabel" FROM accounts_audit_log WHERE record_id = ${recordId} ORDER BY id`,
    )
  ).rows;
}

describe('villages.curate: scope, validation, audit, drafts and stale writes', () => {
  let officer: Actor;
  let curator: ReturnType<typeof callerOf>;
  let likengCode: string;
  let donghuCode: string;
  beforeAll(async () => {
    await ensureTestRegions(db);
    likengCode = await createTestRegisterRow(db, TEST_REGIONS.lianxi, '李坑村委会', '濂溪区', '九江市');
    donghuCode = await createTestRegisterRow(db, TEST_REGIONS.donghu, '民巷社区居委会', '东湖区', '南昌市');
    officer = (await createTestAccount(db, 'officer', TEST_REGIONS.lianxi, 'lianxi-officer')).actor;
    curator = callerOf(officer);
  });

  it('finds register rows by name, pinyin and initials within the actor scope only', async () => {
    expect((await curator.villages.curate.register.search({ query: '李坑' })).map((hit) => hit.code)).toContain(likengCode);
    expect((await curator.villages.curate.register.search({ query: 'likeng' })).map((hit) => hit.code)).toContain(likengCode);
    const byInitials = await curator.villages.curate.register.search({ query: 'LKC' });
    expect(byInitials.find((hit) => hit.code === likengCode)).toMatchObject({ name: '李坑村委会', county: '濂溪区', countyCode: '360402', hasVillage: false });
    // The 东湖区 row lies outside a 濂溪区 officer's scope; a province admin finds it.
    expect((await curator.villages.curate.register.search({ query: '民巷' })).map((hit) => hit.code)).not.toContain(donghuCode);
    const admin = callerOf((await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor);
    expect((await admin.villages.curate.register.search({ query: 'minxiang' })).map((hit) => hit.code)).toContain(donghuCode);
    // LIKE wildcards are literal text.
    expect(await curator.villages.curate.register.search({ query: '%' })).toEqual([]);
  });

  it('creates a village from the register at its county label point, unverified, and scopes every role', async () => {
    const created = await curator.villages.curate.villages.create({ registerCode: likengCode });
    expect(created).toMatchObject({ code: likengCode, nameZh: '李坑村', regionCode: '360402', county: '濂溪区', isPositionVerified: false, status: 'unpublished', themes: [], nationalBatch: null });
    // The county's label point as stored (the test fixture's, or the real one when another test file seeded regions).
    const [center] = (await db.execute<{ lon: number; lat: number }>(sql`SELECT ST_X(center) AS lon, ST_Y(center) AS lat FROM regions WHERE code = '360402'`)).rows;
    expect(created.position[0]).toBeCloseTo(center.lon, 9);
    expect(created.position[1]).toBeCloseTo(center.lat, 9);
    const [{ pinyin, initials }] = (await db.execute<{ pinyin: string; initials: string }>(sql`SELECT pinyin, initials FROM villages_villages WHERE code = ${likengCode}`)).rows;
    expect({ pinyin, initials }).toEqual({ pinyin: 'likengcun', initials: 'lkc' });
    await expect(curator.villages.curate.villages.create({ registerCode: likengCode })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await auditRows(created.id)).map((row) => [row.action, row.tableName, row.actorLabel])).toEqual([['create', 'villages_villages', officer.email]]);

    // The city officer of 九江 and a province admin see it; a 东湖区 officer neither sees nor creates outside its county.
    const city = callerOf((await createTestAccount(db, 'officer', TEST_REGIONS.jiujiang)).actor);
    expect((await city.villages.curate.villages.list()).map((v) => v.code)).toContain(likengCode);
    const donghu = callerOf((await createTestAccount(db, 'officer', TEST_REGIONS.donghu)).actor);
    expect((await donghu.villages.curate.villages.list()).map((v) => v.code)).not.toContain(likengCode);
    await expect(donghu.villages.curate.villages.get({ code: likengCode })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(donghu.villages.curate.villages.update({ code: likengCode, updatedAt: created.updatedAt, nameZh: '改名' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(donghu.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: 'x', bodyEn: null, updatedAt: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(curator.villages.curate.villages.create({ registerCode: donghuCode })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('outside your region') });
    for (const role of ['applicant', 'planner', 'inspector'] as const) {
      const other = callerOf((await createTestAccount(db, role, TEST_REGIONS.lianxi)).actor);
      await expect(other.villages.curate.villages.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(other.villages.curate.villages.create({ registerCode: likengCode })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerOf(null).villages.curate.villages.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerOf(null).villages.curate.register.search({ query: 'li' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('updates fields: surveyed position becomes verified, the audit row holds only the changed fields', async () => {
    const before = (await curator.villages.curate.villages.get({ code: likengCode })).village;
    const after = await curator.villages.curate.villages.update({
      code: likengCode,
      updatedAt: before.updatedAt,
      nationalBatch: 3,
      themes: ['huizhou-architecture', 'clan-culture'],
      position: [116.012, 29.681],
      boundary: square(116.012, 29.681, 0.003),
      summaryZh: '测试摘要',
    });
    expect(after).toMatchObject({ nationalBatch: 3, themes: ['huizhou-architecture', 'clan-culture'], position: [116.012, 29.681], isPositionVerified: true, summaryZh: '测试摘要', nameZh: '李坑村' });
    expect(after.boundary?.coordinates[0]).toHaveLength(5);
    expect(after.updatedByName).toBe(officer.name);
    const update = (await auditRows(before.id)).at(-1);
    expect(update).toMatchObject({ action: 'update', tableName: 'villages_villages', before: { nationalBatch: null, isPositionVerified: false, themes: [] }, after: { nationalBatch: 3, isPositionVerified: true } });
    expect(Object.keys(update?.after ?? {}).sort()).toEqual(['boundary', 'isPositionVerified', 'nationalBatch', 'position', 'summaryZh', 'themes']);
    // The stale read refused, naming who changed it.
    await expect(curator.villages.curate.villages.update({ code: likengCode, updatedAt: before.updatedAt, nationalBatch: 4 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`changed by ${officer.name}`),
    });
    const [{ batch }] = (await db.execute<{ batch: number }>(sql`SELECT national_batch AS batch FROM villages_villages WHERE code = ${likengCode}`)).rows;
    expect(batch).toBe(3);
  });

  it('refuses hostile and invalid input with messages naming the problem', async () => {
    const { village } = await curator.villages.curate.villages.get({ code: likengCode });
    const base = { code: likengCode, updatedAt: village.updatedAt };
    const bad = async (input: object, message: string | RegExp) =>
      expect(curator.villages.curate.villages.update({ ...base, ...input } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
    await bad({ nationalBatch: 7 }, /nationalBatch: must be an integer 1\.\.6, got 7/);
    await bad({ themes: ['castles'] }, /themes\.0: must be one of huizhou-architecture.*got "castles"/);
    await bad({ themes: ['landscape', 'landscape'] }, /must not repeat a theme/);
    await bad({ position: [121.5, 31.2] }, /longitude 121\.5 is not inside Jiangxi/);
    await bad({ nameZh: '李\u0000坑' }, /nameZh: must not contain NUL/);
    // A bow tie crosses itself: PostGIS names the self-intersection.
    const bowTie = { type: 'Polygon', coordinates: [[[116.0, 29.67], [116.001, 29.671], [116.001, 29.67], [116.0, 29.671], [116.0, 29.67]]] };
    await bad({ boundary: bowTie }, /boundary: not a valid polygon \(Self-intersection/);
    const open = { type: 'Polygon', coordinates: [[[116.0, 29.67], [116.001, 29.67], [116.001, 29.671], [116.0, 29.671]]] };
    await bad({ boundary: open }, /every ring must be closed/);
    const ring = Array.from({ length: 2001 }, (_, i) => [116 + 0.001 * Math.cos((2 * Math.PI * i) / 2000), 29.67 + 0.001 * Math.sin((2 * Math.PI * i) / 2000)]);
    ring[2000] = ring[0];
    await bad({ boundary: { type: 'Polygon', coordinates: [ring] } }, /at most 2000 positions in all, got 2001/);
    await bad({ boundary: { ...square(116, 29.67), crs: 'EPSG:3857' } }, /Unrecognized key/);
    await expect(curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: 'x'.repeat(MAX_SECTION_CHARS + 1), bodyEn: null, updatedAt: null })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`bodyZh: must be at most ${MAX_SECTION_CHARS} characters, got ${MAX_SECTION_CHARS + 1}`),
    });
    await expect(curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: '历史\u0000', bodyEn: null, updatedAt: null })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('bodyZh: must not contain NUL'),
    });
    await expect(curator.villages.curate.sections.upsert({ code: likengCode, kind: 'gossip' as never, bodyZh: 'x', bodyEn: null, updatedAt: null })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const building = { code: likengCode, nameZh: '测试祠', nameEn: null, eraZh: '清', eraEn: null, buildingType: 'ancestral-hall' as const, protectionLevel: 'county' as const, descriptionZh: '', descriptionEn: null, footprint: null, heightM: 8 };
    await expect(curator.villages.curate.buildings.create({ ...building, heightM: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('heightM: must be a number >0..100 m, got 101') });
    await expect(curator.villages.curate.buildings.create({ ...building, footprint: bowTie as never })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('footprint: not a valid polygon') });
    await expect(curator.villages.curate.buildings.create({ ...building, buildingType: 'castle' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Nothing of the refused writes reached the rows or the audit.
    const after = await curator.villages.curate.villages.get({ code: likengCode });
    expect(after.village.updatedAt).toEqual(village.updatedAt);
    expect(after.sections).toEqual([]);
    expect(after.buildings).toEqual([]);
  });

  it('writes sections, buildings, POIs and panoramas; each marks the published village as changed and is audited', async () => {
    const { village } = await curator.villages.curate.villages.get({ code: likengCode });
    // As if published: the public document exists and nothing changed since.
    await db.execute(sql`UPDATE villages_villages SET published = '{}'::jsonb, published_at = now(), has_draft_changes = false WHERE id = ${village.id}`);
    expect((await curator.villages.curate.villages.list()).find((v) => v.code === likengCode)?.status).toBe('published');

    const section = await curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: '# 历史\n\n始建于唐。', bodyEn: null, updatedAt: null });
    const listed = (await curator.villages.curate.villages.list()).find((v) => v.code === likengCode);
    expect(listed).toMatchObject({ status: 'changed', updatedByName: officer.name });
    expect(listed?.updatedAt.getTime()).toBeGreaterThan(village.updatedAt.getTime());
    expect((await auditRows(section.id)).map((row) => [row.action, row.tableName, row.after?.bodyZh])).toEqual([['create', 'villages_sections', '# 历史\n\n始建于唐。']]);
    const edited = await curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: '# 历史\n\n始建于宋。', bodyEn: 'Founded under the Song.', updatedAt: section.updatedAt });
    expect((await auditRows(section.id)).at(-1)).toMatchObject({ action: 'update', before: { bodyZh: '# 历史\n\n始建于唐。', bodyEn: null }, after: { bodyZh: '# 历史\n\n始建于宋。', bodyEn: 'Founded under the Song.' } });
    // Re-sending the first read is stale; so is "I saw no section" once one exists.
    await expect(curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: '旧', bodyEn: null, updatedAt: section.updatedAt })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(curator.villages.curate.sections.upsert({ code: likengCode, kind: 'history', bodyZh: '旧', bodyEn: null, updatedAt: null })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(edited.bodyEn).toBe('Founded under the Song.');

    const hall = await curator.villages.curate.buildings.create({ code: likengCode, nameZh: '李氏宗祠', nameEn: null, eraZh: '明', eraEn: null, buildingType: 'ancestral-hall', protectionLevel: 'county', descriptionZh: '', descriptionEn: null, footprint: square(116.012, 29.681), heightM: 9.5 });
    const house = await curator.villages.curate.buildings.create({ code: likengCode, nameZh: '铜绿坊', nameEn: null, eraZh: '清', eraEn: null, buildingType: 'residence', protectionLevel: 'none', descriptionZh: '', descriptionEn: null, footprint: null, heightM: null });
    expect([hall.sortOrder, house.sortOrder]).toEqual([0, 1]);
    expect(hall.footprint?.coordinates[0][0]).toEqual([116.0119, 29.6809]);
    const renamed = await curator.villages.curate.buildings.update({ id: house.id, updatedAt: house.updatedAt, nameZh: '铜绿坊（修）', heightM: 6 });
    expect(renamed).toMatchObject({ nameZh: '铜绿坊（修）', heightM: 6, eraZh: '清' });
    expect((await auditRows(house.id)).at(-1)).toMatchObject({ action: 'update', before: { nameZh: '铜绿坊', heightM: null }, after: { nameZh: '铜绿坊（修）', heightM: 6 } });
    await expect(curator.villages.curate.buildings.update({ id: house.id, updatedAt: house.updatedAt, heightM: 7 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await curator.villages.curate.buildings.reorder({ code: likengCode, ids: [house.id, hall.id] });
    expect((await curator.villages.curate.villages.get({ code: likengCode })).buildings.map((b) => b.id)).toEqual([house.id, hall.id]);
    await expect(curator.villages.curate.buildings.reorder({ code: likengCode, ids: [house.id] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const well = await curator.villages.curate.pois.create({ code: likengCode, kind: 'well', nameZh: '古井', nameEn: null, descriptionZh: '', descriptionEn: null, position: [116.0121, 29.6811] });
    expect(well.position).toEqual([116.0121, 29.6811]);
    const moved = await curator.villages.curate.pois.update({ id: well.id, updatedAt: well.updatedAt, position: [116.0122, 29.6812] });
    expect((await auditRows(well.id)).at(-1)).toMatchObject({ before: { position: [116.0121, 29.6811] }, after: { position: [116.0122, 29.6812] } });
    await curator.villages.curate.pois.delete({ id: well.id, updatedAt: moved.updatedAt });
    expect((await auditRows(well.id)).map((row) => row.action)).toEqual(['create', 'update', 'delete']);

    // Panoramas: media of kind panorama of this village; hotspots only to this village's buildings / panoramas.
    const panoramaMedia = await createTestMedia(db, village.id, 'panorama');
    const photo = await createTestMedia(db, village.id, 'photo');
    const spot = (id: string, kind: 'building' | 'panorama' = 'building') => ({ yawDeg: 30, pitchDeg: -5, target: { kind, id }, labelZh: '宗祠', labelEn: null });
    const pano = { code: likengCode, mediaId: panoramaMedia, titleZh: '村口', titleEn: null, position: [116.012, 29.681] as [number, number], headingDeg: 90, hotspots: [spot(hall.id)] };
    const entrance = await curator.villages.curate.panoramas.create(pano);
    expect(entrance.hotspots).toEqual([spot(hall.id)]);
    await expect(curator.villages.curate.panoramas.create({ ...pano, mediaId: photo })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('is a photo, not a panorama') });
    await expect(curator.villages.curate.panoramas.create({ ...pano, hotspots: [{ ...spot(hall.id), yawDeg: 181 }] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('yawDeg: must be a number -180..180') });
    await expect(curator.villages.curate.panoramas.create({ ...pano, hotspots: [{ ...spot(hall.id), pitchDeg: -91 }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    // A building of another village (a province admin's 东湖区 village) is no target.
    const admin = callerOf((await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor);
    // A 居委会 keeps its 社区 name (no 村 appended).
    expect((await admin.villages.curate.villages.create({ registerCode: donghuCode })).nameZh).toBe('民巷社区');
    const foreign = await admin.villages.curate.buildings.create({ code: donghuCode, nameZh: '外村祠', nameEn: null, eraZh: '', eraEn: null, buildingType: 'ancestral-hall', protectionLevel: 'none', descriptionZh: '', descriptionEn: null, footprint: null, heightM: null });
    await expect(curator.villages.curate.panoramas.update({ id: entrance.id, updatedAt: entrance.updatedAt, hotspots: [spot(foreign.id)] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`hotspots.0.target: building ${foreign.id} is not a building of village ${likengCode}`),
    });
    const lane = await curator.villages.curate.panoramas.create({ ...pano, titleZh: '古巷', hotspots: [spot(entrance.id, 'panorama')] });
    // Removing the building drops the hotspot leading to it.
    const fresh = (await curator.villages.curate.villages.get({ code: likengCode })).buildings.find((b) => b.id === hall.id);
    await curator.villages.curate.buildings.delete({ id: hall.id, updatedAt: fresh!.updatedAt });
    const panoramas = (await curator.villages.curate.villages.get({ code: likengCode })).panoramas;
    expect(panoramas.find((p) => p.id === entrance.id)?.hotspots).toEqual([]);
    expect(panoramas.find((p) => p.id === lane.id)?.hotspots).toEqual([spot(entrance.id, 'panorama')]);

    // The cover must be a medium of this village.
    const current = (await curator.villages.curate.villages.get({ code: likengCode })).village;
    const foreignMedia = await createTestMedia(db, (await admin.villages.curate.villages.get({ code: donghuCode })).village.id, 'photo');
    await expect(curator.villages.curate.villages.update({ code: likengCode, updatedAt: current.updatedAt, coverMediaId: foreignMedia })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('is not an image of village') });
    expect((await curator.villages.curate.villages.update({ code: likengCode, updatedAt: current.updatedAt, coverMediaId: photo })).coverMediaId).toBe(photo);

    const [{ draft }] = (await db.execute<{ draft: boolean }>(sql`SELECT has_draft_changes AS draft FROM villages_villages WHERE id = ${village.id}`)).rows;
    expect(draft).toBe(true);
  });
});
