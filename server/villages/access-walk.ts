import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk, type AppCaller } from '@server/host/access-walk';
import { createBuilding } from './curate/buildings-service';
import { createPanorama } from './curate/panoramas-service';
import { createPoi } from './curate/pois-service';
import { createDraftTestVillage, createTestMedia, createTestRegisterRow, rectangleFootprint, testBuilding, testPublicVillage, upsertPublishedTestVillage } from './test-fixtures';

/**
 * The `villages` plate's rows of the access walk (server/host/procedure-access.test.ts): villages in 九江 濂溪区
 * (city B) — published and draft ones for the public rows, one with a building for the scene rows, and the records
 * each curator row writes. Public procedures answer everyone alike and never show the draft; curator
 * procedures are for officers and admins of the village's region (the walk's city and province callers are admins).
 */

interface VillagesTargets {
  /** The scene rows' published village (with one building). */
  code: string;
  buildingId: string;
  publishedB: string;
  draftB: string;
  /** Villages the publish / unpublish rows change (the rows run in name order; the public rows must not see them). */
  toPublishB: string;
  toWithdrawB: string;
  /** The curators' CMS rows: a village whose child rows they write, one only `villages.update` writes, one to reorder. */
  curate: CurateTargets;
}

/** Rows of the curators' CMS (./curate/), each with the `updatedAt` a write must send. */
interface CurateTargets {
  registerB: string;
  childrenB: string;
  editB: { code: string; updatedAt: Date };
  reorderB: { code: string; ids: string[] };
  panoramaMediaB: string;
  building: { id: string; updatedAt: Date };
  buildingToDelete: { id: string; updatedAt: Date };
  poi: { id: string; updatedAt: Date };
  poiToDelete: { id: string; updatedAt: Date };
  panorama: { id: string; updatedAt: Date };
  panoramaToDelete: { id: string; updatedAt: Date };
  /** Village id of `childrenB` (media procedures take ids), a photo to edit and one to delete. */
  childrenIdB: string;
  photoB: string;
  photoToDeleteB: string;
}

const NEW_BUILDING = { nameZh: '访问祠', nameEn: null, eraZh: '清', eraEn: null, buildingType: 'ancestral-hall' as const, protectionLevel: 'none' as const, descriptionZh: '', descriptionEn: null, footprint: null, heightM: null };
const NEW_POI = { kind: 'well' as const, nameZh: '访问井', nameEn: null, descriptionZh: '', descriptionEn: null, position: [116.0, 29.67] as [number, number] };
const codesOf = (result: unknown) => (result as { code: string }[]).map((item) => item.code);

const listedCodes = (result: unknown) => (result as { items: { code: string }[] }).items.map((item) => item.code);

/** Curator rows: officers/admins of the village's region; a 南昌 admin finds no 九江 village (NOT_FOUND, no probing). */
const curatorRow = (call: (c: AppCaller, t: CurateTargets) => Promise<unknown>) => ({
  call: (c: AppCaller, t: VillagesTargets) => call(c, t.curate),
  anonymous: 'UNAUTHORIZED' as const,
  wrongRole: 'FORBIDDEN' as const,
  cityAOnB: 'NOT_FOUND' as const,
  province: 'ok' as const,
  callerRole: 'admin' as const,
});

const CURATE_ROWS = {
  'villages.curate.register.search': {
    ...curatorRow((c) => c.villages.curate.register.search({ query: '访问新村' })),
    cityAOnB: (r: unknown) => expect(codesOf(r)).toEqual([]),
    province: (r: unknown) => expect(codesOf(r)).toEqual([targets().curate.registerB]),
  },
  'villages.curate.villages.list': {
    ...curatorRow((c) => c.villages.curate.villages.list()),
    cityAOnB: (r: unknown) => expect(codesOf(r)).not.toContain(targets().draftB),
    province: (r: unknown) => expect(codesOf(r)).toContain(targets().draftB),
  },
  'villages.curate.villages.get': curatorRow((c, t) => c.villages.curate.villages.get({ code: t.childrenB })),
  'villages.curate.villages.create': { ...curatorRow((c, t) => c.villages.curate.villages.create({ registerCode: t.registerB })), cityAOnB: 'FORBIDDEN' as const },
  'villages.curate.villages.update': curatorRow((c, t) => c.villages.curate.villages.update({ code: t.editB.code, updatedAt: t.editB.updatedAt, nationalBatch: 2 })),
  'villages.curate.sections.upsert': curatorRow((c, t) => c.villages.curate.sections.upsert({ code: t.childrenB, kind: 'customs', bodyZh: '访问', bodyEn: null, updatedAt: null })),
  'villages.curate.buildings.create': curatorRow((c, t) => c.villages.curate.buildings.create({ code: t.childrenB, ...NEW_BUILDING })),
  'villages.curate.buildings.update': curatorRow((c, t) => c.villages.curate.buildings.update({ ...t.building, heightM: 5 })),
  'villages.curate.buildings.delete': curatorRow((c, t) => c.villages.curate.buildings.delete(t.buildingToDelete)),
  'villages.curate.buildings.reorder': curatorRow((c, t) => c.villages.curate.buildings.reorder(t.reorderB)),
  'villages.curate.pois.create': curatorRow((c, t) => c.villages.curate.pois.create({ code: t.childrenB, ...NEW_POI })),
  'villages.curate.pois.update': curatorRow((c, t) => c.villages.curate.pois.update({ ...t.poi, nameZh: '访问井（改）' })),
  'villages.curate.pois.delete': curatorRow((c, t) => c.villages.curate.pois.delete(t.poiToDelete)),
  'villages.curate.panoramas.create': curatorRow((c, t) =>
    c.villages.curate.panoramas.create({ code: t.childrenB, mediaId: t.panoramaMediaB, titleZh: '新全景', titleEn: null, position: null, headingDeg: 90, hotspots: [] }),
  ),
  'villages.curate.panoramas.update': curatorRow((c, t) => c.villages.curate.panoramas.update({ ...t.panorama, headingDeg: 180 })),
  'villages.curate.panoramas.delete': curatorRow((c, t) => c.villages.curate.panoramas.delete(t.panoramaToDelete)),
  'villages.media.list': curatorRow((c, t) => c.villages.media.list({ villageId: t.childrenIdB })),
  'villages.media.update': curatorRow((c, t) => c.villages.media.update({ id: t.photoB, altZh: '访问照片' })),
  'villages.media.delete': curatorRow((c, t) => c.villages.media.delete({ id: t.photoToDeleteB })),
};

const CODE = '360402100041';
const BUILDING = '00000000-0000-4000-8000-000000000041';
const LON = 116.04;
const LAT = 29.69;
const stops = [{ camera: { lon: LON, lat: LAT - 0.003, heightEllipsoidalM: 300, headingDeg: 0, pitchDeg: -30 }, captionZh: '村口', captionEn: null, flightS: 2, holdS: 3 }];

/** Rows of the 3D scene (./scene-router.ts): public reads of the published scene, the curators' working tour. */
const SCENE_ROWS = {
  'villages.scene.byCode': {
    call: (c: AppCaller, t: VillagesTargets) => c.villages.scene.byCode({ code: t.code }),
    anonymous: (r: unknown) => expect(r).toMatchObject({ code: CODE, canCurate: false }),
    wrongRole: null,
    cityAOnB: (r: unknown) => expect(r).toMatchObject({ code: CODE, canCurate: false }),
    province: (r: unknown) => expect(r).toMatchObject({ code: CODE }),
  },
  'villages.scene.building': {
    call: (c: AppCaller, t: VillagesTargets) => c.villages.scene.building({ id: t.buildingId }),
    anonymous: (r: unknown) => expect(r).toMatchObject({ id: BUILDING, villageCode: CODE }),
    wrongRole: null,
    cityAOnB: 'ok' as const,
    province: 'ok' as const,
  },
  'villages.tour.get': {
    call: (c: AppCaller, t: VillagesTargets) => c.villages.tour.get({ code: t.code }),
    anonymous: 'UNAUTHORIZED' as const,
    wrongRole: 'FORBIDDEN' as const,
    cityAOnB: 'NOT_FOUND' as const,
    province: (r: unknown) => expect(r).toMatchObject({ code: CODE }),
    callerRole: 'admin' as const,
  },
  'villages.tour.save': {
    call: (c: AppCaller, t: VillagesTargets) => c.villages.tour.save({ code: t.code, titleZh: '访问导览', titleEn: null, stops }),
    anonymous: 'UNAUTHORIZED' as const,
    wrongRole: 'FORBIDDEN' as const,
    cityAOnB: 'NOT_FOUND' as const,
    province: (r: unknown) => expect(r).toMatchObject({ code: CODE, stops: [{ captionZh: '村口' }] }),
    callerRole: 'admin' as const,
  },
};

/** The villages plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<VillagesTargets>({
  async setUp({ db, account }) {
    const doc = testPublicVillage(CODE, '访问测试村', [LON, LAT], { buildings: [testBuilding(BUILDING, '祠堂', rectangleFootprint(LON, LAT, 10, 8), 6)] });
    await upsertPublishedTestVillage(db, CODE, TEST_REGIONS.lianxi, [LON, LAT], doc, '访问测试村');
    const published = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '访问村', published: true });
    const draft = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '草稿村', published: false });
    const toPublish = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待发布村', published: false });
    const toWithdraw = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待撤回村', published: true });
    const curator = await account('officer', TEST_REGIONS.lianxi);
    const children = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '编辑村', published: false });
    const edit = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '改名村', published: false });
    const reorder = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '排序村', published: false });
    const [{ updatedAt }] = (await db.execute<{ updatedAt: Date }>(sql`SELECT updated_at AS "updatedAt" FROM villages_villages WHERE id = ${edit.id}`)).rows;
    const version = ({ id, updatedAt: at }: { id: string; updatedAt: Date }) => ({ id, updatedAt: at });
    const building = async (code: string) => version(await createBuilding(db, curator, { code, ...NEW_BUILDING }));
    const poi = async () => version(await createPoi(db, curator, { code: children.code, ...NEW_POI }));
    const panoramaMediaB = await createTestMedia(db, children.id, 'panorama');
    const panorama = async () => version(await createPanorama(db, curator, { code: children.code, mediaId: panoramaMediaB, titleZh: '访问全景', titleEn: null, position: null, headingDeg: 0, hotspots: [] }));
    const curate: CurateTargets = {
      registerB: await createTestRegisterRow(db, TEST_REGIONS.lianxi, '访问新村委会', '濂溪区', '九江市'),
      childrenB: children.code,
      editB: { code: edit.code, updatedAt: new Date(updatedAt) },
      reorderB: { code: reorder.code, ids: [(await building(reorder.code)).id, (await building(reorder.code)).id].reverse() },
      panoramaMediaB,
      building: await building(children.code),
      buildingToDelete: await building(children.code),
      poi: await poi(),
      poiToDelete: await poi(),
      panorama: await panorama(),
      panoramaToDelete: await panorama(),
      childrenIdB: children.id,
      photoB: await createTestMedia(db, children.id, 'photo'),
      photoToDeleteB: await createTestMedia(db, children.id, 'photo'),
    };
    saved = { code: CODE, buildingId: BUILDING, publishedB: published.code, draftB: draft.code, toPublishB: toPublish.code, toWithdrawB: toWithdraw.code, curate };
    return saved;
  },
  rows: {
    'villages.public.list': {
      call: (c) => c.villages.public.list({ q: '访问村' }),
      anonymous: (r) => expect(listedCodes(r)).toEqual([targets().publishedB]),
      wrongRole: null,
      cityAOnB: (r) => expect(listedCodes(r)).toEqual([targets().publishedB]),
      province: (r) => expect(listedCodes(r)).toEqual([targets().publishedB]),
    },
    'villages.public.byCode': { call: (c, t) => c.villages.public.byCode({ code: t.draftB }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'NOT_FOUND' },
    'villages.curate.publish': { call: (c, t) => c.villages.curate.publish({ code: t.toPublishB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'NOT_FOUND', province: 'ok', callerRole: 'admin' },
    ...CURATE_ROWS,
    ...SCENE_ROWS,
    'villages.curate.unpublish': { call: (c, t) => c.villages.curate.unpublish({ code: t.toWithdrawB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'NOT_FOUND', province: 'ok', callerRole: 'admin' },
  },
});

let saved: VillagesTargets | undefined;
function targets(): VillagesTargets {
  if (!saved) throw new Error('villages access walk: setUp has not run');
  return saved;
}
