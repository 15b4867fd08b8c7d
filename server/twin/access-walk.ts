import { expect } from 'vitest';
import { createTestModel, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk, idsOf } from '@server/host/access-walk';

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
}

let targets: TwinTargets;

/** The twin plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<TwinTargets>({
  async setUp({ db }) {
    targets = {
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
      },
      wrongRole: null,
      cityAOnB: (r) => {
        expect(idsOf(r)).toContain(`model-${targets.modelA.modelId}`);
        expect(idsOf(r)).not.toContain(`model-${targets.modelB.modelId}`);
      },
      province: (r) => expect(idsOf(r)).toEqual(expect.arrayContaining([`model-${targets.modelA.modelId}`, `model-${targets.modelB.modelId}`])),
    },
    'twin.regions.list': { call: (c) => c.twin.regions.list({}), anonymous: 'ok', wrongRole: null, cityAOnB: 'ok', province: 'ok' },
    'twin.regions.home': {
      call: (c) => c.twin.regions.home(),
      anonymous: (r) => expect(r).toBeNull(),
      wrongRole: null,
      cityAOnB: (r) => expect(r).toMatchObject({ level: expect.stringMatching(/^(city|county)$/) }),
      province: (r) => expect(r).toBeNull(),
    },
  },
});
