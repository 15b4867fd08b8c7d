import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk } from '@server/host/access-walk';
import { createTestVillage } from './seed-test-fixtures';

/**
 * The `villages` plate's rows of the access walk (server/host/procedure-access.test.ts): one published and one
 * draft village in 九江 濂溪区 (city B). Public procedures answer everyone alike and never show the draft; curator
 * procedures are for officers and admins of the village's region (the walk's city and province callers are admins).
 */

interface VillagesTargets {
  publishedB: string;
  draftB: string;
  /** Villages the publish / unpublish rows change (the rows run in name order; the public rows must not see them). */
  toPublishB: string;
  toWithdrawB: string;
}

const listedCodes = (result: unknown) => (result as { items: { code: string }[] }).items.map((item) => item.code);

/** The villages plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<VillagesTargets>({
  async setUp({ db }) {
    const published = await createTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '访问村' });
    const draft = await createTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '草稿村', published: false });
    const toPublish = await createTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待发布村', published: false });
    const toWithdraw = await createTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '待撤回村' });
    saved = { publishedB: published.code, draftB: draft.code, toPublishB: toPublish.code, toWithdrawB: toWithdraw.code };
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
  },
});

let saved: VillagesTargets | undefined;
function targets(): VillagesTargets {
  if (!saved) throw new Error('villages access walk: setUp has not run');
  return saved;
}
