/** UI text of the city twin page: header, breadcrumb, quick navigation, model list. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type TwinMessageKey =
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
  | 'models.title'
  | 'models.empty'
  | 'models.loading'
  | 'models.elements'
  | 'models.flyTo'
  | 'models.inspect'
  | 'models.status.ready'
  | 'models.status.failed'
  | 'models.status.converting'
  | 'models.outsideJiangxi'
  | 'selection.notFound'
  | 'selection.error'
  | 'layers.fetchError'
  | 'api.error'
  | 'plate.title';

/** zh-CN / en text of the twin page. */
export const TWIN_MESSAGES = {
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
    'models.title': '模型',
    'models.empty': '暂无已转换的模型',
    'models.loading': '正在加载模型列表…',
    'models.elements': '{count} 个构件',
    'models.flyTo': '飞往',
    'models.inspect': 'BIM 检查',
    'models.status.ready': '已就绪',
    'models.status.failed': '转换失败',
    'models.status.converting': '转换中',
    'models.outsideJiangxi': '省外示例',
    'selection.notFound': '数据库中没有 GlobalId 为 {globalId} 的构件',
    'selection.error': '构件属性读取失败：{message}',
    'layers.fetchError': '图层 {title} 加载失败：{message}',
    'api.error': '服务暂不可用：{message}',
    'plate.title': '城市底座与模型',
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
    'models.title': 'Models',
    'models.empty': 'No converted models yet',
    'models.loading': 'Loading models…',
    'models.elements': '{count} element(s)',
    'models.flyTo': 'Fly to',
    'models.inspect': 'BIM inspection',
    'models.status.ready': 'Ready',
    'models.status.failed': 'Failed',
    'models.status.converting': 'Converting',
    'models.outsideJiangxi': 'Outside Jiangxi',
    'selection.notFound': 'No element with GlobalId {globalId} in the database',
    'selection.error': 'Could not read the element: {message}',
    'layers.fetchError': 'Layer {title} failed to load: {message}',
    'api.error': 'Service unavailable: {message}',
    'plate.title': 'City base & models',
  },
} as const satisfies MessageCatalogue<TwinMessageKey>;

/** A key of {@link TWIN_MESSAGES}. */
export type { TwinMessageKey };
