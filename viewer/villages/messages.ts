/**
 * UI text of the `villages` plate's viewer parts. Simplified Chinese is the reference catalogue; English has the
 * same keys. Keys are prefixed by the part that uses them (`panorama.` for ./panorama-viewer.tsx), so that other
 * parts add their own without touching these.
 */
import type { MessageCatalogue } from '@viewer/core/i18n';

const ZH = {
  'panorama.roleDescription': '720° 全景',
  'panorama.label': '全景：{title}。{alt}',
  'panorama.generated': '（程序生成的示例图像）',
  'panorama.instructions': '拖动或滑动可环视四周；方向键转动视角，加号和减号缩放。',
  'panorama.loading': '正在加载全景…',
  'panorama.error': '无法显示全景：{message}',
  'panorama.noImage': '这个全景没有可用的图像。',
  'panorama.gyroscopeOn': '开启陀螺仪',
  'panorama.gyroscopeOff': '关闭陀螺仪',
  'panorama.hotspots': '热点',
  'panorama.openBuilding': '查看建筑：{label}',
  'panorama.openPanorama': '前往全景：{label}',
  'panorama.zoomIn': '放大',
  'panorama.zoomOut': '缩小',
  'panorama.fullscreen': '全屏',
  'panorama.page.title': '{title} · {village} · 全景漫游',
  'panorama.page.back': '返回{village}',
  'panorama.page.demo': '示例内容',
  'panorama.page.demoNote': '本村的文字与图像为示例内容，图像由程序生成，并非实景照片。',
  'panorama.page.credit': '图像：{credit}',
  'panorama.page.others': '本村其他全景',
  'panorama.page.heading': '图像中心朝向：{heading}',
};

/** Keys of the villages viewer messages. */
export type VillagesMessageKey = keyof typeof ZH;

/** The villages viewer messages per locale. */
export const VILLAGES_MESSAGES = {
  'zh-CN': ZH,
  en: {
    'panorama.roleDescription': '720° panorama',
    'panorama.label': 'Panorama: {title}. {alt}',
    'panorama.generated': ' (generated sample image)',
    'panorama.instructions': 'Drag or swipe to look around; arrow keys turn the view, plus and minus zoom.',
    'panorama.loading': 'Loading the panorama…',
    'panorama.error': 'The panorama cannot be shown: {message}',
    'panorama.noImage': 'This panorama has no image.',
    'panorama.gyroscopeOn': 'Use the gyroscope',
    'panorama.gyroscopeOff': 'Stop using the gyroscope',
    'panorama.hotspots': 'Hotspots',
    'panorama.openBuilding': 'Open the building: {label}',
    'panorama.openPanorama': 'Go to the panorama: {label}',
    'panorama.zoomIn': 'Zoom in',
    'panorama.zoomOut': 'Zoom out',
    'panorama.fullscreen': 'Full screen',
    'panorama.page.title': '{title} · {village} · Panoramas',
    'panorama.page.back': 'Back to {village}',
    'panorama.page.demo': 'Sample content',
    'panorama.page.demoNote': 'The text and images of this village are samples; the images are generated, not photographs.',
    'panorama.page.credit': 'Image: {credit}',
    'panorama.page.others': 'Other panoramas of this village',
    'panorama.page.heading': 'The image centre faces {heading}',
  },
} as const satisfies MessageCatalogue<VillagesMessageKey>;
