/**
 * UI text of the `review` plate's frame, submissions and review workspace (BIM 报建审查). Simplified Chinese is the
 * reference catalogue; English has the same keys. The parcels pages keep theirs in ./parcel-messages.ts.
 */
import type { MessageCatalogue } from '@viewer/core/i18n';

const ZH = {
  'plate.title': 'BIM 报建审查',
  'nav.label': '报建审查',
  'nav.submissions': '报建',
  'nav.parcels': '地块与规划条件',
  'nav.twin': '返回数字孪生',
  'demo.label': '示例数据',

  'status.submitted': '已提交',
  'status.converting': '转换中',
  'status.checking': '自动审查',
  'status.pending-review': '待审查',
  'status.approved': '通过',
  'status.returned': '退回',
  'status.failed': '失败',

  'verdict.pass': '合格',
  'verdict.fail': '不合格',
  'verdict.undetermined': '无法判定',
} as const;

/** Keys of {@link REVIEW_MESSAGES}. */
export type ReviewMessageKey = keyof typeof ZH;

/** The review plate's catalogue. */
export const REVIEW_MESSAGES = {
  'zh-CN': ZH,
  en: {
    'plate.title': 'BIM submission review',
    'nav.label': 'Submission review',
    'nav.submissions': 'Submissions',
    'nav.parcels': 'Parcels and planning conditions',
    'nav.twin': 'Back to the twin',
    'demo.label': 'Demo data',

    'status.submitted': 'Submitted',
    'status.converting': 'Converting',
    'status.checking': 'Automatic checks',
    'status.pending-review': 'Awaiting review',
    'status.approved': 'Approved',
    'status.returned': 'Returned',
    'status.failed': 'Failed',

    'verdict.pass': 'Pass',
    'verdict.fail': 'Fail',
    'verdict.undetermined': 'Undetermined',
  },
} as const satisfies MessageCatalogue<ReviewMessageKey>;
