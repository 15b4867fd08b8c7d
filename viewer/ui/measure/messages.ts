/** UI text of the measuring tools: the toolbar, its result panel and the labels drawn on the map. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type MeasureMessageKey =
  | 'measure.label'
  | 'measure.unavailable'
  | 'tool.distance'
  | 'tool.area'
  | 'tool.height'
  | 'hint.distance'
  | 'hint.area'
  | 'hint.height'
  | 'hint.keys'
  | 'action.undo'
  | 'action.finish'
  | 'action.clear'
  | 'action.close'
  | 'result.segment'
  | 'result.total3d'
  | 'result.totalHorizontal'
  | 'result.area'
  | 'result.perimeter'
  | 'result.deltaHeight'
  | 'result.horizontal'
  | 'result.slope'
  | 'result.points'
  | 'result.finished'
  | 'source.model'
  | 'source.globe'
  | 'source.ellipsoid'
  | 'problem.self-intersecting'
  | 'problem.degenerate'
  | 'problem.too-few-points'
  | 'label.total'
  | 'label.area'
  | 'label.height'
  | 'label.horizontal'
  | 'label.slope';

/** zh-CN / en text of the measuring tools. */
export const MEASURE_MESSAGES = {
  'zh-CN': {
    'measure.label': '量测工具',
    'measure.unavailable': '三维场景加载后可量测',
    'tool.distance': '距离',
    'tool.area': '面积',
    'tool.height': '高度',
    'hint.distance': '点击地面或模型逐点添加折线，双击或点“完成”结束。',
    'hint.area': '点击添加多边形顶点（至少 3 个），双击或点“完成”结束。',
    'hint.height': '依次点击起点和终点（如地面和屋檐）。',
    'hint.keys': 'Backspace 撤销 · Enter 完成 · Esc 取消',
    'action.undo': '撤销',
    'action.finish': '完成',
    'action.clear': '清除',
    'action.close': '退出量测',
    'result.segment': '第 {index} 段',
    'result.total3d': '总长（空间）',
    'result.totalHorizontal': '总长（水平）',
    'result.area': '水平投影面积',
    'result.perimeter': '周长（水平）',
    'result.deltaHeight': '高差 Δh',
    'result.horizontal': '水平距离',
    'result.slope': '空间距离',
    'result.points': '{count} 个点',
    'result.finished': '已完成',
    'source.model': '末点在模型上',
    'source.globe': '末点在地面上',
    'source.ellipsoid': '末点在椭球面上',
    'problem.self-intersecting': '多边形自相交，无法计算面积',
    'problem.degenerate': '各点在同一直线上，没有面积',
    'problem.too-few-points': '至少需要 3 个不同的点',
    'label.total': '总长 {length}',
    'label.area': '面积 {area}\n周长 {perimeter}',
    'label.height': '高差 {length}',
    'label.horizontal': '水平 {length}',
    'label.slope': '斜距 {length}',
  },
  en: {
    'measure.label': 'Measuring tools',
    'measure.unavailable': 'Measuring is available once the 3D scene has loaded',
    'tool.distance': 'Distance',
    'tool.area': 'Area',
    'tool.height': 'Height',
    'hint.distance': 'Click the ground or a model to add points; double-click or Finish to end.',
    'hint.area': 'Click the corners of a polygon (at least 3); double-click or Finish to end.',
    'hint.height': 'Click a start and an end point (e.g. the ground and the eaves).',
    'hint.keys': 'Backspace undo · Enter finish · Esc cancel',
    'action.undo': 'Undo',
    'action.finish': 'Finish',
    'action.clear': 'Clear',
    'action.close': 'Stop measuring',
    'result.segment': 'Segment {index}',
    'result.total3d': 'Total (3D)',
    'result.totalHorizontal': 'Total (horizontal)',
    'result.area': 'Horizontal area',
    'result.perimeter': 'Perimeter (horizontal)',
    'result.deltaHeight': 'Height difference Δh',
    'result.horizontal': 'Horizontal distance',
    'result.slope': 'Slope distance',
    'result.points': '{count} points',
    'result.finished': 'finished',
    'source.model': 'last point on a model',
    'source.globe': 'last point on the ground',
    'source.ellipsoid': 'last point on the ellipsoid',
    'problem.self-intersecting': 'The polygon crosses itself: no area',
    'problem.degenerate': 'All points lie on one line: no area',
    'problem.too-few-points': 'At least 3 distinct points are needed',
    'label.total': 'Total {length}',
    'label.area': 'Area {area}\nPerimeter {perimeter}',
    'label.height': 'Δh {length}',
    'label.horizontal': 'Horizontal {length}',
    'label.slope': 'Slope {length}',
  },
} as const satisfies MessageCatalogue<MeasureMessageKey>;
