/** UI text of the section-plane plugin, Simplified Chinese first. */
import type { MessageCatalogue } from '@viewer/core/i18n';

/** Keys of {@link SECTION_MESSAGES}. */
type SectionMessageKey = 'section.title' | 'section.enable' | 'section.height' | 'section.heightValue';

/** The section plugin's messages. */
export const SECTION_MESSAGES = {
  'zh-CN': {
    'section.title': '剖切',
    'section.enable': '水平剖切面',
    'section.height': '剖切高度',
    'section.heightValue': '{height} 米',
  },
  en: {
    'section.title': 'Section',
    'section.enable': 'Horizontal section plane',
    'section.height': 'Section height',
    'section.heightValue': '{height} m',
  },
} as const satisfies MessageCatalogue<SectionMessageKey>;

export type { SectionMessageKey };
