/**
 * The `tubes` layer kind: GeoJSON LineString / MultiLineString pipes drawn as tubes of their real diameter at their
 * real (ellipsoidal) height, one batched `Primitive` per layer with one geometry instance per run or riser, each
 * carrying its feature id (picking) and its own colour attribute (highlighting).
 *
 * Notes:
 * - Geometry: runs are `PolylineVolumeGeometry` swept by a {@link TUBE_SIDES}-gon of the pipe's radius; risers
 *   (segments steeper than 45°, see viewer/core/tube-features.ts) are `CylinderGeometry` rotated onto the segment.
 *   `PolylineVolumeGeometry` puts its shape *above* the line (the shape's bounding box bottom at the line height:
 *   `heightOffset = boundingRectangle.height / 2` in PolylineVolumeGeometryLibrary), so runs are built from the
 *   axis heights minus the radius; the tube's axis then lies at the GeoJSON heights (tested in Node against
 *   `PolylineVolumeGeometry.createGeometry`, ±1 mm).
 * - Cost, measured with `PolylineVolumeGeometry.createGeometry` in Node for 5 000 pipes of 6 vertices (≈ 25 000
 *   segments of 30 m, radius 0.15 m): 12 sides with `ROUNDED` corners 5.1 M vertices / 5.0 M triangles (3.7 s on one
 *   core), with `BEVELED` corners 2.3 M / 2.1 M (1.6 s), 8 sides `BEVELED` 1.5 M / 1.4 M. Rounded corners cost 2.3×
 *   for bends only a pipe's radius across, so corners are bevelled; 12 sides keep a DN300 pipe round up close.
 * - One primitive per layer, never an entity per segment: the instances are built in CesiumJS's workers
 *   (`asynchronous`) and drawn in one batch. In Chromium + SwiftShader (shared 2-core machine) the 3 041 mains of
 *   central Nanchang took 4.0–8.7 s (4 runs) in the workers before the primitive was ready (frames kept coming
 *   meanwhile), then 1–3 ms of CPU per frame. Style, options or data changes rebuild the primitive; visibility is
 *   `primitive.show`.
 * - Highlight: hover and selection set the colour attribute of every instance of the feature (selection wins), using
 *   the model tilesets' highlight colours (./feature-batch.ts, shared with the `volumes` kind).
 * - Underground pipes are hidden by the globe wherever the scene depth-tests against it (the twin does near the
 *   ground); seeing them needs the underground tool (globe translucency), not this plugin.
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/PolylineVolumeGeometry.html, RFC 7946 §3.1.4–3.1.5
 */
import type { BoundingSphere, Cartesian2, Cartesian3, Color, GeometryFactory, GeometryInstance, Matrix4 } from '@cesium/engine';
import { kindOptions } from '@viewer/core/kind-options';
import { layerFailureMessage } from '@viewer/core/layer-failure-message';
import { changesDrawing, type SceneLayer } from '@viewer/core/scene-layer';
import { coverRangesM, readTubeFeatures, resolveTubesOptions, type CoverRangeM, type TubeFeatures, type TubePiece } from '@viewer/core/tube-features';
import { cssColour } from '../css-colour';
import type { HighlightMode, LayerKindPlugin } from '../layer-kind-plugin';
import type { CesiumModule } from '../load-cesium';
import { FeatureBatch } from './feature-batch';

/** Sides of the polygon approximating a tube's circular cross-section. */
export const TUBE_SIDES = 12;

/** Tube colour when the layer has no (readable) `style.stroke`: a water-main blue. */
export const DEFAULT_TUBE_COLOUR = '#2f9be0';

/** The `id` of every geometry instance: what picking and the tooltip read. */
export interface TubeInstanceId {
  /** The feature's id, or `null` (not pickable). */
  readonly featureId: string | null;
  /** The feature's display name, or `null`. */
  readonly name: string | null;
  /** Diameter, millimetres. */
  readonly diameterMm: number;
  /** Cover over the whole feature, metres (viewer/core/tube-features.ts `coverRangesM`), or `null` above ground. */
  readonly coverM: CoverRangeM | null;
}

/** One tube layer in a scene. */
export interface TubesHandle {
  readonly layerId: string;
  /** The layer input the current primitive was built from. */
  layer: SceneLayer;
  /** The batched primitive with its instance ids and highlights (./feature-batch.ts). */
  batch: FeatureBatch<TubeInstanceId>;
  features: Omit<TubeFeatures, 'pieces'> & { pieceCount: number };
  /** Bounds of every tube (ECEF), or `null` without tubes. */
  sphere: BoundingSphere | null;
  baseColour: Color;
}

/** The {@link TUBE_SIDES}-gon of radius `radiusM`, counter-clockwise, metres. */
function circleShape(Cesium: CesiumModule, radiusM: number): Cartesian2[] {
  return Array.from({ length: TUBE_SIDES }, (_, i) => {
    const angleRad = (2 * Math.PI * i) / TUBE_SIDES;
    return new Cesium.Cartesian2(radiusM * Math.cos(angleRad), radiusM * Math.sin(angleRad));
  });
}

/** ECEF positions of a piece, with heights moved by `heightShiftM` (metres). */
function piecePositions(Cesium: CesiumModule, piece: TubePiece, heightShiftM: number): Cartesian3[] {
  const flat = piece.positions.map((value, i) => (i % 3 === 2 ? value + heightShiftM : value));
  return Cesium.Cartesian3.fromDegreesArrayHeights(flat);
}

/** A rotation + translation taking a cylinder along +Z centred at the origin onto the segment `from`–`to` (ECEF). */
function segmentFrame(Cesium: CesiumModule, from: Cartesian3, to: Cartesian3): Matrix4 {
  const { Cartesian3, Matrix3, Matrix4 } = Cesium;
  const axisZ = Cartesian3.normalize(Cartesian3.subtract(to, from, new Cartesian3()), new Cartesian3());
  const helper = Math.abs(axisZ.x) < 0.9 ? Cartesian3.UNIT_X : Cartesian3.UNIT_Y;
  const axisX = Cartesian3.normalize(Cartesian3.cross(helper, axisZ, new Cartesian3()), new Cartesian3());
  const axisY = Cartesian3.cross(axisZ, axisX, new Cartesian3());
  const rotation = new Matrix3();
  Matrix3.setColumn(rotation, 0, axisX, rotation);
  Matrix3.setColumn(rotation, 1, axisY, rotation);
  Matrix3.setColumn(rotation, 2, axisZ, rotation);
  return Matrix4.fromRotationTranslation(rotation, Cartesian3.midpoint(from, to, new Cartesian3()));
}

/**
 * The geometry of one piece: for a run, a `PolylineVolumeGeometry` whose axis follows the piece's heights; for a
 * riser, a `CylinderGeometry` with the `modelMatrix` that puts it on the segment.
 *
 * @returns the geometry (not yet computed) and the instance's model matrix (`undefined` = identity)
 */
export function tubePieceGeometry(Cesium: CesiumModule, piece: TubePiece): { geometry: GeometryFactory; modelMatrix: Matrix4 | undefined } {
  const vertexFormat = Cesium.PerInstanceColorAppearance.VERTEX_FORMAT;
  if (piece.shape === 'run') {
    const geometry = new Cesium.PolylineVolumeGeometry({
      polylinePositions: piecePositions(Cesium, piece, -piece.radiusM),
      shapePositions: circleShape(Cesium, piece.radiusM),
      cornerType: Cesium.CornerType.BEVELED,
      vertexFormat,
    });
    return { geometry, modelMatrix: undefined };
  }
  const [from, to] = piecePositions(Cesium, piece, 0);
  const geometry = new Cesium.CylinderGeometry({
    length: Cesium.Cartesian3.distance(from, to),
    topRadius: piece.radiusM,
    bottomRadius: piece.radiusM,
    slices: TUBE_SIDES,
    vertexFormat,
  });
  return { geometry, modelMatrix: segmentFrame(Cesium, from, to) };
}

/** Everything a layer draws, built from its data, style and options (no GPU work until the scene updates). */
function buildTubes(Cesium: CesiumModule, layer: SceneLayer, baseColour: Color) {
  const { pieces, ...counts } = readTubeFeatures(layer.data!, resolveTubesOptions(kindOptions(layer, 'tubes')));
  const covers = coverRangesM(pieces);
  const idsByFeature = new Map<string, TubeInstanceId[]>();
  const instances: GeometryInstance[] = [];
  const corners: Cartesian3[] = [];
  let maxRadiusM = 0;
  for (const piece of pieces) {
    const id: TubeInstanceId = { featureId: piece.featureId, name: piece.name, diameterMm: piece.diameterMm, coverM: covers.get(piece.featureIndex) ?? null };
    if (piece.featureId !== null) {
      const ids = idsByFeature.get(piece.featureId);
      if (ids) ids.push(id);
      else idsByFeature.set(piece.featureId, [id]);
    }
    const { geometry, modelMatrix } = tubePieceGeometry(Cesium, piece);
    instances.push(
      new Cesium.GeometryInstance({
        geometry,
        modelMatrix,
        id,
        attributes: { color: Cesium.ColorGeometryInstanceAttribute.fromColor(baseColour) },
      }),
    );
    corners.push(...piecePositions(Cesium, piece, 0));
    maxRadiusM = Math.max(maxRadiusM, piece.radiusM);
  }
  let sphere: BoundingSphere | null = null;
  if (corners.length > 0) {
    sphere = Cesium.BoundingSphere.fromPoints(corners);
    sphere.radius += maxRadiusM;
  }
  const primitive =
    instances.length === 0
      ? null
      : new Cesium.Primitive({
          geometryInstances: instances,
          appearance: new Cesium.PerInstanceColorAppearance({ translucent: baseColour.alpha < 1, closed: true }),
          asynchronous: true,
          show: layer.isVisible,
        });
  return { primitive, idsByFeature, sphere, features: { ...counts, pieceCount: pieces.length } };
}

/** The `tubes` layer-kind plugin (see module notes). */
export const TUBES_LAYER_KIND: LayerKindPlugin<TubesHandle> = {
  kind: 'tubes',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    /** Builds (or rebuilds) the handle's primitive from `layer`; reports once the primitive is ready. */
    const build = (handle: TubesHandle, layer: SceneLayer): void => {
      handle.batch.clear();
      handle.layer = layer;
      handle.sphere = null;
      handle.features = { featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0, pieceCount: 0 };
      handle.baseColour = cssColour(Cesium, layer.style?.stroke, DEFAULT_TUBE_COLOUR);
      if (layer.data === null) return;
      const { primitive, idsByFeature, sphere, features } = buildTubes(Cesium, layer, handle.baseColour);
      handle.sphere = sphere;
      handle.features = features;
      if (features.featureCount > 0 && features.pieceCount === 0) {
        const reason = `none of ${features.featureCount} features is a valid LineString or MultiLineString`;
        ctx.reportLoad(layer.id, layerFailureMessage(layer, reason));
        return;
      }
      if (!primitive) {
        ctx.reportLoad(layer.id, null); // an empty collection is a loaded, empty layer
        return;
      }
      handle.batch.show(primitive, idsByFeature, () => ctx.reportLoad(layer.id, null));
    };

    return {
      attach(layer) {
        const handle: TubesHandle = {
          layerId: layer.id,
          layer,
          batch: new FeatureBatch<TubeInstanceId>(ctx, () => handle.baseColour),
          features: { featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0, pieceCount: 0 },
          sphere: null,
          baseColour: Cesium.Color.WHITE,
        };
        build(handle, layer);
        return handle;
      },

      update(handle, layer, previous) {
        if (changesDrawing(layer, previous)) build(handle, layer);
        else handle.layer = layer;
        handle.batch.setVisible(layer.isVisible);
        ctx.requestRender();
      },

      needsReattach(layer, previous) {
        return layer.url !== previous.url;
      },

      detach(handle) {
        handle.batch.clear();
        ctx.requestRender();
      },

      pick(handle, picked) {
        return handle.batch.idOf(picked)?.featureId ?? null;
      },

      label(handle, picked) {
        const id = handle.batch.idOf(picked);
        if (!id) return null;
        // Diameter and cover go out as figures; the globe writes them in the UI language next to the cursor.
        return { kind: null, name: id.name ?? id.featureId, figures: { diameterMm: id.diameterMm, ...(id.coverM ? { coverM: id.coverM } : {}) } };
      },

      highlight(handle, featureId, mode: HighlightMode) {
        handle.batch.highlight(featureId, mode);
      },

      isSettled(handle) {
        if (!handle.layer.isVisible) return true;
        if (handle.layer.data === null) return false;
        return !handle.batch.primitive || handle.batch.isReady;
      },

      boundingSphere(handle) {
        return handle.sphere;
      },

      status(handle) {
        return { ...handle.features, isReady: handle.batch.isReady };
      },
    };
  },
};
