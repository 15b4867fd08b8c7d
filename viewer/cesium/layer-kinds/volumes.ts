/**
 * The `volumes` layer kind: GeoJSON polygons drawn as translucent prisms between two heights, or as flat surfaces
 * when both heights are equal (viewer/core/volume-features.ts), one batched `Primitive` per layer with one
 * `PolygonGeometry` instance per polygon, each carrying its feature id (picking) and colour (highlighting). Used by
 * the review plate for the planning envelope (buildable area and height-limit plane) and open to any plate
 * (block massing, site boundaries in 3D).
 *
 * Notes: heights are metres above the WGS84 ellipsoid (the twin has no terrain by default, models stand on the
 * ellipsoid, see tileset.ts). Translucent primitives do not write depth, so a model inside an envelope stays visible;
 * `closed: false` because a flat surface has one side. Style: `style.fill` (default a translucent orange), per-feature
 * `fill` overrides. Changes of data or style rebuild the primitive; visibility is `primitive.show`.
 * @see https://cesium.com/learn/cesiumjs/ref-doc/PolygonGeometry.html
 */
import type { BoundingSphere, Color, GeometryInstance, Primitive } from '@cesium/engine';
import { kindOptions } from '@viewer/core/kind-options';
import { changesDrawing, type SceneLayer } from '@viewer/core/scene-layer';
import { readVolumeFeatures } from '@viewer/core/volume-features';
import { cssColour } from '../css-colour';
import { DEFAULT_HIGHLIGHT_COLOURS } from '../element-highlighter';
import type { HighlightMode, LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';
import { pickedObject } from '../picked-object';

/** Fill of a volume without a (readable) style: translucent orange. */
export const DEFAULT_VOLUME_FILL = 'rgba(255, 140, 66, 0.25)';

/** The `id` of every geometry instance. */
interface VolumeInstanceId {
  readonly featureId: string | null;
  readonly name: string | null;
  readonly colour: Color;
}

/** One volumes layer in a scene. */
export interface VolumesHandle {
  layer: SceneLayer;
  primitive: Primitive | null;
  idsByFeature: Map<string, VolumeInstanceId[]>;
  sphere: BoundingSphere | null;
  hoveredId: string | null;
  selectedId: string | null;
  isReady: boolean;
  stopWatchingReady: (() => void) | null;
  counts: { featureCount: number; skippedFeatureCount: number; pieceCount: number };
}

function buildVolumes(Cesium: CesiumModule, layer: SceneLayer) {
  const { pieces, featureCount, skippedFeatureCount } = readVolumeFeatures(layer.data!, kindOptions(layer, 'volumes'));
  const layerFill = cssColour(Cesium, layer.style?.fill, DEFAULT_VOLUME_FILL);
  const idsByFeature = new Map<string, VolumeInstanceId[]>();
  const instances: GeometryInstance[] = [];
  const corners = [];
  for (const piece of pieces) {
    const colour = piece.fill ? cssColour(Cesium, piece.fill, DEFAULT_VOLUME_FILL) : layerFill;
    const id: VolumeInstanceId = { featureId: piece.featureId, name: piece.name, colour };
    if (piece.featureId !== null) idsByFeature.set(piece.featureId, [...(idsByFeature.get(piece.featureId) ?? []), id]);
    const [outer, ...holes] = piece.rings.map((ring) => Cesium.Cartesian3.fromDegreesArray(ring.flat()));
    const hierarchy = new Cesium.PolygonHierarchy(outer, holes.map((hole) => new Cesium.PolygonHierarchy(hole)));
    const geometry = new Cesium.PolygonGeometry({
      polygonHierarchy: hierarchy,
      height: piece.baseM,
      extrudedHeight: piece.topM > piece.baseM ? piece.topM : undefined,
      perPositionHeight: false,
      vertexFormat: Cesium.PerInstanceColorAppearance.VERTEX_FORMAT,
    });
    instances.push(new Cesium.GeometryInstance({ geometry, id, attributes: { color: Cesium.ColorGeometryInstanceAttribute.fromColor(colour) } }));
    for (const [lon, lat] of piece.rings[0]) corners.push(Cesium.Cartesian3.fromDegrees(lon, lat, piece.baseM), Cesium.Cartesian3.fromDegrees(lon, lat, piece.topM));
  }
  const primitive =
    instances.length === 0
      ? null
      : new Cesium.Primitive({
          geometryInstances: instances,
          appearance: new Cesium.PerInstanceColorAppearance({ translucent: true, closed: false, flat: true }),
          asynchronous: true,
          show: layer.isVisible,
        });
  return { primitive, idsByFeature, sphere: corners.length ? Cesium.BoundingSphere.fromPoints(corners) : null, counts: { featureCount, skippedFeatureCount, pieceCount: pieces.length } };
}

/** The `volumes` layer-kind plugin (see module notes). */
export const VOLUMES_LAYER_KIND: LayerKindPlugin<VolumesHandle> = {
  kind: 'volumes',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const hoverColour = Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.hover).withAlpha(0.45);
    const selectedColour = Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.selected).withAlpha(0.45);

    const recolour = (handle: VolumesHandle, featureId: string | null): void => {
      if (featureId === null || !handle.primitive || !handle.isReady) return;
      for (const id of handle.idsByFeature.get(featureId) ?? []) {
        const colour = featureId === handle.selectedId ? selectedColour : featureId === handle.hoveredId ? hoverColour : id.colour;
        const attributes = handle.primitive.getGeometryInstanceAttributes(id) as { color: Uint8Array } | undefined;
        if (attributes) attributes.color = Cesium.ColorGeometryInstanceAttribute.toValue(colour, attributes.color);
      }
    };
    const stopWatching = (handle: VolumesHandle) => {
      handle.stopWatchingReady?.();
      handle.stopWatchingReady = null;
    };
    const build = (handle: VolumesHandle, layer: SceneLayer) => {
      stopWatching(handle);
      if (handle.primitive && !scene.isDestroyed()) scene.primitives.remove(handle.primitive);
      Object.assign(handle, { layer, primitive: null, isReady: false, sphere: null, idsByFeature: new Map(), counts: { featureCount: 0, skippedFeatureCount: 0, pieceCount: 0 } });
      if (layer.data === null) return;
      const built = buildVolumes(Cesium, layer);
      Object.assign(handle, built);
      if (!built.primitive) {
        ctx.reportLoad(layer.id, null);
        return;
      }
      const primitive = scene.primitives.add(built.primitive) as Primitive;
      handle.stopWatchingReady = scene.postRender.addEventListener(() => {
        if (!primitive.ready || handle.primitive !== primitive) return;
        stopWatching(handle);
        handle.isReady = true;
        recolour(handle, handle.hoveredId);
        recolour(handle, handle.selectedId);
        ctx.reportLoad(layer.id, null);
        ctx.requestRender();
      });
      ctx.requestRender();
    };
    return {
      attach(layer) {
        const handle: VolumesHandle = { layer, primitive: null, idsByFeature: new Map(), sphere: null, hoveredId: null, selectedId: null, isReady: false, stopWatchingReady: null, counts: { featureCount: 0, skippedFeatureCount: 0, pieceCount: 0 } };
        build(handle, layer);
        return handle;
      },
      update(handle, layer, previous) {
        if (changesDrawing(layer, previous)) build(handle, layer);
        else handle.layer = layer;
        if (handle.primitive) handle.primitive.show = layer.isVisible;
        ctx.requestRender();
      },
      needsReattach: (layer, previous) => layer.url !== previous.url,
      detach(handle) {
        stopWatching(handle);
        if (handle.primitive && !scene.isDestroyed()) scene.primitives.remove(handle.primitive);
        handle.primitive = null;
        ctx.requestRender();
      },
      pick(handle, picked) {
        const object = pickedObject(picked);
        if (!object || !handle.primitive || object.primitive !== handle.primitive) return null;
        return (object.id as VolumeInstanceId | undefined)?.featureId ?? null;
      },
      label(handle, picked) {
        const object = pickedObject(picked);
        if (!object || !handle.primitive || object.primitive !== handle.primitive) return null;
        const id = object.id as VolumeInstanceId | undefined;
        return id ? { kind: handle.layer.id, name: id.name ?? id.featureId } : null;
      },
      highlight(handle, featureId, mode: HighlightMode) {
        const previous = mode === 'hover' ? handle.hoveredId : handle.selectedId;
        if (previous === featureId) return;
        if (mode === 'hover') handle.hoveredId = featureId;
        else handle.selectedId = featureId;
        recolour(handle, previous);
        recolour(handle, featureId);
        ctx.requestRender();
      },
      isSettled: (handle) => !handle.layer.isVisible || (handle.layer.data !== null && (!handle.primitive || handle.isReady)),
      boundingSphere: (handle) => handle.sphere,
      status: (handle) => ({ ...handle.counts, isReady: handle.isReady }),
    };
  },
};
