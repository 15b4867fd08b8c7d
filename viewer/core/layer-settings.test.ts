import { describe, expect, it } from 'vitest';
import { activeTerrainId, applyLayerSettings, DEFAULT_LAYER_SETTINGS, imageryOrder, moveImagery } from './layer-settings';
import type { SceneLayer } from './scene-layer';

const catalogue = [
  { id: 'base', kind: 'imagery' as const, defaultVisible: true },
  { id: 'roads', kind: 'geojson' as const, defaultVisible: true },
  { id: 'tdt', kind: 'imagery' as const, defaultVisible: true },
  { id: 'dem', kind: 'terrain' as const, defaultVisible: false },
  { id: 'dem2', kind: 'terrain' as const, defaultVisible: true },
];
const scene = catalogue.map((layer, order) => ({ id: layer.id, plate: 'twin', kind: layer.kind, url: '', isVisible: true, style: null, options: layer.kind === 'imagery' ? { scheme: 'xyz', alpha: 0.8 } : null, data: null, order })) as SceneLayer[];

describe('layer settings', () => {
  it('stacks imagery in catalogue order and moves one place at a time, stopping at the ends', () => {
    expect(imageryOrder(catalogue, DEFAULT_LAYER_SETTINGS)).toEqual(['base', 'tdt']);
    const lowered = moveImagery(catalogue, DEFAULT_LAYER_SETTINGS, 'tdt', -1);
    expect(imageryOrder(catalogue, lowered)).toEqual(['tdt', 'base']);
    expect(moveImagery(catalogue, lowered, 'tdt', -1)).toBe(lowered);
    expect(moveImagery(catalogue, lowered, 'roads', 1)).toBe(lowered);
  });

  it('applies opacity and stack order to imagery only, keeping other layers as the same objects', () => {
    const settings = { ...moveImagery(catalogue, DEFAULT_LAYER_SETTINGS, 'base', 1), opacityById: { base: 0.35 } };
    const applied = applyLayerSettings(scene, catalogue, settings);
    const byId = Object.fromEntries(applied.map((layer) => [layer.id, layer]));
    expect(byId.base.options).toEqual({ scheme: 'xyz', alpha: 0.35 });
    expect(byId.tdt.options).toEqual({ scheme: 'xyz', alpha: 0.8 });
    expect(byId.base.order).toBeGreaterThan(byId.tdt.order);
    expect(byId.roads).toBe(scene[1]);
  });

  it('shows exactly the active terrain: the default one, the chosen one, or none (ellipsoid)', () => {
    expect(activeTerrainId(catalogue, DEFAULT_LAYER_SETTINGS)).toBe('dem2');
    const visible = (settings: typeof DEFAULT_LAYER_SETTINGS) => applyLayerSettings(scene, catalogue, settings).filter((l) => l.kind === 'terrain' && l.isVisible).map((l) => l.id);
    expect(visible(DEFAULT_LAYER_SETTINGS)).toEqual(['dem2']);
    expect(visible({ ...DEFAULT_LAYER_SETTINGS, terrainId: 'dem' })).toEqual(['dem']);
    expect(visible({ ...DEFAULT_LAYER_SETTINGS, terrainId: null })).toEqual([]);
    expect(visible({ ...DEFAULT_LAYER_SETTINGS, terrainId: 'gone' })).toEqual(['dem2']);
  });
});
