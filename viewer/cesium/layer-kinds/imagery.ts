/**
 * The `imagery` layer kind: raster tiles (XYZ, TMS, WMTS; basemaps, 天地图, GeoServer, SuperMap iServer) as one
 * CesiumJS `ImageryLayer` each, drawn over the scene's base imagery.
 *
 * Notes:
 * - The provider is chosen by `resolveImagerySource` (viewer/core/imagery-source.ts, with the WMTS and 天地图
 *   decisions): `UrlTemplateImageryProvider` (xyz), `TileMapServiceImageryProvider.fromUrl` (tms, reads
 *   tilemapresource.xml) or `WebMapTileServiceImageryProvider` (wmts tile template).
 * - Stacking: our layers sit above every layer already in `scene.imageryLayers` (the base imagery at index 0), in
 *   ascending `layer.order`, ties in attach order; after each attach or order change they are raised to the top in
 *   that order.
 * - Opacity (`options.alpha`) and visibility change the `ImageryLayer` in place; any other option or the url
 *   rebuilds the layer (`needsReattach`).
 * - Errors: an invalid url/options, a provider that cannot be created (TMS without a reachable root), and the first
 *   failed tile are reported once per attach through `reportLoad`; later tile failures are not repeated (a service
 *   that is down would otherwise send one notice per tile). With a listener on `errorEvent`, CesiumJS neither logs
 *   nor retries failed tiles. Success is reported when the provider is ready, before any tile has arrived.
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/ImageryLayer.html
 */
import type { ImageryLayer, ImageryProvider, TilingScheme } from '@cesium/engine';
import { imageryAlpha, imagerySourceKey, resolveImagerySource, type ImagerySource } from '@viewer/core/imagery-source';
import { kindOptions } from '@viewer/core/kind-options';
import { layerFailureMessage } from '@viewer/core/layer-failure-message';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';

/** One imagery layer in a scene. */
export interface ImageryHandle {
  readonly layerId: string;
  /** The CesiumJS layer, or `null` when the url/options were refused. */
  readonly imageryLayer: ImageryLayer | null;
  /** The layer's `order` (stacking among imagery layers). */
  order: number;
  /** Attach sequence number in this scene (ties of `order`). */
  readonly attachSerial: number;
  isVisible: boolean;
  /** The reported failure, or `null`. */
  failure: string | null;
  /** Event listener removers. */
  readonly removeListeners: (() => void)[];
}

function tilingSchemeOf(Cesium: CesiumModule, source: ImagerySource): TilingScheme {
  return source.tilingScheme === 'geographic' ? new Cesium.GeographicTilingScheme() : new Cesium.WebMercatorTilingScheme();
}

/** Builds the layer for a source: synchronous providers at once, TMS once tilemapresource.xml has been read. */
function createImageryLayer(Cesium: CesiumModule, source: ImagerySource, options: ImageryLayer.ConstructorOptions): ImageryLayer {
  const tilingScheme = tilingSchemeOf(Cesium, source);
  const { maximumLevel, credit } = source;
  switch (source.provider) {
    case 'url-template':
      return new Cesium.ImageryLayer(
        new Cesium.UrlTemplateImageryProvider({ url: source.url, tilingScheme, maximumLevel, credit, subdomains: source.subdomains }),
        options,
      );
    case 'tile-map-service':
      return Cesium.ImageryLayer.fromProviderAsync(
        Cesium.TileMapServiceImageryProvider.fromUrl(source.url, { tilingScheme, maximumLevel, credit }),
        options,
      );
    case 'web-map-tile-service':
      return new Cesium.ImageryLayer(
        new Cesium.WebMapTileServiceImageryProvider({
          url: source.url,
          layer: source.layer,
          style: source.style,
          tileMatrixSetID: source.tileMatrixSetId,
          tileMatrixLabels: source.tileMatrixLabels,
          tilingScheme,
          maximumLevel,
          subdomains: source.subdomains,
          credit,
        }),
        options,
      );
  }
}

/** The `imagery` layer-kind plugin (see module notes). */
export const IMAGERY_LAYER_KIND: LayerKindPlugin<ImageryHandle> = {
  kind: 'imagery',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const handles = new Set<ImageryHandle>();
    let attachCount = 0;

    /** Raises our layers to the top of the collection in ascending order (see module notes). */
    const restack = (): void => {
      const ordered = [...handles].sort((a, b) => a.order - b.order || a.attachSerial - b.attachSerial);
      for (const handle of ordered) if (handle.imageryLayer) scene.imageryLayers.raiseToTop(handle.imageryLayer);
    };

    const fail = (handle: ImageryHandle, layer: SceneLayer, cause: unknown): void => {
      if (handle.failure !== null || !handles.has(handle)) return;
      handle.failure = layerFailureMessage(layer, cause);
      ctx.reportLoad(layer.id, handle.failure);
      ctx.requestRender();
    };

    const watchProvider = (handle: ImageryHandle, layer: SceneLayer, provider: ImageryProvider): void => {
      handle.removeListeners.push(provider.errorEvent.addEventListener((error: unknown) => fail(handle, layer, error)));
      if (handles.has(handle) && handle.failure === null) ctx.reportLoad(layer.id, null);
    };

    return {
      attach(layer) {
        const options = kindOptions(layer, 'imagery');
        let source: ImagerySource | null = null;
        let refusal: unknown = null;
        try {
          source = resolveImagerySource(layer.url, options);
        } catch (error) {
          refusal = error;
        }
        let imageryLayer: ImageryLayer | null = null;
        if (source) {
          try {
            imageryLayer = createImageryLayer(Cesium, source, { alpha: imageryAlpha(options), show: layer.isVisible });
          } catch (error) {
            refusal = error; // CesiumJS DeveloperError for options it cannot use
          }
        }
        const handle: ImageryHandle = {
          layerId: layer.id,
          imageryLayer,
          order: layer.order,
          attachSerial: ++attachCount,
          isVisible: layer.isVisible,
          failure: null,
          removeListeners: [],
        };
        handles.add(handle);
        if (!imageryLayer) {
          fail(handle, layer, refusal);
          return handle;
        }
        scene.imageryLayers.add(imageryLayer);
        restack();
        if (imageryLayer.ready) watchProvider(handle, layer, imageryLayer.imageryProvider);
        else {
          handle.removeListeners.push(
            imageryLayer.readyEvent.addEventListener((provider: ImageryProvider) => watchProvider(handle, layer, provider)),
            imageryLayer.errorEvent.addEventListener((error: unknown) => fail(handle, layer, error)),
          );
        }
        ctx.requestRender();
        return handle;
      },

      update(handle, layer) {
        handle.isVisible = layer.isVisible;
        if (handle.imageryLayer) {
          handle.imageryLayer.show = layer.isVisible;
          handle.imageryLayer.alpha = imageryAlpha(kindOptions(layer, 'imagery'));
        }
        if (handle.order !== layer.order) {
          handle.order = layer.order;
          restack();
        }
        ctx.requestRender();
      },

      needsReattach(layer, previous) {
        return imagerySourceKey(layer.url, kindOptions(layer, 'imagery')) !== imagerySourceKey(previous.url, kindOptions(previous, 'imagery'));
      },

      detach(handle) {
        handles.delete(handle);
        for (const remove of handle.removeListeners) remove();
        handle.removeListeners.length = 0;
        if (handle.imageryLayer && !scene.isDestroyed()) scene.imageryLayers.remove(handle.imageryLayer, true);
        ctx.requestRender();
      },

      isSettled(handle) {
        return !handle.isVisible || handle.failure !== null || (handle.imageryLayer?.ready ?? true);
      },

      status(handle) {
        const index = handle.imageryLayer && !scene.isDestroyed() ? scene.imageryLayers.indexOf(handle.imageryLayer) : -1;
        return { isReady: handle.imageryLayer?.ready ?? false, hasFailed: handle.failure !== null, index, alpha: handle.imageryLayer?.alpha ?? 0 };
      },
    };
  },
};
