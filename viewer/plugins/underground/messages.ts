/** UI text of the underground-mode tool (地下模式). */
import type { MessageCatalogue } from '@viewer/core/i18n';

/** Keys of the underground tool's messages. */
export type UndergroundMessageKey = 'underground.label' | 'underground.on' | 'underground.off' | 'underground.unavailable';

/** zh-CN / en text of the underground tool. */
export const UNDERGROUND_MESSAGES = {
  'zh-CN': {
    'underground.label': '地下',
    'underground.on': '地下模式：地表半透明（视野中心周围约 1.5 公里），可进入地下查看管线。点击关闭',
    'underground.off': '地下模式：让地表半透明，查看地下管线',
    'underground.unavailable': '三维地球尚未就绪',
  },
  en: {
    'underground.label': 'Under',
    'underground.on': 'Underground mode: the ground is translucent (about 1.5 km around the view centre) and the camera may go below it. Click to turn off',
    'underground.off': 'Underground mode: make the ground translucent to see the pipes below',
    'underground.unavailable': 'The 3D globe is not ready yet',
  },
} as const satisfies MessageCatalogue<UndergroundMessageKey>;
