import { describe, expect, it } from 'vitest';
import {
  groupLayersByPlate,
  layerTitle,
  outlineStyle,
  resolveLayerVisibility,
  type LayerDescriptor,
} from './layer-descriptor';

function layer(id: string, plate: string, defaultVisible: boolean, style: LayerDescriptor['style'] = null): LayerDescriptor {
  return {
    id,
    plate,
    title: `${id} 中文`,
    titleEn: `${id} en`,
    kind: 'geojson',
    cimLevel: 2,
    source: 'test',
    url: `/api/geo/${id}`,
    defaultVisible,
    style,
    options: null,
  };
}

const LAYERS = [
  layer('regions-city', 'twin', true),
  layer('pipes', 'lifelines', false),
  layer('regions-county', 'twin', false, { stroke: '#112233', width: 0.1 }),
];

describe('groupLayersByPlate', () => {
  it('keeps first-appearance order of plates and layers without a plate order', () => {
    const groups = groupLayersByPlate(LAYERS);
    expect(groups.map((g) => g.plate)).toEqual(['twin', 'lifelines']);
    expect(groups[0].levels.map((level) => [level.cimLevel, level.layers.map((l) => l.id)])).toEqual([[2, ['regions-city', 'regions-county']]]);
  });

  it('orders plates by the plate list (unknown plates last) and levels ascending, unclassified last', () => {
    const mixed = [
      { ...layer('model-1', 'twin', true), cimLevel: 6 },
      { ...layer('free', 'twin', true), cimLevel: null },
      { ...layer('regions', 'twin', true), cimLevel: 1 },
      layer('sensors', 'sensors', true),
      layer('pipes', 'lifelines', true),
    ];
    const groups = groupLayersByPlate(mixed, ['lifelines', 'twin']);
    expect(groups.map((g) => g.plate)).toEqual(['lifelines', 'twin', 'sensors']);
    expect(groups[1].levels.map((level) => level.cimLevel)).toEqual([1, 6, null]);
    expect(groups[1].levels[1].layers.map((l) => l.id)).toEqual(['model-1']);
  });
});

describe('resolveLayerVisibility', () => {
  it('uses overrides over defaults', () => {
    expect(resolveLayerVisibility(LAYERS, { 'regions-city': false, pipes: true })).toEqual({
      'regions-city': false,
      pipes: true,
      'regions-county': false,
    });
  });
});

describe('outlineStyle', () => {
  it('makes city boundaries thicker than counties and roads by default', () => {
    const city = outlineStyle({ id: 'regions-city', style: null });
    const county = outlineStyle({ id: 'regions-county', style: null });
    const roads = outlineStyle({ id: 'nanchang-roads', style: null });
    expect(city.widthPx).toBe(2.5);
    expect(county.widthPx).toBe(1);
    expect(roads.widthPx).toBe(1);
    expect(city.widthPx).toBeGreaterThan(county.widthPx);
  });
  it('prefers the catalogue style and clamps widths to [0.5, 20] px', () => {
    expect(outlineStyle({ id: 'regions-county', style: { stroke: '#112233', width: 0.1 } })).toEqual({
      stroke: '#112233',
      widthPx: 0.5,
    });
    expect(outlineStyle({ id: 'x', style: { width: 99 } }).widthPx).toBe(20);
  });
});

describe('layerTitle', () => {
  it('picks the title by locale', () => {
    expect(layerTitle(LAYERS[0], 'zh-CN')).toBe('regions-city 中文');
    expect(layerTitle(LAYERS[0], 'en')).toBe('regions-city en');
  });
});
