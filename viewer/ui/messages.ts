/** UI text of the shared widgets: property panel, layer panel, locale switch. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type UiMessageKey =
  | 'property.title'
  | 'property.empty'
  | 'property.loading'
  | 'property.close'
  | 'property.ifcClass'
  | 'property.name'
  | 'property.globalId'
  | 'property.storey'
  | 'property.model'
  | 'property.typeName'
  | 'property.material'
  | 'property.expressId'
  | 'property.propertySets'
  | 'property.noPropertySets'
  | 'property.true'
  | 'property.false'
  | 'property.null'
  | 'layer.title'
  | 'layer.empty'
  | 'layer.loading'
  | 'layer.cimLevel'
  | 'layer.source'
  | 'layer.kind.geojson'
  | 'layer.kind.tileset'
  | 'layer.kind.imagery'
  | 'layer.kind.terrain'
  | 'layer.kind.external-tileset'
  | 'layer.kind.points'
  | 'layer.kind.tubes'
  | 'layer.kind.volumes'
  | 'layer.kind.heatmap'
  | 'layer.cimUnclassified'
  | 'feature.title'
  | 'feature.id'
  | 'feature.notLoaded'
  | 'locale.label'
  | 'locale.zh-CN'
  | 'locale.en';

/** zh-CN / en text of viewer/ui widgets. */
export const UI_MESSAGES = {
  'zh-CN': {
    'property.title': '构件属性',
    'property.empty': '点击模型构件查看属性',
    'property.loading': '正在读取属性…',
    'property.close': '关闭',
    'property.ifcClass': 'IFC 类型',
    'property.name': '名称',
    'property.globalId': 'GlobalId',
    'property.storey': '楼层',
    'property.model': '所属模型',
    'property.typeName': '类型',
    'property.material': '材料',
    'property.expressId': 'STEP 编号',
    'property.propertySets': '属性集',
    'property.noPropertySets': '该构件没有属性集',
    'property.true': '是',
    'property.false': '否',
    'property.null': '—',
    'layer.title': '图层',
    'layer.empty': '暂无图层',
    'layer.loading': '正在加载图层目录…',
    'layer.cimLevel': 'CIM{level}',
    'layer.source': '来源：{source}',
    'layer.kind.geojson': '矢量',
    'layer.kind.tileset': '三维模型',
    'layer.kind.imagery': '影像',
    'layer.kind.terrain': '地形',
    'layer.kind.external-tileset': '三维瓦片',
    'layer.kind.points': '点位',
    'layer.kind.tubes': '管线',
    'layer.kind.volumes': '体块',
    'layer.kind.heatmap': '热力图',
    'layer.cimUnclassified': '其他',
    'feature.title': '要素',
    'feature.id': '编号',
    'feature.notLoaded': '图层数据尚未加载',
    'locale.label': '界面语言',
    'locale.zh-CN': '中文',
    'locale.en': 'EN',
  },
  en: {
    'property.title': 'Element properties',
    'property.empty': 'Click a model element to see its properties',
    'property.loading': 'Loading properties…',
    'property.close': 'Close',
    'property.ifcClass': 'IFC class',
    'property.name': 'Name',
    'property.globalId': 'GlobalId',
    'property.storey': 'Storey',
    'property.model': 'Model',
    'property.typeName': 'Type',
    'property.material': 'Material',
    'property.expressId': 'STEP id',
    'property.propertySets': 'Property sets',
    'property.noPropertySets': 'This element has no property sets',
    'property.true': 'Yes',
    'property.false': 'No',
    'property.null': '—',
    'layer.title': 'Layers',
    'layer.empty': 'No layers',
    'layer.loading': 'Loading the layer catalogue…',
    'layer.cimLevel': 'CIM{level}',
    'layer.source': 'Source: {source}',
    'layer.kind.geojson': 'Vector',
    'layer.kind.tileset': '3D model',
    'layer.kind.imagery': 'Imagery',
    'layer.kind.terrain': 'Terrain',
    'layer.kind.external-tileset': '3D Tiles',
    'layer.kind.points': 'Points',
    'layer.kind.tubes': 'Pipes',
    'layer.kind.volumes': 'Volumes',
    'layer.kind.heatmap': 'Heat map',
    'layer.cimUnclassified': 'Other',
    'feature.title': 'Feature',
    'feature.id': 'ID',
    'feature.notLoaded': 'The layer data is not loaded yet',
    'locale.label': 'Language',
    'locale.zh-CN': '中文',
    'locale.en': 'EN',
  },
} as const satisfies MessageCatalogue<UiMessageKey>;

/** A key of {@link UI_MESSAGES}. */
export type { UiMessageKey };
