/**
 * The planning-indicator rules of BIM 报建审查 (submission review): rule ids, titles and the clause each comes from,
 * in Chinese and English. Data, not code: `server/review/indicators/check-parcel.ts` looks rules up here by id, and
 * the UI shows `titleZh`/`titleEn` with the verdict (合格 / 不合格 / 无法判定) and the clause.
 *
 * Sources: the parcel's 规划条件 (planning conditions issued with the land, from the 控制性详细规划 regulatory
 * detailed plan) set the limits; the standards define how each indicator is measured:
 * - GB/T 50353-2013 建筑工程建筑面积计算规范 — gross floor area (建筑面积) and base area (基底面积) as horizontal
 *   projections at the outer outline.
 * - GB 50180-2018 城市居住区规划设计标准 — §2.0.x / appendix A definitions of 容积率 (FAR) and 建筑密度 (density) for
 *   residential parcels.
 * - GB 50352-2019 民用建筑设计统一标准 §4.5.2 — building height for height-controlled areas: from the outdoor ground
 *   level to the highest point of the building (the roof top where no parapet rule applies).
 * - 城乡规划管理技术规定 (local, e.g. 南昌市城市规划管理技术规定) — building setbacks (退线) from parcel boundaries and
 *   road red lines; the distance is measured from the building's outer outline to the line.
 * Check each clause against the city's current edition before relying on it; the wording here is a summary.
 */

/** A rule's text: what is checked and where the requirement comes from. */
export interface ReviewRule {
  /** Stable id (used in check results, stored with review records). */
  id: ReviewRuleId;
  titleZh: string;
  titleEn: string;
  /** Where the limit comes from and how the value is measured. */
  clause: { zh: string; en: string; source: string };
}

/** The rule ids, in the order checks are listed. */
export const REVIEW_RULE_IDS = ['height-limit', 'far-max', 'far-min', 'density-max', 'setback', 'inside-parcel'] as const;
export type ReviewRuleId = (typeof REVIEW_RULE_IDS)[number];

/** Every rule by id. */
export const REVIEW_RULES: Readonly<Record<ReviewRuleId, ReviewRule>> = {
  'height-limit': {
    id: 'height-limit',
    titleZh: '建筑限高',
    titleEn: 'Building height limit',
    clause: {
      zh: '建筑高度不得超过规划条件规定的限高；建筑高度自室外地面（±0.000）算至建筑最高点。',
      en: 'The building height must not exceed the height limit of the planning conditions; measured from the outdoor ground level (±0.000) to the highest point of the building.',
      source: '规划条件（控制性详细规划）; GB 50352-2019 §4.5.2',
    },
  },
  'far-max': {
    id: 'far-max',
    titleZh: '容积率上限',
    titleEn: 'Maximum floor area ratio (FAR)',
    clause: {
      zh: '容积率 = 地上总建筑面积 / 用地面积，不得大于规划条件规定的上限。',
      en: 'FAR = above-ground gross floor area / parcel area; must not exceed the maximum of the planning conditions.',
      source: '规划条件（控制性详细规划）; GB 50180-2018 附录A; GB/T 50353-2013',
    },
  },
  'far-min': {
    id: 'far-min',
    titleZh: '容积率下限',
    titleEn: 'Minimum floor area ratio (FAR)',
    clause: {
      zh: '容积率 = 地上总建筑面积 / 用地面积，不得小于规划条件规定的下限。',
      en: 'FAR = above-ground gross floor area / parcel area; must not be below the minimum of the planning conditions.',
      source: '规划条件（控制性详细规划）; GB 50180-2018 附录A; GB/T 50353-2013',
    },
  },
  'density-max': {
    id: 'density-max',
    titleZh: '建筑密度上限',
    titleEn: 'Maximum building density',
    clause: {
      zh: '建筑密度 = 建筑基底面积 / 用地面积，不得大于规划条件规定的上限；基底面积为建筑外轮廓在室外地面处的水平投影面积。',
      en: 'Building density = building base area / parcel area; must not exceed the maximum of the planning conditions. The base area is the horizontal projection of the outer outline at ground level.',
      source: '规划条件（控制性详细规划）; GB 50180-2018 附录A; GB/T 50353-2013 建筑基底面积',
    },
  },
  setback: {
    id: 'setback',
    titleZh: '建筑退线',
    titleEn: 'Building setback',
    clause: {
      zh: '建筑外轮廓至用地边界（道路红线）的最小距离不得小于规划条件规定的退线距离。',
      en: 'The shortest distance from the building outline to the parcel boundary (road red line) must not be less than the setback of the planning conditions.',
      source: '规划条件; 城市规划管理技术规定（建筑退让）',
    },
  },
  'inside-parcel': {
    id: 'inside-parcel',
    titleZh: '建筑位于用地红线内',
    titleEn: 'Building inside the parcel',
    clause: {
      zh: '建筑基底不得超出用地红线。',
      en: 'The building base must not extend beyond the parcel boundary (land-use red line).',
      source: '规划条件（用地红线）; 城市规划管理技术规定',
    },
  },
};
