/**
 * The contract of a CesiumJS layer-kind plugin, declared once: how the twin scene attaches, updates, picks,
 * highlights and detaches the layers of one {@link LayerKind}. The core kinds live in `layer-kinds/` (one file
 * each); a plate adds a kind by listing its plugin in its app manifest (`app/<plate>/plate.tsx`, `layerKinds`).
 * The scene never imports a plugin: it receives the list.
 *
 * A plugin module imports CesiumJS types only; the runtime module arrives in {@link LayerKindContext.Cesium}
 * (CesiumJS is loaded client-side, after the page).
 */
import type { BoundingSphere, Scene } from '@cesium/engine';
import type { LayerKind } from '@kernel/layer-kinds';
import type { LayerKindLifecycle, SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureLabel } from '@viewer/core/selection';

export type { FeatureLabel } from '@viewer/core/selection';
import type { CesiumModule } from './load-cesium';

/** What a plugin may use of the scene. */
export interface LayerKindContext {
  /** The CesiumJS module. */
  Cesium: CesiumModule;
  /** The scene (primitives, imageryLayers, terrain via `scene.setTerrain`, globe). */
  scene: Scene;
  /** Asks for a frame (the scene renders on demand only). */
  requestRender(): void;
  /**
   * Reports that a layer finished loading (`message: null`) or failed (`message` names the URL and the reason).
   * Failures reach the user as a notice; the layer stays in the panel.
   */
  reportLoad(layerId: string, message: string | null): void;
}

/** How a feature is marked. */
export type HighlightMode = 'hover' | 'selected';

/**
 * One layer kind's plugin. `H` is its per-layer handle (whatever the plugin keeps: a primitive, a tileset, an
 * imagery layer). `attach`/`update`/`needsReattach`/`detach` are {@link LayerKindLifecycle}; the rest are optional.
 */
export interface LayerKindPlugin<H = unknown> {
  /** The kind this plugin draws (one plugin per kind in a scene). */
  readonly kind: LayerKind;
  /** Creates the lifecycle bound to a scene (called once per scene). */
  bind(ctx: LayerKindContext): LayerKindBinding<H>;
}

/** A plugin bound to one scene. */
export interface LayerKindBinding<H> extends LayerKindLifecycle<H> {
  /**
   * The feature id of `picked` (what `scene.pick` returned) when it belongs to this layer, else `null`.
   * Kinds without pickable features omit it.
   */
  pick?(handle: H, picked: unknown, layer: SceneLayer): string | null;
  /** A tooltip label for a picked object of this layer (same `picked` as {@link pick}). */
  label?(handle: H, picked: unknown, layer: SceneLayer): FeatureLabel | null;
  /** Marks one feature (`null`: clear the mark of that mode). */
  highlight?(handle: H, featureId: string | null, mode: HighlightMode): void;
  /** Whether the layer has loaded what the current view needs (readiness for tests and screenshots). */
  isSettled?(handle: H): boolean;
  /** The layer's bounds in ECEF, for "fly to", or `null` while unknown. */
  boundingSphere?(handle: H): BoundingSphere | null;
  /** Diagnostics for the test hook (e.g. indexed element count). */
  status?(handle: H): Record<string, number | string | boolean>;
}
