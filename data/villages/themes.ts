/**
 * Themes a traditional village is filed under (list filter, page tags). Slugs are stable; labels zh/en.
 * Grouping after the usual headings of Jiangxi's village catalogues (徽派/赣派建筑, 红色文化, 商贸古镇, 耕读传家,
 * 山水田园); a village may carry several.
 */
export const VILLAGE_THEMES = {
  'huizhou-architecture': { zh: '徽派建筑', en: 'Huizhou-style architecture' },
  'gan-architecture': { zh: '赣派建筑', en: 'Gan-style architecture' },
  'clan-culture': { zh: '宗族文化', en: 'Clan culture' },
  'farming-and-study': { zh: '耕读传家', en: 'Farming and scholarship' },
  'trade-town': { zh: '商贸古镇', en: 'Old trading post' },
  'red-culture': { zh: '红色文化', en: 'Revolutionary heritage' },
  landscape: { zh: '山水田园', en: 'Landscape and fields' },
  'hakka-culture': { zh: '客家文化', en: 'Hakka culture' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type VillageTheme = keyof typeof VILLAGE_THEMES;

/** Every theme slug, in display order. */
export const VILLAGE_THEME_SLUGS = Object.keys(VILLAGE_THEMES) as VillageTheme[];
