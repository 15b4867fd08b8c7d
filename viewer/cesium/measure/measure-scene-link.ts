/**
 * How measuring tools reach a twin scene: a link that is handed the scene when the globe creates it. The scene
 * gives itself to its layer-kind plugins only (layer-kind-plugin.ts), so {@link MeasureSceneLink.tap} wraps the
 * first plugin of the list the app passes to the globe: its `bind` records `{Cesium, scene}` and then binds the
 * plugin as before (it draws, picks and highlights exactly as without the tap).
 *
 * Notes: a prop on the globe (`onScene`) would be the plainer way; this branch may not change the globe, and the
 * plugin list is the scene's documented extension point. The link notices a destroyed scene through
 * `scene.isDestroyed()` and a new scene (React strict mode mounts twice) through a new `bind`.
 */
import type { Scene } from '@cesium/engine';
import type { LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';

/** A live twin scene and the CesiumJS module it was made with. */
export interface MeasureScene {
  Cesium: CesiumModule;
  scene: Scene;
}

/** Connects measuring tools to the scene of one globe (see module doc). */
export interface MeasureSceneLink {
  /** The scene, or `null` before the globe created one and after it was destroyed. */
  current(): MeasureScene | null;
  /** Calls `listener` whenever the scene changes (a new scene was bound). @returns unsubscribe */
  subscribe(listener: () => void): () => void;
  /**
   * The plugin list to give the globe: `layerKinds` with the first plugin wrapped so that binding it records the
   * scene. Call once per globe (the globe reads its plugin list once).
   * @throws {RangeError} when `layerKinds` is empty (nothing to tap)
   */
  tap(layerKinds: readonly LayerKindPlugin[]): LayerKindPlugin[];
}

/** A new, empty link. */
export function createMeasureSceneLink(): MeasureSceneLink {
  let bound: MeasureScene | null = null;
  const listeners = new Set<() => void>();
  return {
    current: () => (bound && !bound.scene.isDestroyed() ? bound : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tap(layerKinds) {
      const [first, ...rest] = layerKinds;
      if (!first) throw new RangeError('measure-scene-link: tap() needs at least one layer-kind plugin');
      const tapped: LayerKindPlugin = {
        kind: first.kind,
        bind(ctx) {
          bound = { Cesium: ctx.Cesium, scene: ctx.scene };
          for (const listener of [...listeners]) listener();
          return first.bind(ctx);
        },
      };
      return [tapped, ...rest];
    },
  };
}
