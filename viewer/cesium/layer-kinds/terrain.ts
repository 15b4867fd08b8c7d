/**
 * The `terrain` layer kind: quantized-mesh terrain (`layer.json` + tiles) as the globe's terrain provider.
 *
 * Notes:
 * - One terrain at a time: a globe has a single terrain provider, so the last visible terrain layer wins, i.e. the
 *   visible, loaded layer with the highest `order`, ties to the later attach (`chooseActiveTerrain`,
 *   viewer/core/active-terrain.ts). A layer still loading leaves the current terrain in place until it is ready.
 * - When no terrain layer is visible any more (hidden or detached) the globe goes back to a plain
 *   `EllipsoidTerrainProvider`, the twin's default ground (height 0 = WGS84 ellipsoid). The scene's terrain is not
 *   touched before a terrain layer has become active, so a scene that starts with other terrain keeps it.
 * - The provider is set with `scene.terrainProvider = …` once `CesiumTerrainProvider.fromUrl` has resolved
 *   (equivalent to `scene.setTerrain(new Terrain(promise))`, but the choice among several layers stays here).
 * - Errors: a `layer.json` that cannot be read, and the first failed terrain tile, are reported once per attach.
 *   A url without any `layer.json` (404) does not fail to load: CesiumJS then assumes default heightmap
 *   parameters, so the layer loads (and, being the last visible one, wins), and the first tile request fails and
 *   is reported (seen in Chromium against a local server).
 * - `requestVertexNormals` (lighting) changes the tile requests, so changing it rebuilds the layer.
 *
 * @see https://github.com/CesiumGS/quantized-mesh (format), https://cesium.com/learn/cesiumjs/ref-doc/CesiumTerrainProvider.html
 */
import type { CesiumTerrainProvider, TerrainProvider } from '@cesium/engine';
import { chooseActiveTerrain } from '@viewer/core/active-terrain';
import { kindOptions } from '@viewer/core/kind-options';
import { layerFailureMessage } from '@viewer/core/layer-failure-message';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { LayerKindPlugin } from '../layer-kind-plugin';

/** One terrain layer in a scene. */
export interface TerrainHandle {
  readonly layerId: string;
  /** The loaded provider, or `null` while `layer.json` loads or after a failure. */
  provider: CesiumTerrainProvider | null;
  order: number;
  /** Attach sequence number in this scene (ties of `order`). */
  readonly attachSerial: number;
  isVisible: boolean;
  /** The reported failure, or `null`. */
  failure: string | null;
  isDetached: boolean;
  /** Event listener removers. */
  readonly removeListeners: (() => void)[];
}

/** Whether a layer asks for per-vertex normals (default `false`). */
function requestsVertexNormals(layer: SceneLayer): boolean {
  return kindOptions(layer, 'terrain')?.requestVertexNormals ?? false;
}

/** The `terrain` layer-kind plugin (see module notes). */
export const TERRAIN_LAYER_KIND: LayerKindPlugin<TerrainHandle> = {
  kind: 'terrain',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const handles = new Set<TerrainHandle>();
    let attachCount = 0;
    /** The handle whose provider the globe uses, or `null` (ellipsoid, or terrain we never touched). */
    let active: TerrainHandle | null = null;
    let ellipsoid: TerrainProvider | null = null;

    /** Puts the winning layer's terrain (or the ellipsoid) on the globe when the winner changed. */
    const applyActive = (): void => {
      const candidates = [...handles].map((handle) => ({
        id: handle.layerId,
        order: handle.order,
        isVisible: handle.isVisible,
        isLoaded: handle.provider !== null,
        attachSerial: handle.attachSerial,
      }));
      const winnerId = chooseActiveTerrain(candidates);
      const winner = [...handles].find((handle) => handle.layerId === winnerId) ?? null;
      if (winner === active || scene.isDestroyed()) return;
      active = winner;
      scene.terrainProvider = winner?.provider ?? (ellipsoid ??= new Cesium.EllipsoidTerrainProvider());
      ctx.requestRender();
    };

    const fail = (handle: TerrainHandle, layer: SceneLayer, cause: unknown): void => {
      if (handle.failure !== null || handle.isDetached) return;
      handle.failure = layerFailureMessage(layer, cause);
      ctx.reportLoad(layer.id, handle.failure);
    };

    return {
      attach(layer) {
        const handle: TerrainHandle = {
          layerId: layer.id,
          provider: null,
          order: layer.order,
          attachSerial: ++attachCount,
          isVisible: layer.isVisible,
          failure: null,
          isDetached: false,
          removeListeners: [],
        };
        handles.add(handle);
        Cesium.CesiumTerrainProvider.fromUrl(layer.url, { requestVertexNormals: requestsVertexNormals(layer) })
          .then((provider) => {
            if (handle.isDetached) return;
            handle.provider = provider;
            handle.removeListeners.push(provider.errorEvent.addEventListener((error: unknown) => fail(handle, layer, error)));
            ctx.reportLoad(layer.id, null);
            applyActive();
          })
          .catch((error: unknown) => fail(handle, layer, error));
        return handle;
      },

      update(handle, layer) {
        handle.isVisible = layer.isVisible;
        handle.order = layer.order;
        applyActive();
      },

      needsReattach(layer, previous) {
        return layer.url !== previous.url || requestsVertexNormals(layer) !== requestsVertexNormals(previous);
      },

      detach(handle) {
        handle.isDetached = true;
        handles.delete(handle);
        for (const remove of handle.removeListeners) remove();
        handle.removeListeners.length = 0;
        applyActive();
      },

      isSettled(handle) {
        return !handle.isVisible || handle.failure !== null || handle.provider !== null;
      },

      status(handle) {
        return { isLoaded: handle.provider !== null, isActive: active === handle, hasFailed: handle.failure !== null };
      },
    };
  },
};
