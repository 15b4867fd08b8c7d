import { expect } from 'vitest';
import { createTestModel, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk, idsOf } from '@server/host/access-walk';
import { createSavedView } from './saved-views-service';
import { registerLayer } from './catalogue/catalogue-service';

/**
 * The twin plate's rows of the access walk (server/host/procedure-access.test.ts): models in 南昌 (city A) and
 * 九江 (city B), internal, and one public model without region.
 */

interface TwinTargets {
  /** City-B (九江 濂溪区) internal model and one of its elements. */
  modelB: { modelId: string; globalId: string };
  /** City-A (南昌 东湖区) internal model. */
  modelA: { modelId: string; globalId: string };
  /** A public model without region. */
  publicModel: { modelId: string; globalId: string };
  /** A saved view of a 九江 planner (nobody else may list or remove it, not even the province). */
  otherAccountsViewId: string;
  /** An internal imagery layer registered for city B (九江 濂溪区); `fresh()` registers another one per mutating call. */
  layerB: { id: string; fresh: () => Promise<string> };
}

const VIEW = { name: '九江 overview', camera: { lonDeg: 116, latDeg: 29.7, heightEllipsoidalM: 30_000, headingDeg: 0, pitchDeg: -90, rollDeg: 0 }, layerVisibility: {} };

let targets: TwinTargets;

/** The twin plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<TwinTargets>({
  async setUp({ db, account }) {
    const provinceAdmin = await account('admin', TEST_REGIONS.province);
    const registerB = async () =>
      (
        await registerLayer(db, provinceAdmin, {
          kind: 'imagery',
          url: 'https://tiles.jiujiang.example/{z}/{x}/{y}.png',
          options: { scheme: 'xyz' },
          title: '九江影像',
          titleEn: 'Jiujiang imagery',
          cimLevel: 1,
          regionCode: TEST_REGIONS.lianxi,
          visibility: 'internal',
          attribution: '',
          defaultVisible: false,
          sortOrder: 1000,
        })
      ).id;
    const owner = await account('planner', TEST_REGIONS.jiujiang);
    targets = {
      otherAccountsViewId: (await createSavedView(db, owner, VIEW)).id,
      layerB: { id: await registerB(), fresh: registerB },
      modelA: await createTestModel(db, TEST_REGIONS.donghu),
      modelB: await createTestModel(db, TEST_REGIONS.lianxi),
      publicModel: await createTestModel(db, null, 'public'),
    };
    return targets;
  },
  rows: {
    'twin.models.list': {
      call: (c) => c.twin.models.list(),
      anonymous: (r) => {
        expect(idsOf(r)).toContain(targets.publicModel.modelId);
        expect(idsOf(r)).not.toContain(targets.modelA.modelId);
      },
      wrongRole: null,
      cityAOnB: (r) => {
        expect(idsOf(r)).toContain(targets.modelA.modelId);
        expect(idsOf(r)).not.toContain(targets.modelB.modelId);
      },
      province: (r) => expect(idsOf(r)).toEqual(expect.arrayContaining([targets.modelA.modelId, targets.modelB.modelId])),
    },
    'twin.models.byId': { call: (c, t) => c.twin.models.byId({ id: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'twin.elements.list': { call: (c, t) => c.twin.elements.list({ modelId: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'twin.elements.facets': { call: (c, t) => c.twin.elements.facets({ modelId: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'twin.elements.byGlobalId': {
      call: (c, t) => c.twin.elements.byGlobalId({ globalId: t.modelB.globalId }),
      anonymous: 'NOT_FOUND',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect((r as { modelId: string }).modelId).toBe(targets.modelB.modelId),
    },
    'twin.layers.list': {
      call: (c) => c.twin.layers.list(),
      anonymous: (r) => {
        expect(idsOf(r)).toContain(`model-${targets.publicModel.modelId}`);
        expect(idsOf(r)).not.toContain(`model-${targets.modelA.modelId}`);
        expect(idsOf(r)).not.toContain(targets.layerB.id);
      },
      wrongRole: null,
      cityAOnB: (r) => {
        expect(idsOf(r)).toContain(`model-${targets.modelA.modelId}`);
        expect(idsOf(r)).not.toContain(`model-${targets.modelB.modelId}`);
        expect(idsOf(r)).not.toContain(targets.layerB.id);
      },
      province: (r) => expect(idsOf(r)).toEqual(expect.arrayContaining([`model-${targets.modelA.modelId}`, `model-${targets.modelB.modelId}`, targets.layerB.id])),
    },
    'twin.catalogue.list': {
      callerRole: 'admin',
      call: (c) => c.twin.catalogue.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.layerB.id),
      province: (r) => expect(idsOf(r)).toContain(targets.layerB.id),
    },
    'twin.catalogue.register': {
      callerRole: 'admin',
      call: (c) =>
        c.twin.catalogue.register({
          kind: 'external-tileset',
          url: 'https://3d.jiujiang.example/oblique/tileset.json',
          options: null,
          title: '九江倾斜摄影',
          titleEn: 'Jiujiang oblique photography',
          cimLevel: 3,
          regionCode: TEST_REGIONS.lianxi,
          visibility: 'internal',
        }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ origin: 'registered', regionCode: TEST_REGIONS.lianxi, kind: 'external-tileset' }),
    },
    'twin.catalogue.update': {
      callerRole: 'admin',
      call: async (c, t) => c.twin.catalogue.update({ id: await t.layerB.fresh(), title: '九江影像（新）' }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ title: '九江影像（新）' }),
    },
    'twin.catalogue.remove': {
      callerRole: 'admin',
      call: async (c, t) => c.twin.catalogue.remove({ id: await t.layerB.fresh() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ origin: 'registered' }),
    },
    'twin.regions.list': { call: (c) => c.twin.regions.list({}), anonymous: 'ok', wrongRole: null, cityAOnB: 'ok', province: 'ok' },
    'twin.savedViews.list': {
      call: (c) => c.twin.savedViews.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.otherAccountsViewId),
      province: (r) => expect(idsOf(r)).not.toContain(targets.otherAccountsViewId),
    },
    'twin.savedViews.create': { call: (c) => c.twin.savedViews.create(VIEW), anonymous: 'UNAUTHORIZED', wrongRole: null, cityAOnB: 'ok', province: 'ok' },
    'twin.savedViews.remove': {
      call: (c, t) => c.twin.savedViews.remove({ id: t.otherAccountsViewId }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      province: 'NOT_FOUND',
    },
    'twin.regions.home': {
      call: (c) => c.twin.regions.home(),
      anonymous: (r) => expect(r).toBeNull(),
      wrongRole: null,
      cityAOnB: (r) => expect(r).toMatchObject({ level: expect.stringMatching(/^(city|county)$/) }),
      province: (r) => expect(r).toBeNull(),
    },
  },
});
