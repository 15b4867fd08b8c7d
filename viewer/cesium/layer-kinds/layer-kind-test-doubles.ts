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

/**
 * CesiumJS labels read their CSS font through the DOM (`getComputedStyle` of a probe div), which Node lacks.
 * Installs the smallest stand-in `document` that answers for fonts written as `[italic] [bold] <size>px <family>`,
 * unless a real one exists.
 *
 * @returns a function that removes the stand-in again
 */
export function installFontDocument(): () => void {
  const global = globalThis as { document?: unknown };
  if (global.document !== undefined) return () => {};
  const computed = (font: string): Record<string, string> => {
    const tokens = font.trim().split(/\s+/);
    const sizeIndex = tokens.findIndex((token) => /^\d+(\.\d+)?px$/.test(token));
    return {
      'font-style': tokens.includes('italic') ? 'italic' : 'normal',
      'font-weight': tokens.includes('bold') ? 'bold' : 'normal',
      'font-size': sizeIndex >= 0 ? tokens[sizeIndex] : '16px',
      'font-family': sizeIndex >= 0 ? tokens.slice(sizeIndex + 1).join(' ') : 'sans-serif',
      'line-height': 'normal',
    };
  };
  global.document = {
    createElement: () => ({ style: {} as { font?: string } }),
    body: { appendChild: () => {}, removeChild: () => {} },
    defaultView: {
      getComputedStyle: (element: { style: { font?: string } }) => ({
        getPropertyValue: (property: string) => computed(element.style.font ?? '')[property] ?? '',
      }),
    },
  };
  return () => {
    delete global.document;
  };
}
