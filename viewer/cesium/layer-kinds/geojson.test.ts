import * as Cesium from '@cesium/engine';
import type { PolylineCollection, Scene } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { CesiumModule } from '../load-cesium';
import { GEOJSON_LAYER_KIND } from './geojson';
import { recordingContext, sceneLayerOf } from './layer-kind-test-doubles';

// CesiumJS's Material checks uniform values against these DOM classes; Node has none (nothing is rendered here).
for (const name of ['HTMLCanvasElement', 'HTMLImageElement', 'HTMLVideoElement', 'ImageBitmap', 'OffscreenCanvas']) {
  (globalThis as Record<string, unknown>)[name] ??= class {};
}

/** Two features: a polygon with id "360100" (one ring) and a line without id, plus a point (not drawn). */
const DATA: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 360100, geometry: { type: 'Polygon', coordinates: [[[115.8, 28.6], [115.9, 28.6], [115.9, 28.7], [115.8, 28.6]]] } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[115.8, 28.6], [115.85, 28.65]] } },
    { type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [115.8, 28.6] } },
  ],
};

/** A scene stand-in keeping the primitives the plugin adds (in draw order). */
function fakeScene() {
  const primitives: unknown[] = [];
  return {
    primitives,
    scene: {
      primitives: {
        add: (p: unknown) => primitives.push(p),
        remove: (p: unknown) => primitives.splice(primitives.indexOf(p), 1).length > 0,
        raiseToTop: (p: unknown) => primitives.push(...primitives.splice(primitives.indexOf(p), 1)),
      },
    } as unknown as Partial<Scene>,
  };
}

describe('geojson layer kind', () => {
  it('draws one polyline per ring or line, picks a line as its feature id, and waits for data only while shown', () => {
    const { scene, primitives } = fakeScene();
    const binding = GEOJSON_LAYER_KIND.bind(recordingContext(Cesium as unknown as CesiumModule, scene));
    const loading = sceneLayerOf('geojson', null);
    const handle = binding.attach(loading);
    expect(primitives).toEqual([]);
    expect(binding.isSettled?.(handle)).toBe(false);
    const hidden = binding.attach({ ...loading, id: 'hidden', isVisible: false });
    expect(binding.isSettled?.(hidden)).toBe(true);

    const loaded = { ...loading, data: DATA };
    binding.update(handle, loaded, loading);
    expect(binding.isSettled?.(handle)).toBe(true);
    expect(binding.status?.(handle)).toEqual({ polylineCount: 2 });
    const collection = primitives.at(-1) as PolylineCollection;
    const [ring, line] = [collection.get(0), collection.get(1)];
    expect(binding.pick?.(handle, { primitive: ring, collection, id: ring.id }, loaded)).toBe('360100');
    expect(binding.pick?.(handle, { primitive: line, collection, id: line.id }, loaded)).toBeNull();
    expect(binding.pick?.(handle, { primitive: ring, collection: {}, id: '360100' }, loaded)).toBeNull();

    binding.update(handle, { ...loaded, isVisible: false }, loaded);
    expect(collection.show).toBe(false);
    binding.detach(handle);
    expect(primitives).not.toContain(collection);
  });

  it('draws thicker layers after thinner ones, whatever order they arrive in', () => {
    const { scene, primitives } = fakeScene();
    const binding = GEOJSON_LAYER_KIND.bind(recordingContext(Cesium as unknown as CesiumModule, scene));
    binding.attach(sceneLayerOf('geojson', null, { id: 'thick', data: DATA, style: { width: 3 } }));
    binding.attach(sceneLayerOf('geojson', null, { id: 'thin', data: DATA, style: { width: 1 } }));
    const widths = (primitives as PolylineCollection[]).map((collection) => collection.get(0).width);
    expect(widths).toEqual([1, 3]);
  });
});
