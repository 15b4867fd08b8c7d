import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk, idsOf } from '@server/host/access-walk';
import { createTestParcel, createTestSubmission, testMeasures, testParcelInput } from './test-fixtures';

/**
 * The `review` plate's rows of the access walk (server/host/procedure-access.test.ts): a parcel in 九江 濂溪区
 * (city B) with a submission of a 九江 applicant waiting for review; `fresh*` make one more per mutating call.
 */

interface ReviewTargets {
  parcelB: string;
  submissionB: string;
  freshParcelB: () => Promise<string>;
  freshSubmissionB: () => Promise<string>;
}

let targets: ReviewTargets;

/** The review plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<ReviewTargets>({
  async setUp({ db, account }) {
    const editor = await account('planner', TEST_REGIONS.jiujiang);
    const applicant = await account('applicant', TEST_REGIONS.jiujiang);
    const parcelB = await createTestParcel(db, editor, TEST_REGIONS.lianxi);
    targets = {
      parcelB,
      submissionB: (await createTestSubmission(db, applicant, parcelB, 'pending-review', testMeasures(116.0, 29.67))).id,
      freshParcelB: () => createTestParcel(db, editor, TEST_REGIONS.lianxi),
      freshSubmissionB: async () => (await createTestSubmission(db, applicant, parcelB)).id,
    };
    return targets;
  },
  rows: {
    'review.parcels.list': {
      call: (c) => c.review.parcels.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.parcelB),
      province: (r) => expect(idsOf(r)).toContain(targets.parcelB),
    },
    'review.parcels.byId': { call: (c, t) => c.review.parcels.byId({ id: t.parcelB }), anonymous: 'UNAUTHORIZED', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'review.parcels.create': {
      call: (c) => c.review.parcels.create(testParcelInput(TEST_REGIONS.lianxi, 116.01, 29.66)),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.lianxi, version: 1 }),
    },
    'review.parcels.update': {
      call: async (c, t) => c.review.parcels.update({ id: await t.freshParcelB(), version: 1, heightLimitM: 60 }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ heightLimitM: 60, version: 2 }),
    },
    'review.parcels.remove': {
      call: async (c, t) => c.review.parcels.remove({ id: await t.freshParcelB() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      province: 'ok',
    },
    'review.submissions.list': {
      call: (c) => c.review.submissions.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.submissionB),
      province: (r) => expect(idsOf(r)).toContain(targets.submissionB),
    },
    'review.submissions.byId': { call: (c, t) => c.review.submissions.byId({ id: t.submissionB }), anonymous: 'UNAUTHORIZED', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
    'review.submissions.decide': {
      call: async (c, t) => c.review.submissions.decide({ id: await t.freshSubmissionB(), decision: 'return', comment: '请补充日照分析' }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ status: 'returned', reviewComment: '请补充日照分析' }),
    },
    'review.submissions.recheck': {
      call: (c, t) => c.review.submissions.recheck({ id: t.submissionB }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: null,
      cityAOnB: 'NOT_FOUND',
      // A 9 m box on the parcel: the 54 m height limit holds.
      province: (r) => expect((r as { checks: { checks: { rule: string; verdict: string }[] } }).checks.checks.find((check) => check.rule === 'height-limit')?.verdict).toBe('pass'),
    },
  },
  geoRows: {
    'review-parcels': {
      anonymous: (ids) => expect(ids).toEqual([]),
      cityA: (ids, t) => expect(ids).not.toContain(t.parcelB),
      province: (ids, t) => expect(ids).toContain(t.parcelB),
    },
  },
});
