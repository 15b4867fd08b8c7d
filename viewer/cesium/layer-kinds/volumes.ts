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
import type { BoundingSphere, Color, GeometryInstance } from '@cesium/engine';
import { kindOptions } from '@viewer/core/kind-options';
import { changesDrawing, type SceneLayer } from '@viewer/core/scene-layer';
import { readVolumeFeatures } from '@viewer/core/volume-features';
import { cssColour } from '../css-colour';
import type { HighlightMode, LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';
import { FeatureBatch } from './feature-batch';

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
  /** The batched primitive with its instance ids and highlights (./feature-batch.ts). */
  batch: FeatureBatch<VolumeInstanceId>;
  sphere: BoundingSphere | null;
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
    const { Cesium } = ctx;
    const build = (handle: VolumesHandle, layer: SceneLayer) => {
      handle.batch.clear();
      Object.assign(handle, { layer, sphere: null, counts: { featureCount: 0, skippedFeatureCount: 0, pieceCount: 0 } });
      if (layer.data === null) return;
      const { primitive, idsByFeature, sphere, counts } = buildVolumes(Cesium, layer);
      Object.assign(handle, { sphere, counts });
      if (!primitive) {
        ctx.reportLoad(layer.id, null);
        return;
      }
      handle.batch.show(primitive, idsByFeature, () => ctx.reportLoad(layer.id, null));
    };
    return {
      attach(layer) {
        const handle: VolumesHandle = { layer, batch: new FeatureBatch<VolumeInstanceId>(ctx, (id) => id.colour, 0.45), sphere: null, counts: { featureCount: 0, skippedFeatureCount: 0, pieceCount: 0 } };
        build(handle, layer);
        return handle;
      },
      update(handle, layer, previous) {
        if (changesDrawing(layer, previous)) build(handle, layer);
        else handle.layer = layer;
        handle.batch.setVisible(layer.isVisible);
        ctx.requestRender();
      },
      needsReattach: (layer, previous) => layer.url !== previous.url,
      detach(handle) {
        handle.batch.clear();
        ctx.requestRender();
      },
      pick: (handle, picked) => handle.batch.idOf(picked)?.featureId ?? null,
      label(handle, picked) {
        const id = handle.batch.idOf(picked);
        return id ? { kind: handle.layer.id, name: id.name ?? id.featureId } : null;
      },
      highlight: (handle, featureId, mode: HighlightMode) => handle.batch.highlight(featureId, mode),
      isSettled: (handle) => !handle.layer.isVisible || (handle.layer.data !== null && (!handle.batch.primitive || handle.batch.isReady)),
      boundingSphere: (handle) => handle.sphere,
      status: (handle) => ({ ...handle.counts, isReady: handle.batch.isReady }),
    };
  },
};
