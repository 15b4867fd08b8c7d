/**
 * UI text of the `lifelines` plate (市政管网 / 城市生命线). Simplified Chinese is the reference catalogue; English has
 * the same keys.
 */
import type { MessageCatalogue } from '@viewer/core/i18n';

const ZH = {
  'plate.title': '城市生命线（市政管网）',
  'demo.label': '示例数据',
};

/** Keys of the lifelines messages. */
export type LifelinesMessageKey = keyof typeof ZH;

/** The lifelines plate's messages per locale. */
export const LIFELINES_MESSAGES = {
  'zh-CN': ZH,
  en: {
    'plate.title': 'Urban lifelines (utility networks)',
    'demo.label': 'Demo data',
  },
} as const satisfies MessageCatalogue<LifelinesMessageKey>;
