/** UI text of the CesiumJS globe (status overlays). */
import type { MessageCatalogue } from '@viewer/core/i18n';

/** Keys of the globe's messages. */
export type GlobeMessageKey = 'globe.loading' | 'globe.error' | 'globe.tilesetError' | 'globe.ariaLabel' | 'tip.diameter' | 'tip.cover';

/** zh-CN / en text of the globe. */
export const GLOBE_MESSAGES = {
  'zh-CN': {
    'globe.loading': '正在加载三维地球…',
    'globe.error': '三维地球无法启动：{message}',
    'globe.tilesetError': '模型图层加载失败：{message}',
    'globe.ariaLabel': '江西省三维城市模型',
    'tip.diameter': '管径 DN{value}',
    'tip.cover': '覆土 {value} 米',
  },
  en: {
    'globe.loading': 'Loading the 3D globe…',
    'globe.error': 'The 3D globe could not start: {message}',
    'globe.tilesetError': 'A model layer failed to load: {message}',
    'globe.ariaLabel': '3D city model of Jiangxi province',
    'tip.diameter': 'Diameter DN{value}',
    'tip.cover': 'Cover {value} m',
  },
} as const satisfies MessageCatalogue<GlobeMessageKey>;
