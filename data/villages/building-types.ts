/** Types of historic buildings (传统建筑) of a village page; slugs stable, labels zh/en. */
export const BUILDING_TYPES = {
  'ancestral-hall': { zh: '祠堂', en: 'Ancestral hall' },
  residence: { zh: '民居', en: 'Residence' },
  'merchant-house': { zh: '商宅', en: 'Merchant house' },
  academy: { zh: '书院', en: 'Academy' },
  temple: { zh: '庙宇', en: 'Temple' },
  archway: { zh: '牌坊', en: 'Memorial archway' },
  bridge: { zh: '古桥', en: 'Bridge' },
  pagoda: { zh: '塔', en: 'Pagoda' },
  stage: { zh: '戏台', en: 'Opera stage' },
  pavilion: { zh: '亭阁', en: 'Pavilion' },
  gate: { zh: '门楼', en: 'Gatehouse' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type BuildingType = keyof typeof BUILDING_TYPES;
export const BUILDING_TYPE_SLUGS = Object.keys(BUILDING_TYPES) as BuildingType[];

/** Labels of the protection levels (server/db/schema/villages.ts PROTECTION_LEVELS). */
export const PROTECTION_LEVEL_LABELS = {
  national: { zh: '全国重点文物保护单位', en: 'Major national heritage site' },
  provincial: { zh: '省级文物保护单位', en: 'Provincial heritage site' },
  municipal: { zh: '市级文物保护单位', en: 'Municipal heritage site' },
  county: { zh: '县级文物保护单位', en: 'County heritage site' },
  'historic-building': { zh: '历史建筑', en: 'Historic building' },
  none: { zh: '未定级', en: 'Not graded' },
} as const;
