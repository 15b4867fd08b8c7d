/** UI text of the layer panel's legend and controls (opacity, imagery order, terrain switch); zh-CN first. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type LayerPanelMessageKey =
  | 'legend.geojson'
  | 'legend.points'
  | 'legend.tubes'
  | 'legend.volumes'
  | 'legend.heatmap'
  | 'legend.tileset'
  | 'legend.external-tileset'
  | 'legend.imagery'
  | 'legend.terrain'
  | 'legend.attribution'
  | 'legend.internal'
  | 'control.opacity'
  | 'control.raise'
  | 'control.lower'
  | 'control.stackPosition'
  | 'terrain.title'
  | 'terrain.none'
  | 'terrain.noneHint'
  | 'terrain.hint';

/** The messages of viewer/ui/layer-panel.tsx's legend and controls. */
export const LAYER_PANEL_MESSAGES: MessageCatalogue<LayerPanelMessageKey> = {
  'zh-CN': {
    'legend.geojson': '线为边界或道路，面为区域，颜色如图例',
    'legend.points': '点位标注，颜色如图例',
    'legend.tubes': '管线按实际埋深与管径显示',
    'legend.volumes': '半透明体块或限高面',
    'legend.heatmap': '热力图：蓝（正常）→ 红（危险），越透明离监测点越远',
    'legend.tileset': 'BIM 模型，可点选构件',
    'legend.external-tileset': '三维瓦片（倾斜摄影、白模、管网）',
    'legend.imagery': '影像底图瓦片',
    'legend.terrain': '地形高程',
    'legend.attribution': '版权：{attribution}',
    'legend.internal': '内部',
    'control.opacity': '{title} 不透明度',
    'control.raise': '{title} 上移一层（压盖其上方影像）',
    'control.lower': '{title} 下移一层',
    'control.stackPosition': '影像第 {position} 层（共 {count} 层，1 为最上层）',
    'terrain.title': '地形',
    'terrain.none': '无地形（椭球面）',
    'terrain.noneHint': '模型按锚点高程下放到椭球面',
    'terrain.hint': '模型锚点贴合地形表面',
  },
  en: {
    'legend.geojson': 'Lines are boundaries or roads, areas are regions, in the swatch colour',
    'legend.points': 'Labelled points, in the swatch colour',
    'legend.tubes': 'Pipes at their real depth and diameter',
    'legend.volumes': 'Translucent volumes or height-limit surfaces',
    'legend.heatmap': 'Heat map: blue (normal) → red (danger); fades away from the sensors',
    'legend.tileset': 'BIM model; elements can be picked',
    'legend.external-tileset': '3D Tiles (oblique photography, massing, networks)',
    'legend.imagery': 'Imagery tiles',
    'legend.terrain': 'Terrain elevation',
    'legend.attribution': 'Attribution: {attribution}',
    'legend.internal': 'Internal',
    'control.opacity': '{title} opacity',
    'control.raise': 'Move {title} up (draw above the imagery over it)',
    'control.lower': 'Move {title} down',
    'control.stackPosition': 'Imagery layer {position} of {count} (1 = top)',
    'terrain.title': 'Terrain',
    'terrain.none': 'No terrain (ellipsoid)',
    'terrain.noneHint': 'Models are lowered by their anchor height onto the ellipsoid',
    'terrain.hint': 'Model anchors sit on the terrain surface',
  },
};
