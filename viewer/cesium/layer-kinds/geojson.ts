/**
 * Layer kind `geojson`: a FeatureCollection (fetched by the app from `/api/geo/<id>`) drawn as outlines — polygon
 * rings and line strings, one `PolylineCollection` per layer ({@link OutlineLayer}); a line is picked as its
 * feature's `id`. Where outlines of several layers coincide (a city boundary is also a county boundary), thicker
 * layers are drawn last.
 */
import { outlineStyle } from '@viewer/core/layer-descriptor';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { LayerKindBinding, LayerKindContext, LayerKindPlugin } from '../layer-kind-plugin';
import { OutlineLayer } from './outline-layer';

/** Per-layer state: the drawn outlines of the current data (none while the data is loading). */
export interface GeoJsonHandle {
  isVisible: boolean;
  data: FeatureCollection | null;
  outline: OutlineLayer | null;
}

function bindGeoJson(ctx: LayerKindContext): LayerKindBinding<GeoJsonHandle> {
  const handles = new Set<GeoJsonHandle>();
  /** Thicker (higher-level) boundaries on top of thinner ones where they coincide. */
  const raiseByWidth = () => {
    const drawn = [...handles].flatMap((handle) => (handle.outline ? [handle.outline] : []));
    for (const outline of drawn.sort((a, b) => a.widthPx - b.widthPx)) outline.raiseToTop();
    ctx.requestRender();
  };
  const build = (handle: GeoJsonHandle, layer: Parameters<LayerKindBinding<GeoJsonHandle>['attach']>[0]) => {
    handle.outline?.destroy();
    handle.data = layer.data;
    handle.isVisible = layer.isVisible;
    handle.outline = layer.data ? new OutlineLayer(ctx.Cesium, ctx.scene, layer.data, outlineStyle(layer), layer.isVisible) : null;
    raiseByWidth();
  };
  return {
    attach(layer) {
      const handle: GeoJsonHandle = { isVisible: layer.isVisible, data: null, outline: null };
      handles.add(handle);
      build(handle, layer);
      return handle;
    },
    update(handle, layer, previous) {
      if (layer.data !== handle.data || layer.style !== previous.style) build(handle, layer);
      else {
        handle.isVisible = layer.isVisible;
        handle.outline?.setVisible(layer.isVisible);
        ctx.requestRender();
      }
    },
    detach(handle) {
      handles.delete(handle);
      handle.outline?.destroy();
      handle.outline = null;
      ctx.requestRender();
    },
    pick: (handle, picked) => handle.outline?.featureIdOf(picked) ?? null,
    // A hidden layer is not fetched until shown: it has nothing to wait for.
    isSettled: (handle) => !handle.isVisible || handle.data !== null,
    status: (handle) => ({ polylineCount: handle.outline?.polylineCount ?? 0 }),
  };
}

/** The `geojson` layer kind (see module doc). */
export const GEOJSON_LAYER_KIND: LayerKindPlugin<GeoJsonHandle> = { kind: 'geojson', bind: bindGeoJson };
