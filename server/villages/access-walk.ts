import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk } from '@server/host/access-walk';
import { createTestVillage, rectangleFootprint, testBuilding, testPublicVillage } from './scene-test-fixtures';

/**
 * The `villages` plate's rows of the access walk (server/host/procedure-access.test.ts), scene procedures
 * (./scene-router.ts): one published village in 九江 濂溪区 (city B) with one building. The public scene reads
 * answer everyone alike; the tour procedures are for curators (officers, admins) of the village's region, so their
 * city and province callers are admins (the walk's curator role; officers are covered in ./scene-router.test.ts).
 */

interface VillagesTargets {
  code: string;
  buildingId: string;
}

const CODE = '360402100041';
const BUILDING = '00000000-0000-4000-8000-000000000041';
const LON = 116.04;
const LAT = 29.69;

const stops = [{ camera: { lon: LON, lat: LAT - 0.003, heightEllipsoidalM: 300, headingDeg: 0, pitchDeg: -30 }, captionZh: '村口', captionEn: null, flightS: 2, holdS: 3 }];

/** The villages plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<VillagesTargets>({
  async setUp({ db }) {
    const doc = testPublicVillage(CODE, '访问测试村', [LON, LAT], { buildings: [testBuilding(BUILDING, '祠堂', rectangleFootprint(LON, LAT, 10, 8), 6)] });
    await createTestVillage(db, CODE, TEST_REGIONS.lianxi, [LON, LAT], doc, '访问测试村');
    return { code: CODE, buildingId: BUILDING };
  },
  rows: {
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
