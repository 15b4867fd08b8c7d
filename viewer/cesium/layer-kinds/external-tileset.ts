/**
 * The `external-tileset` layer kind: a 3D Tiles 1.0/1.1 tileset made elsewhere (oblique photography 倾斜摄影,
 * city massing 白模) as one `Cesium3DTileset`, with its own screen-space error and an optional height offset.
 *
 * Notes:
 * - Height offset: a translation of `heightOffsetM` along the ellipsoid normal at the tileset's bounding-sphere
 *   centre (ECEF), set as `tileset.modelMatrix`. The normal is taken once, when the tileset loads; moving a point
 *   along its own ellipsoid normal keeps that normal, so later offsets need no new one. A tileset centred at the
 *   Earth's centre (not georeferenced) has no vertical and is not offset.
 * - Picking yields a feature id only for a `Cesium3DTileFeature` of this tileset: the feature's `id`, else
 *   `globalId`, else `name` property, else its index in the tile (`tileFeatureId`, viewer/core/tile-feature-id.ts).
 *   Photogrammetry meshes without features pick as nothing.
 * - No highlight: features of these tilesets rarely carry stable ids, and recolouring by id needs an index of loaded
 *   features per id, as the model tilesets' element highlighter keeps for GlobalIds.
 * - Screen-space error, offset and visibility change in place; a new url re-attaches.
 * - Errors: a tileset.json that cannot be read and the first failed tile are reported once per attach.
 *
 * @see https://docs.ogc.org/cs/22-025r4/22-025r4.html (3D Tiles 1.1), https://cesium.com/learn/cesiumjs/ref-doc/Cesium3DTileset.html
 */
import type { BoundingSphere, Cartesian3, Cesium3DTileset } from '@cesium/engine';
import type { LayerKindOptions } from '@kernel/layer-kinds';
import { kindOptions } from '@viewer/core/kind-options';
import { layerFailureMessage } from '@viewer/core/layer-failure-message';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureLabelFigures } from '@viewer/core/selection';
import { tileFeatureId } from '@viewer/core/tile-feature-id';
import type { LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';

/** Options of an external tileset layer. */
export type ExternalTilesetOptions = LayerKindOptions['external-tileset'];


/**
 * The hover figures of a pipe feature of a 3D Tiles layer: `diameterMm` (number) and `depthM` (depth of the pipe's
 * axis below the ground, metres: the lifelines network tiles' metadata, server/lifelines/network-tiles/) give the
 * diameter and the cover (axis depth − DN/2, ground to crown); `null` for features without a diameter.
 */
export function pipeFigures(property: (name: string) => unknown): FeatureLabelFigures | null {
  const diameterMm = property('diameterMm');
  if (typeof diameterMm !== 'number' || !Number.isFinite(diameterMm) || diameterMm <= 0) return null;
  const depthM = property('depthM');
  const coverM = typeof depthM === 'number' && Number.isFinite(depthM) ? Math.round((depthM - diameterMm / 2000) * 100) / 100 : null;
  return { diameterMm, ...(coverM !== null && coverM > 0 ? { coverM: { minM: coverM, maxM: coverM } } : {}) };
}

/** Defaults of every external-tileset option. */
export const EXTERNAL_TILESET_DEFAULTS = {
  /** CesiumJS's own default, pixels (smaller = sharper and slower). */
  maximumScreenSpaceErrorPx: 16,
  /** As georeferenced, metres. */
  heightOffsetM: 0,
} satisfies Required<NonNullable<ExternalTilesetOptions>>;

/** Bounding-sphere centres closer than this to the Earth's centre have no vertical, metres. */
const MIN_CENTRE_RADIUS_M = 1;

/**
 * Applies {@link EXTERNAL_TILESET_DEFAULTS}: a screen-space error that is not a positive finite number, or a
 * non-finite offset, takes the default.
 */
export function resolveExternalTilesetOptions(options: ExternalTilesetOptions): Required<NonNullable<ExternalTilesetOptions>> {
  const error = options?.maximumScreenSpaceErrorPx;
  const offset = options?.heightOffsetM;
  return {
    maximumScreenSpaceErrorPx: typeof error === 'number' && Number.isFinite(error) && error > 0 ? error : EXTERNAL_TILESET_DEFAULTS.maximumScreenSpaceErrorPx,
    heightOffsetM: typeof offset === 'number' && Number.isFinite(offset) ? offset : EXTERNAL_TILESET_DEFAULTS.heightOffsetM,
  };
}

/** One external tileset layer in a scene. */
export interface ExternalTilesetHandle {
  readonly layerId: string;
  /** The loaded tileset, or `null` while tileset.json loads or after a failure. */
  tileset: Cesium3DTileset | null;
  isVisible: boolean;
  /** Wanted offset along the local vertical, metres (+ up). */
  heightOffsetM: number;
  /** Wanted maximum screen-space error, pixels. */
  maximumScreenSpaceErrorPx: number;
  /** Unit ellipsoid normal (ECEF) at the bounding-sphere centre as loaded, or `null` (not loaded / no vertical). */
  upEcef: Cartesian3 | null;
  /** The reported failure, or `null`. */
  failure: string | null;
  isDetached: boolean;
  readonly removeListeners: (() => void)[];
}

/**
 * Sets `tileset.modelMatrix` to the handle's offset along its vertical (identity without one).
 *
 * @param scratch - reused for the translation
 */
function applyHeightOffset(Cesium: CesiumModule, handle: ExternalTilesetHandle, scratch: Cartesian3): void {
  const { tileset, upEcef } = handle;
  if (!tileset) return;
  const { Cartesian3, Matrix4 } = Cesium;
  if (!upEcef) {
    tileset.modelMatrix = Matrix4.clone(Matrix4.IDENTITY, tileset.modelMatrix);
    return;
  }
  const translation = Cartesian3.multiplyByScalar(upEcef, handle.heightOffsetM, scratch);
  tileset.modelMatrix = Matrix4.fromTranslation(translation, tileset.modelMatrix);
}

/** The ellipsoid normal at the tileset's bounding-sphere centre, or `null` at the Earth's centre. */
function verticalAt(Cesium: CesiumModule, sphere: BoundingSphere): Cartesian3 | null {
  if (Cesium.Cartesian3.magnitude(sphere.center) < MIN_CENTRE_RADIUS_M) return null;
  return Cesium.Ellipsoid.WGS84.geodeticSurfaceNormal(sphere.center, new Cesium.Cartesian3());
}

/** The `external-tileset` layer-kind plugin (see module notes). */
export const EXTERNAL_TILESET_LAYER_KIND: LayerKindPlugin<ExternalTilesetHandle> = {
  kind: 'external-tileset',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const scratch = new Cesium.Cartesian3();

    const fail = (handle: ExternalTilesetHandle, layer: SceneLayer, cause: unknown): void => {
      if (handle.failure !== null || handle.isDetached) return;
      handle.failure = layerFailureMessage(layer, cause);
      ctx.reportLoad(layer.id, handle.failure);
    };

    /** The feature of `picked` when it is a feature of this handle's tileset, else `null`. */
    const featureOf = (handle: ExternalTilesetHandle, picked: unknown) =>
      picked instanceof Cesium.Cesium3DTileFeature && handle.tileset !== null && picked.tileset === handle.tileset ? picked : null;

    return {
      attach(layer) {
        const options = resolveExternalTilesetOptions(kindOptions(layer, 'external-tileset'));
        const handle: ExternalTilesetHandle = {
          layerId: layer.id,
          tileset: null,
          isVisible: layer.isVisible,
          heightOffsetM: options.heightOffsetM,
          maximumScreenSpaceErrorPx: options.maximumScreenSpaceErrorPx,
          upEcef: null,
          failure: null,
          isDetached: false,
          removeListeners: [],
        };
        Cesium.Cesium3DTileset.fromUrl(layer.url, { maximumScreenSpaceError: options.maximumScreenSpaceErrorPx })
          .then((tileset) => {
            if (handle.isDetached || scene.isDestroyed()) {
              tileset.destroy();
              return;
            }
            handle.tileset = tileset;
            handle.upEcef = verticalAt(Cesium, tileset.boundingSphere);
            tileset.show = handle.isVisible;
            tileset.maximumScreenSpaceError = handle.maximumScreenSpaceErrorPx;
            applyHeightOffset(Cesium, handle, scratch);
            handle.removeListeners.push(
              tileset.tileFailed.addEventListener((error: { url?: string; message?: string }) =>
                fail(handle, layer, `tile ${error.url ?? '?'}: ${error.message ?? 'failed'}`),
              ),
            );
            scene.primitives.add(tileset);
            ctx.reportLoad(layer.id, null);
            ctx.requestRender();
          })
          .catch((error: unknown) => fail(handle, layer, error));
        return handle;
      },

      update(handle, layer) {
        const options = resolveExternalTilesetOptions(kindOptions(layer, 'external-tileset'));
        handle.isVisible = layer.isVisible;
        handle.maximumScreenSpaceErrorPx = options.maximumScreenSpaceErrorPx;
        const isNewOffset = handle.heightOffsetM !== options.heightOffsetM;
        handle.heightOffsetM = options.heightOffsetM;
        if (handle.tileset) {
          handle.tileset.show = layer.isVisible;
          handle.tileset.maximumScreenSpaceError = options.maximumScreenSpaceErrorPx;
          if (isNewOffset) applyHeightOffset(Cesium, handle, scratch);
        }
        ctx.requestRender();
      },

      needsReattach(layer, previous) {
        return layer.url !== previous.url;
      },

      detach(handle) {
        handle.isDetached = true;
        for (const remove of handle.removeListeners) remove();
        handle.removeListeners.length = 0;
        // `remove` destroys the tileset (`primitives.destroyPrimitives` is true by default).
        if (handle.tileset && !scene.isDestroyed()) scene.primitives.remove(handle.tileset);
        handle.tileset = null;
        ctx.requestRender();
      },

      pick(handle, picked) {
        const feature = featureOf(handle, picked);
        return feature ? tileFeatureId((name) => feature.getProperty(name), feature.featureId) : null;
      },

      label(handle, picked) {
        const feature = featureOf(handle, picked);
        if (!feature) return null;
        const name: unknown = feature.getProperty('name');
        const figures = pipeFigures((key) => feature.getProperty(key));
        return {
          kind: null,
          name: typeof name === 'string' && name.length > 0 ? name : tileFeatureId((key) => feature.getProperty(key), feature.featureId),
          ...(figures ? { figures } : {}),
        };
      },

      isSettled(handle) {
        return !handle.isVisible || handle.failure !== null || (handle.tileset?.tilesLoaded ?? false);
      },

      boundingSphere(handle) {
        return handle.tileset?.boundingSphere ?? null;
      },

      status(handle) {
        return {
          isLoaded: handle.tileset !== null,
          hasFailed: handle.failure !== null,
          heightOffsetM: handle.heightOffsetM,
          maximumScreenSpaceErrorPx: handle.maximumScreenSpaceErrorPx,
        };
      },
    };
  },
};
