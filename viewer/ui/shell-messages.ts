/** UI text of the twin shell every plate lives in: header, breadcrumb, quick navigation, notices. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type ShellMessageKey =
  | 'app.productName'
  | 'app.productSubtitle'
  | 'app.pageTitle'
  | 'breadcrumb.label'
  | 'region.jiangxi'
  | 'region.nanchang'
  | 'nav.label'
  | 'nav.jiangxi'
  | 'nav.nanchang'
  | 'nav.honggutan'
  | 'layers.fetchError'
  | 'api.error'
  | 'layers.unsupportedKind';

/** zh-CN / en text of the twin shell. */
export const SHELL_MESSAGES = {
  'zh-CN': {
    'app.productName': 'GanTwin 数字住建',
    'app.productSubtitle': '城市信息模型',
    'app.pageTitle': 'GanTwin 数字住建 · 城市信息模型',
    'breadcrumb.label': '当前区域',
    'region.jiangxi': '江西省',
    'region.nanchang': '南昌市',
    'nav.label': '快速定位',
    'nav.jiangxi': '全省',
    'nav.nanchang': '南昌',
    'nav.honggutan': '红谷滩示范区',
    'layers.fetchError': '图层 {title} 加载失败：{message}',
    'api.error': '服务暂不可用：{message}',
    'layers.unsupportedKind': '图层 {title} 的类型 {kind} 暂不能在地图上显示',
  },
  en: {
    'app.productName': 'GanTwin Digital Housing',
    'app.productSubtitle': 'City Information Model',
    'app.pageTitle': 'GanTwin 数字住建 · City Information Model',
    'breadcrumb.label': 'Current region',
    'region.jiangxi': 'Jiangxi',
    'region.nanchang': 'Nanchang',
    'nav.label': 'Quick navigation',
    'nav.jiangxi': 'Province',
    'nav.nanchang': 'Nanchang',
    'nav.honggutan': 'Honggutan demo',
    'layers.fetchError': 'Layer {title} failed to load: {message}',
    'api.error': 'Service unavailable: {message}',
    'layers.unsupportedKind': 'Layer {title}: kind {kind} cannot be drawn on the map yet',
  },
} as const satisfies MessageCatalogue<ShellMessageKey>;
