/**
 * The `heatmap` layer kind (a plate kind of the sensors plate, listed in app/sensors/plate.tsx): the latest values of
 * the layer's point features (`valueProperty`, default `lastValue`) rendered into a canvas by ./heat-raster.ts and
 * draped on the ground as ONE textured rectangle (a `GroundPrimitive` with an image material; a flat `Primitive`
 * where the GPU cannot drape materials). The raster covers the part of the data's extent (padded by 3σ) that lies in
 * the camera's view, at most 256 px on its long side, and is redrawn when the data change or the camera stops —
 * so zooming in sharpens it. No picking: the sensors layer carries the picks. Written for GanTwin (no library:
 * the heat-map packages on npm draw screen-space overlays, not a georeferenced texture).
 * @see https://cesium.com/learn/cesiumjs/ref-doc/GroundPrimitive.html
 */
import type { Primitive, GroundPrimitive, Rectangle as CesiumRectangle } from '@cesium/engine';
import type { LayerKindPlugin } from '@viewer/cesium/layer-kind-plugin';
import { kindOptions } from '@viewer/core/kind-options';
import { changesDrawing, type SceneLayer } from '@viewer/core/scene-layer';
import { renderHeatRaster, type HeatPoint, type LonLatRect } from './heat-raster';

/** Longest side of the raster, px. */
const RASTER_PX = 256;
const DEFAULT_RADIUS_M = 150;
const METRES_PER_DEG = 111_320;

interface HeatHandle {
  layer: SceneLayer;
  primitive: Primitive | GroundPrimitive | null;
  /** Features read from the layer's data. */
  points: HeatPoint[];
  /** Rectangle last drawn (diagnostics). */
  drawn: LonLatRect | null;
}

/** The features' points with a finite numeric `valueProperty`. */
export function heatPointsOf(layer: SceneLayer, valueProperty: string): HeatPoint[] {
  const features = Array.isArray(layer.data?.features) ? layer.data.features : [];
  const points: HeatPoint[] = [];
  for (const feature of features) {
    const geometry = feature?.geometry as { type?: string; coordinates?: unknown } | null | undefined;
    const value = (feature?.properties as Record<string, unknown> | null | undefined)?.[valueProperty];
    if (geometry?.type !== 'Point' || !Array.isArray(geometry.coordinates) || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const [lon, lat] = geometry.coordinates as unknown[];
    if (typeof lon === 'number' && typeof lat === 'number' && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) points.push({ lonDeg: lon, latDeg: lat, value });
  }
  return points;
}

/** The plugin of kind `heatmap` (see module doc). */
export const HEATMAP_LAYER_KIND: LayerKindPlugin<HeatHandle> = {
  kind: 'heatmap',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const handles = new Set<HeatHandle>();

    const clear = (handle: HeatHandle) => {
      if (handle.primitive && !scene.isDestroyed()) scene.primitives.remove(handle.primitive);
      handle.primitive = null;
    };

    const draw = (handle: HeatHandle) => {
      clear(handle);
      const layer = handle.layer;
      const options = kindOptions(layer, 'heatmap');
      if (!layer.isVisible || !options || handle.points.length === 0 || options.low === options.high) return;
      const radiusM = options.radiusM && options.radiusM > 0 ? options.radiusM : DEFAULT_RADIUS_M;
      const padLat = (3 * radiusM) / METRES_PER_DEG;
      const lats = handle.points.map((p) => p.latDeg);
      const lons = handle.points.map((p) => p.lonDeg);
      const padLon = padLat / Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
      let rect: LonLatRect = { west: Math.min(...lons) - padLon, south: Math.min(...lats) - padLat, east: Math.max(...lons) + padLon, north: Math.max(...lats) + padLat };
      const view: CesiumRectangle | undefined = scene.camera.computeViewRectangle();
      if (view) {
        const deg = Cesium.Math.toDegrees;
        const clipped = { west: Math.max(rect.west, deg(view.west)), south: Math.max(rect.south, deg(view.south)), east: Math.min(rect.east, deg(view.east)), north: Math.min(rect.north, deg(view.north)) };
        if (clipped.east <= clipped.west || clipped.north <= clipped.south) return; // nothing of it in view
        rect = clipped;
      }
      const aspect = ((rect.east - rect.west) * Math.cos((((rect.north + rect.south) / 2) * Math.PI) / 180)) / (rect.north - rect.south);
      const width = Math.max(8, Math.round(aspect >= 1 ? RASTER_PX : RASTER_PX * aspect));
      const height = Math.max(8, Math.round(aspect >= 1 ? RASTER_PX / aspect : RASTER_PX));
      const pixels = renderHeatRaster({ points: handle.points, rect, width, height, low: options.low, high: options.high, radiusM });
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) return;
      context.putImageData(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
      const rectangle = Cesium.Rectangle.fromDegrees(rect.west, rect.south, rect.east, rect.north);
      const material = Cesium.Material.fromType('Image', { image: canvas, transparent: true });
      const appearance = new Cesium.EllipsoidSurfaceAppearance({ material, aboveGround: false, translucent: true });
      const geometryInstances = new Cesium.GeometryInstance({ geometry: new Cesium.RectangleGeometry({ rectangle, vertexFormat: Cesium.EllipsoidSurfaceAppearance.VERTEX_FORMAT }) });
      handle.primitive = Cesium.GroundPrimitive.supportsMaterials(scene)
        ? new Cesium.GroundPrimitive({ geometryInstances, appearance, asynchronous: false })
        : new Cesium.Primitive({ geometryInstances, appearance, asynchronous: false });
      scene.primitives.add(handle.primitive);
      handle.drawn = rect;
      ctx.requestRender();
    };

    const onMoveEnd = () => {
      for (const handle of handles) if (handle.layer.isVisible) draw(handle);
    };
    let stopListening: (() => void) | null = null;

    return {
      attach(layer) {
        const options = kindOptions(layer, 'heatmap');
        const handle: HeatHandle = { layer, primitive: null, points: heatPointsOf(layer, options?.valueProperty ?? 'lastValue'), drawn: null };
        handles.add(handle);
        stopListening ??= scene.camera.moveEnd.addEventListener(onMoveEnd);
        draw(handle);
        if (layer.data !== null) ctx.reportLoad(layer.id, null);
        return handle;
      },
      update(handle, layer, previous) {
        handle.layer = layer;
        const options = kindOptions(layer, 'heatmap');
        if (changesDrawing(layer, previous)) {
          handle.points = heatPointsOf(layer, options?.valueProperty ?? 'lastValue');
          if (layer.data !== null) ctx.reportLoad(layer.id, null);
        }
        draw(handle);
        ctx.requestRender();
      },
      needsReattach(layer, previous) {
        return layer.url !== previous.url;
      },
      detach(handle) {
        clear(handle);
        handles.delete(handle);
        if (handles.size === 0) {
          stopListening?.();
          stopListening = null;
        }
        ctx.requestRender();
      },
      isSettled(handle) {
        return handle.layer.data !== null || !handle.layer.isVisible;
      },
      status(handle) {
        return { points: handle.points.length, drawn: handle.primitive !== null };
      },
    };
  },
};
