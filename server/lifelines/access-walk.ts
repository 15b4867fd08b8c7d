import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk } from '@server/host/access-walk';
import { PIPE_NETWORKS, type PipeNetwork } from '@server/db/schema/lifelines';
import { createTestNetwork } from './test-fixtures';

/**
 * The `lifelines` plate's rows of the access walk (server/host/procedure-access.test.ts): one DN1200 segment of
 * each network in 九江 濂溪区 (city B). Every procedure is open to inspectors, officers, admins and planners, so
 * the walk's wrong-role caller (a planner) has no row; applicants are refused in router.test.ts.
 */

interface LifelinesTargets {
  /** Segment id per network. */
  pipeB: Record<PipeNetwork, string>;
}

let saved: LifelinesTargets | undefined;
/** The targets of this walk (rows whose check needs them after `setUp`). */
function targets(): LifelinesTargets {
  if (!saved) throw new Error('lifelines access walk: setUp has not run');
  return saved;
}

const BBOX_B: [number, number, number, number] = [115.99, 29.66, 116.03, 29.69];

const pipeIds = (result: unknown) => (result as { features: { id: string }[] }).features.map((feature) => feature.id);
const summaryRegions = (result: unknown) => (result as { regionCode: string }[]).map((row) => row.regionCode);

/** The lifelines plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<LifelinesTargets>({
  async setUp({ db }) {
    const pipeB = {} as Record<PipeNetwork, string>;
    for (const [i, network] of PIPE_NETWORKS.entries()) {
      const lat = 29.67 + i * 0.001;
      const ids = await createTestNetwork(
        db,
        TEST_REGIONS.lianxi,
        network,
        [
          { name: 'A', kind: 'junction', lonDeg: 116.0, latDeg: lat },
          { name: 'B', kind: 'junction', lonDeg: 116.001, latDeg: lat },
        ],
        [{ name: 'P', from: 'A', to: 'B', lengthM: 97, diameterMm: 1200 }],
      );
      pipeB[network] = ids.pipes.P;
    }
    saved = { pipeB };
    return saved;
  },
  rows: {
    'lifelines.pipes.inBbox': {
      call: (c) => c.lifelines.pipes.inBbox({ bbox: BBOX_B }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: (r) => expect(pipeIds(r)).toEqual([]),
      province: (r) => expect(pipeIds(r)).toEqual(expect.arrayContaining(Object.values(targets().pipeB))),
    },
    'lifelines.pipes.byId': { call: (c, t) => c.lifelines.pipes.byId({ id: t.pipeB.water }), anonymous: 'UNAUTHORIZED', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'lifelines.isolation.forSegment': {
      call: (c, t) => c.lifelines.isolation.forSegment({ id: t.pipeB.water }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      // A lone segment between two junctions: nothing to close, 97 m out.
      province: (r) => expect(r).toMatchObject({ valves: [], isolatedLengthM: 97 }),
    },
    'lifelines.networks.summary': {
      call: (c) => c.lifelines.networks.summary(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: (r) => expect(summaryRegions(r)).not.toContain(TEST_REGIONS.lianxi),
      province: (r) => expect(summaryRegions(r)).toContain(TEST_REGIONS.lianxi),
    },
  },
});
