import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk } from '@server/host/access-walk';
import { createTestVillage, rectangleFootprint, testBuilding, testPublicVillage } from './scene-test-fixtures';
import { createDraftTestVillage } from './seed-test-fixtures';

/**
 * The `villages` plate's rows of the access walk (server/host/procedure-access.test.ts). Records in 九江 濂溪区
 * (city B): one published village with one building (scene rows), one published and one draft village for the public
 * rows, and one village each for the publish / unpublish rows (rows run in name order; the public rows must not see
 * their changes). Public procedures answer everyone alike and never show a draft; curator procedures are for officers
 * and admins of the village's region, so their city and province callers are admins (officers are covered in the
 * plate's own tests).
 */

interface VillagesTargets {
  code: string;
  buildingId: string;
  publishedB: string;
  draftB: string;
  toPublishB: string;
  toWithdrawB: string;
}

const CODE = '360402100041';
const BUILDING = '00000000-0000-4000-8000-000000000041';
const LON = 116.04;
const LAT = 29.69;

const stops = [{ camera: { lon: LON, lat: LAT - 0.003, heightEllipsoidalM: 300, headingDeg: 0, pitchDeg: -30 }, captionZh: '村口', captionEn: null, flightS: 2, holdS: 3 }];
const listedCodes = (result: unknown) => (result as { items: { code: string }[] }).items.map((item) => item.code);

let saved: VillagesTargets | undefined;
function targets(): VillagesTargets {
  if (!saved) throw new Error('villages access walk: setUp has not run');
  return saved;
}

/** The villages plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<VillagesTargets>({
  async setUp({ db }) {
    const doc = testPublicVillage(CODE, '访问测试村', [LON, LAT], { buildings: [testBuilding(BUILDING, '祠堂', rectangleFootprint(LON, LAT, 10, 8), 6)] });
    await createTestVillage(db, CODE, TEST_REGIONS.lianxi, [LON, LAT], doc, '访问测试村');
    const published = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '访问村', published: true });
    const draft = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '草稿村' });
    const toPublish = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待发布村' });
    const toWithdraw = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待撤回村', published: true });
    saved = { code: CODE, buildingId: BUILDING, publishedB: published.code, draftB: draft.code, toPublishB: toPublish.code, toWithdrawB: toWithdraw.code };
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
    'villages.curate.publish': { call: (c, t) => c.villages.curate.publish({ code: t.toPublishB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'FORBIDDEN', province: 'ok', callerRole: 'admin' },
    'villages.curate.unpublish': { call: (c, t) => c.villages.curate.unpublish({ code: t.toWithdrawB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'FORBIDDEN', province: 'ok', callerRole: 'admin' },
    'villages.scene.byCode': {
      call: (c, t) => c.villages.scene.byCode({ code: t.code }),
      anonymous: (r) => expect(r).toMatchObject({ code: CODE, canCurate: false }),
      wrongRole: null,
      cityAOnB: (r) => expect(r).toMatchObject({ code: CODE, canCurate: false }),
      province: (r) => expect(r).toMatchObject({ code: CODE }),
    },
    'villages.scene.building': {
      call: (c, t) => c.villages.scene.building({ id: t.buildingId }),
      anonymous: (r) => expect(r).toMatchObject({ id: BUILDING, villageCode: CODE }),
      wrongRole: null,
      cityAOnB: 'ok',
      province: 'ok',
    },
    'villages.tour.get': {
      call: (c, t) => c.villages.tour.get({ code: t.code }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ code: CODE }),
      callerRole: 'admin',
    },
    'villages.tour.save': {
      call: (c, t) => c.villages.tour.save({ code: t.code, titleZh: '访问导览', titleEn: null, stops }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ code: CODE, stops: [{ captionZh: '村口' }] }),
      callerRole: 'admin',
    },
  },
});
