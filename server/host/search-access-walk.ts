import { expect } from 'vitest';
import { createTestModel, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk } from './access-walk';
import type { SearchAnswer } from './plate-search';

/**
 * The host's `search` router in the access walk (server/host/procedure-access.test.ts): a 九江 internal model's
 * GlobalId is found by the province only; a public model's by everyone.
 */

interface SearchTargets {
  internalB: { modelId: string; globalId: string };
}

let targets: SearchTargets;

/** Element ids (`<modelId>:<GlobalId>`) found by a search answer, over all plates. */
function foundIds(answer: unknown): string[] {
  return (answer as SearchAnswer).groups.flatMap((group) => group.results.map((result) => result.id));
}

/** The host search router's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<SearchTargets>({
  async setUp({ db }) {
    targets = { internalB: await createTestModel(db, TEST_REGIONS.lianxi) };
    return targets;
  },
  rows: {
    'search.query': {
      call: (c, t) => c.search.query({ q: t.internalB.globalId }),
      anonymous: (r) => expect(foundIds(r)).toEqual([]),
      wrongRole: null,
      cityAOnB: (r) => expect(foundIds(r)).toEqual([]),
      province: (r) => expect(foundIds(r)).toEqual([`${targets.internalB.modelId}:${targets.internalB.globalId}`]),
    },
  },
});
