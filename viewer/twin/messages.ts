/** UI text of the twin plate: model list, element selection, its layer group title. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type TwinMessageKey =
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
  | 'selection.clear'
  | 'plate.title'

/** zh-CN / en text of the twin plate. */
export const TWIN_MESSAGES = {
  'zh-CN': {
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
    'selection.notFound': '在此模型中未找到构件：GlobalId {globalId} 不存在，或当前账号无权查看。',
    'selection.clear': '清除选择',
    'selection.error': '构件属性读取失败：{message}',
    'plate.title': '城市底座与模型',
  },
  en: {
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
    'selection.notFound': 'Element not found in this model: GlobalId {globalId} does not exist, or this account may not see it.',
    'selection.clear': 'Clear selection',
    'selection.error': 'Could not read the element: {message}',
    'plate.title': 'City base & models',
  },
} as const satisfies MessageCatalogue<TwinMessageKey>;

/** A key of {@link TWIN_MESSAGES}. */
export type { TwinMessageKey };
