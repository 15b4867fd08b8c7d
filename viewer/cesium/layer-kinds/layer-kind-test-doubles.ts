/**
 * Test doubles for the layer-kind plugin tests: a {@link LayerKindContext} with the real CesiumJS module (math,
 * collections, geometries and providers work in Node without WebGL) around a stand-in scene, recording every
 * `reportLoad` and render request, and a {@link SceneLayer} builder. Test support only; no plugin imports it.
 */
import type { Scene } from '@cesium/engine';
import type { LayerKind, LayerKindOptions } from '@kernel/layer-kinds';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { LayerKindContext } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';

/** A context whose reports and render requests can be inspected. */
export interface RecordingContext extends LayerKindContext {
  /** Every `reportLoad(layerId, message)` call, in order. */
  readonly reports: [layerId: string, message: string | null][];
  /** Number of `requestRender()` calls. */
  readonly renderRequests: () => number;
}

/**
 * Builds a recording context around `scene` (only the members a test needs). The stand-in itself becomes
 * `ctx.scene`, so the test sees what the plugin sets on it; a missing `isDestroyed` is added, answering `false`.
 */
export function recordingContext(Cesium: CesiumModule, scene: Partial<Scene>): RecordingContext {
  const reports: [string, string | null][] = [];
  let renders = 0;
  scene.isDestroyed ??= () => false;
  return {
    Cesium,
    scene: scene as Scene,
    requestRender: () => {
      renders++;
    },
    reportLoad: (layerId, message) => {
      reports.push([layerId, message]);
    },
    reports,
    renderRequests: () => renders,
  };
}

/** A visible layer of `kind` with `options`, id `<kind>-1`, url `/layers/<kind>-1`, plate `twin`, order 0. */
export function sceneLayerOf<K extends LayerKind>(kind: K, options: LayerKindOptions[K], patch: Partial<SceneLayer> = {}): SceneLayer {
  return { id: `${kind}-1`, plate: 'twin', kind, url: `/layers/${kind}-1`, isVisible: true, style: null, options, data: null, order: 0, ...patch };
}
