/**
 * UI text of the BIM inspection page (`/models/[id]`), Simplified Chinese first.
 * Keys are `<block>.<item>`; `{name}` placeholders are filled by `translate` (viewer/core/i18n.ts).
 */
import type { MessageCatalogue } from '@viewer/core/i18n';

/** Keys of {@link INSPECT_MESSAGES}. */
type InspectMessageKey =
  | 'page.title'
  | 'page.backToTwin'
  | 'page.loadingModel'
  | 'page.modelNotFound'
  | 'page.modelNotReady'
  | 'page.loadError'
  | 'page.loadingTiles'
  | 'page.fit'
  | 'page.hint'
  | 'page.elementCount'
  | 'page.canvasLabel'
  | 'classes.title'
  | 'classes.isolate'
  | 'classes.isolated'
  | 'classes.showAll'
  | 'classes.empty'
  | 'classes.visibleCount'
  | 'tree.title'
  | 'tree.empty'
  | 'tree.expand'
  | 'tree.collapse'
  | 'tree.elementCount'
  | 'tree.showMore'
  | 'storeys.title'
  | 'storeys.isolate'
  | 'storeys.isolated'
  | 'storeys.showAll'
  | 'storeys.elevation'
  | 'storeys.noElevation'
  | 'storeys.empty'
  | 'dock.label'
  | 'dock.structure'
  | 'dock.properties'
  | 'dock.close'
  | 'page.menu'
  | 'property.notLoaded'
  | 'property.notFound';

/** The inspection page's messages. */
export const INSPECT_MESSAGES = {
  'zh-CN': {
    'page.title': 'BIM 模型检查',
    'page.backToTwin': '返回城市孪生',
    'page.loadingModel': '正在加载模型信息…',
    'page.modelNotFound': '未找到该模型',
    'page.modelNotReady': '模型尚未转换完成（状态：{status}）',
    'page.loadError': '模型瓦片加载失败：{message}',
    'page.loadingTiles': '正在加载三维瓦片…',
    'page.fit': '全景',
    'page.hint': '左键旋转 · 右键平移 · 滚轮缩放 · 单击选择构件',
    'page.elementCount': '{count} 个构件',
    'page.canvasLabel': 'BIM 三维视图',
    'classes.title': '构件类别',
    'classes.isolate': '隔离',
    'classes.isolated': '已隔离',
    'classes.showAll': '全部显示',
    'classes.empty': '暂无类别统计',
    'classes.visibleCount': '显示 {visible} / {total}',
    'tree.title': '空间结构',
    'tree.empty': '该模型没有空间结构信息',
    'tree.expand': '展开',
    'tree.collapse': '折叠',
    'tree.elementCount': '{count} 个构件',
    'tree.showMore': '显示更多（已显示 {shown} / {total}）',
    'storeys.title': '楼层',
    'storeys.isolate': '单独显示',
    'storeys.isolated': '已单独显示',
    'storeys.showAll': '显示全部楼层',
    'storeys.elevation': '标高 {elevation} m',
    'storeys.noElevation': '未注明标高',
    'storeys.empty': '该模型没有楼层',
    'dock.label': '面板',
    'dock.structure': '结构与楼层',
    'dock.properties': '属性与剖切',
    'dock.close': '收起面板',
    'page.menu': '菜单',
    'property.notLoaded': '正在读取构件属性…',
    'property.notFound': '此模型中没有该构件（{globalId}）',
  },
  en: {
    'page.title': 'BIM model inspection',
    'page.backToTwin': 'Back to city twin',
    'page.loadingModel': 'Loading model…',
    'page.modelNotFound': 'Model not found',
    'page.modelNotReady': 'The model is not converted yet (status: {status})',
    'page.loadError': 'Failed to load tiles: {message}',
    'page.loadingTiles': 'Loading 3D tiles…',
    'page.fit': 'Fit',
    'page.hint': 'Left drag: orbit · right drag: pan · wheel: zoom · click: select element',
    'page.elementCount': '{count} elements',
    'page.canvasLabel': 'BIM 3D view',
    'classes.title': 'IFC classes',
    'classes.isolate': 'Isolate',
    'classes.isolated': 'Isolated',
    'classes.showAll': 'Show all',
    'classes.empty': 'No class statistics',
    'classes.visibleCount': '{visible} / {total} shown',
    'tree.title': 'Spatial structure',
    'tree.empty': 'This model has no spatial structure',
    'tree.expand': 'Expand',
    'tree.collapse': 'Collapse',
    'tree.elementCount': '{count} elements',
    'tree.showMore': 'Show more ({shown} of {total} shown)',
    'storeys.title': 'Storeys',
    'storeys.isolate': 'Isolate',
    'storeys.isolated': 'Isolated',
    'storeys.showAll': 'Show all storeys',
    'storeys.elevation': 'elevation {elevation} m',
    'storeys.noElevation': 'no elevation given',
    'storeys.empty': 'This model has no storeys',
    'dock.label': 'Panels',
    'dock.structure': 'Structure & storeys',
    'dock.properties': 'Properties & section',
    'dock.close': 'Collapse panel',
    'page.menu': 'Menu',
    'property.notLoaded': 'Reading element properties…',
    'property.notFound': 'Element {globalId} is not in this model',
  },
} as const satisfies MessageCatalogue<InspectMessageKey>;

export type { InspectMessageKey };
