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
  | 'menu.label'
  | 'dock.label'
  | 'dock.layers'
  | 'dock.close'
  | 'dock.expand'
  | 'dock.collapse'
  | 'selection.label'
  | 'selection.clear'
  | 'selection.missingTitle'
  | 'selection.missingLayer'
  | 'selection.missingFeature'
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
    'menu.label': '菜单',
    'dock.label': '面板',
    'dock.layers': '图层',
    'dock.close': '收起面板',
    'dock.expand': '展开',
    'dock.collapse': '收起',
    'selection.label': '选中对象',
    'selection.clear': '清除选择',
    'selection.missingTitle': '未找到所选对象',
    'selection.missingLayer': '链接中的图层 {layerId} 不存在，或当前账号无权查看。',
    'selection.missingFeature': '图层“{title}”中没有编号为 {featureId} 的要素。',
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
    'menu.label': 'Menu',
    'dock.label': 'Panels',
    'dock.layers': 'Layers',
    'dock.close': 'Close panel',
    'dock.expand': 'Expand',
    'dock.collapse': 'Collapse',
    'selection.label': 'Selection',
    'selection.clear': 'Clear selection',
    'selection.missingTitle': 'Selection not found',
    'selection.missingLayer': 'Layer {layerId} of this link does not exist, or this account may not see it.',
    'selection.missingFeature': 'Layer “{title}” has no feature with id {featureId}.',
    'layers.fetchError': 'Layer {title} failed to load: {message}',
    'api.error': 'Service unavailable: {message}',
    'layers.unsupportedKind': 'Layer {title}: kind {kind} cannot be drawn on the map yet',
  },
} as const satisfies MessageCatalogue<ShellMessageKey>;
