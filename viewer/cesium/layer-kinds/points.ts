/**
 * The `points` layer kind: GeoJSON Point / MultiPoint features (sensors, construction sites, citizen reports) as
 * screen-space markers that merge into counted cluster markers where they crowd.
 *
 * Notes:
 * - Primitives, not entities: one `PointPrimitiveCollection` of markers, a `LabelCollection` of marker labels
 *   (created only for markers shown alone) and pooled cluster markers (cluster-marker-pool.ts), all in one
 *   `PrimitiveCollection` per layer; clustering is our own (`clusterScreenPoints`, viewer/core/screen-clusters.ts:
 *   CesiumJS's greedy rule on a grid). Measured against a `CustomDataSource` with `EntityCluster` (pixelRange 40),
 *   5 000 markers over central Nanchang, Chromium + SwiftShader, 1280 × 800, medians of 3 interleaved runs on a
 *   shared 2-core machine (load ≈ 5, so single runs varied up to 5×), without / with labels:
 *   | | entities | this plugin |
 *   |---|---|---|
 *   | add the layer (CPU) | 196 / 261 ms | 37 / 30 ms |
 *   | first frame after a jump to another height (6 heights, 60 km–2 km) | 85–223 / 80–214 ms | 14–51 / 21–55 ms |
 *   | slowest frame of a 40-frame zoom flight | 185 / 180 ms | 79 / 78 ms |
 *   | median frame of that flight | 12 / 49 ms | 20 / 29 ms |
 *   Entities were usable, not unusable: they re-cluster only when the camera has moved by half a view
 *   (`camera.percentageChanged`), hence their cheaper median flight frame, and pay 4× more for each re-clustering.
 *   One re-clustering here costs ≈ 15 ms for 5 000 markers (frame with / without it: 16 / 2 ms). What decided it
 *   besides the numbers: entities need a `DataSourceDisplay` that the widget owns and a plugin cannot reach (it
 *   gets the scene only), so it would have to run its own display and drive its updates; and the selected feature
 *   must stay out of clusters, for which `EntityCluster` has no option (it clusters every entity of its source).
 * - Re-clustering runs in `scene.preRender` whenever the camera's view or the canvas changed, so the frame being
 *   drawn already shows the new clusters (no extra render request).
 * - Markers ignore the depth test (`disableDepthTestDistance = ∞`) so that buildings and terrain never bury them;
 *   markers behind the Earth are hidden by a horizon test instead (viewer/core/horizon.ts).
 * - Picking a marker or its label yields the feature id; a cluster marker yields `null` (zoom in to split it: the
 *   plugin cannot tell a click from a hover pick, so it does not fly anywhere by itself).
 * - Highlight: hover and selection draw the marker bigger with a coloured outline (selection wins). The selected
 *   feature is never merged into a cluster, so a selection made in a list stays visible.
 * - Features with a bad geometry are skipped and counted in `status` (viewer/core/point-features.ts).
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/PointPrimitiveCollection.html, RFC 7946 §3.1.2–3.1.3
 */
import type { Cartesian2, Cartesian3, Color, Label, LabelCollection, PointPrimitive, PointPrimitiveCollection, PrimitiveCollection, Scene } from '@cesium/engine';
import { kindOptions } from '@viewer/core/kind-options';
import { declutterLabels, estimateTextWidthPx, type LabelBox } from '@viewer/core/label-declutter';
import { isAboveHorizon } from '@viewer/core/horizon';
import { layerFailureMessage } from '@viewer/core/layer-failure-message';
import { readPointFeatures, resolvePointsOptions, type PointFeatures } from '@viewer/core/point-features';
import { changesDrawing, type SceneLayer } from '@viewer/core/scene-layer';
import {
  clusterScreenPoints,
  createScreenClusters,
  MARKER_ALONE,
  MARKER_CLUSTERABLE,
  MARKER_HIDDEN,
  UNCLUSTERED,
  type ScreenClusters,
} from '@viewer/core/screen-clusters';
import { ClusterMarkerPool } from '../cluster-marker-pool';
import { cssColour } from '../css-colour';
import { DEFAULT_HIGHLIGHT_COLOURS } from '../element-highlighter';
import type { HighlightMode, LayerKindPlugin } from '../layer-kind-plugin';
import { pickedObject } from '../picked-object';

/** Marker colour when the layer has no (readable) `style.stroke`: amber. */
export const DEFAULT_POINT_COLOUR = '#ffb300';

/** Marker sizes, CSS px: diameter plain and highlighted, outline width plain and highlighted. */
export const POINT_MARKER_PX = { size: 10, highlightedSize: 15, outline: 1.5, highlightedOutline: 3 } as const;

/**
 * Marker labels: CSS font (the page's CJK stack; 13px sans-serif was blurred and thin over imagery), font size and
 * text outline width (CSS px), the gap between a marker's centre and its label's bottom (CSS px), and a dark
 * translucent plate behind the text with its padding (CSS px) so names stay readable over any imagery. Labels that
 * would overlap are decluttered (viewer/core/label-declutter.ts), the selected marker's first.
 */
export const POINT_LABEL_STYLE = {
  font: '600 14px "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif',
  fontPx: 14,
  outlinePx: 2,
  gapPx: 9,
  background: 'rgba(8, 16, 28, 0.72)',
  paddingPx: { x: 5, y: 2 },
} as const;

/** The `id` of every marker and marker label: what picking and the tooltip read. */
export interface PointMarkerId {
  /** The feature's id, or `null` (not pickable). */
  readonly featureId: string | null;
  /** Tooltip name, or `null`. */
  readonly name: string | null;
  /** Label text, or `null`. */
  readonly label: string | null;
}

/** One point layer in a scene. */
export interface PointsHandle {
  readonly layerId: string;
  /** The layer input the markers were built from. */
  layer: SceneLayer;
  /** Every primitive of the layer (`null` while there is no data); `show` = visibility. */
  group: PrimitiveCollection | null;
  markers: PointPrimitiveCollection | null;
  labels: LabelCollection | null;
  clusterMarkers: ClusterMarkerPool | null;
  /** Per marker (same index everywhere): its point, its label once created, its id, ECEF positions. */
  points: PointPrimitive[];
  markerLabels: (Label | null)[];
  markerIds: PointMarkerId[];
  /** The same ids as a set: a pick belongs to this layer when its `id` is in it. */
  ownIds: Set<PointMarkerId>;
  /** Marker positions, ECEF metres. */
  positionsEcef: Cartesian3[];
  /** Position tested against the horizon: the marker, or its surface point when below the ellipsoid. */
  horizonEcef: Cartesian3[];
  /** Marker indices per feature id. */
  markersByFeature: Map<string, number[]>;
  counts: Omit<PointFeatures, 'markers'>;
  /** Cluster distance, CSS px (0 = off). */
  clusterPixelRange: number;
  colour: Color;
  hoveredId: string | null;
  selectedId: string | null;
  /** Per marker, reused by every re-clustering: window x and y (CSS px from the canvas's top-left corner) and state. */
  xs: Float64Array;
  ys: Float64Array;
  /** `MARKER_HIDDEN`, `MARKER_CLUSTERABLE` or `MARKER_ALONE` (viewer/core/screen-clusters.ts). */
  states: Uint8Array;
  /** The last clustering (reused buffers). */
  clusters: ScreenClusters;
  /** Camera/canvas version the clusters were computed for; -1 = never / must redo. */
  clusteredVersion: number;
  /** Markers drawn on their own after the last clustering. */
  shownMarkerCount: number;
}

/** Scratch objects of the hot re-clustering loop, one set per binding. */
interface ClusterScratch {
  window: Cartesian2;
  centre: Cartesian3;
  /** Per cluster: x, y, z sums of its markers' ECEF positions, metres. */
  sum: Float64Array;
}

/** The per-data part of a handle, empty: what {@link PointsHandle} holds before data arrives or after a clear. */
function emptyDrawing(): Omit<PointsHandle, 'layerId' | 'layer' | 'clusterPixelRange' | 'colour' | 'hoveredId' | 'selectedId'> {
  return {
    group: null,
    markers: null,
    labels: null,
    clusterMarkers: null,
    points: [],
    markerLabels: [],
    markerIds: [],
    ownIds: new Set(),
    positionsEcef: [],
    horizonEcef: [],
    markersByFeature: new Map(),
    counts: { featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0 },
    xs: new Float64Array(0),
    ys: new Float64Array(0),
    states: new Uint8Array(0),
    clusters: createScreenClusters(),
    clusteredVersion: -1,
    shownMarkerCount: 0,
  };
}

/** The `points` layer-kind plugin (see module notes). */
export const POINTS_LAYER_KIND: LayerKindPlugin<PointsHandle> = {
  kind: 'points',
  bind(ctx) {
    const { Cesium, scene } = ctx;
    const handles = new Set<PointsHandle>();
    const white = Cesium.Color.WHITE;
    const black = Cesium.Color.BLACK;
    const hoverColour = Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.hover);
    const selectedColour = Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.selected);
    const scratch: ClusterScratch = { window: new Cesium.Cartesian2(), centre: new Cesium.Cartesian3(), sum: new Float64Array(0) };
    const lastView = new Cesium.Matrix4();
    let lastWidthPx = 0;
    let lastHeightPx = 0;
    let viewVersion = 0;
    let stopListening: (() => void) | null = null;

    const styleMarker = (handle: PointsHandle, index: number): void => {
      const point = handle.points[index];
      const featureId = handle.markerIds[index].featureId;
      const isSelected = featureId !== null && featureId === handle.selectedId;
      const isHovered = featureId !== null && featureId === handle.hoveredId;
      point.pixelSize = isSelected || isHovered ? POINT_MARKER_PX.highlightedSize : POINT_MARKER_PX.size;
      point.outlineWidth = isSelected || isHovered ? POINT_MARKER_PX.highlightedOutline : POINT_MARKER_PX.outline;
      point.outlineColor = isSelected ? selectedColour : isHovered ? hoverColour : white;
    };

    const labelOf = (handle: PointsHandle, index: number): Label | null => {
      const text = handle.markerIds[index].label;
      if (text === null || !handle.labels) return null;
      handle.markerLabels[index] ??= handle.labels.add({
        position: handle.positionsEcef[index],
        text,
        font: POINT_LABEL_STYLE.font,
        fillColor: white,
        outlineColor: black,
        outlineWidth: POINT_LABEL_STYLE.outlinePx,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        showBackground: true,
        backgroundColor: Cesium.Color.fromCssColorString(POINT_LABEL_STYLE.background),
        backgroundPadding: new Cesium.Cartesian2(POINT_LABEL_STYLE.paddingPx.x, POINT_LABEL_STYLE.paddingPx.y),
        verticalOrigin: Cesium.VerticalOrigin.BOTTOM,
        horizontalOrigin: Cesium.HorizontalOrigin.CENTER,
        pixelOffset: new Cesium.Cartesian2(0, -POINT_LABEL_STYLE.gapPx),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        id: handle.markerIds[index],
      });
      return handle.markerLabels[index];
    };

    /** Hides the labels of markers shown alone that would overlap another label (the selected marker's first). */
    const declutterMarkerLabels = (handle: PointsHandle): void => {
      const indices: number[] = [];
      for (let i = 0; i < handle.points.length; i++) if (handle.points[i].show && handle.markerLabels[i]) indices.push(i);
      const isSelected = (i: number) => handle.markerIds[i].featureId !== null && handle.markerIds[i].featureId === handle.selectedId;
      indices.sort((a, b) => Number(isSelected(b)) - Number(isSelected(a)));
      const { fontPx, gapPx, paddingPx } = POINT_LABEL_STYLE;
      const boxes: LabelBox[] = indices.map((i) => ({
        xPx: handle.xs[i],
        yPx: handle.ys[i] - gapPx - fontPx / 2 - paddingPx.y,
        widthPx: estimateTextWidthPx(handle.markerIds[i].label ?? '', fontPx) + 2 * paddingPx.x,
        heightPx: fontPx + 2 * paddingPx.y + 2,
      }));
      const flags = declutterLabels(boxes);
      indices.forEach((i, k) => {
        handle.markerLabels[i]!.show = flags[k];
      });
    };

    /** Recomputes which markers are hidden, alone or clustered for the current view (hot path). */
    const recluster = (handle: PointsHandle): void => {
      const n = handle.points.length;
      const cameraEcef = scene.camera.positionWC;
      const widthPx = scene.canvas.clientWidth;
      const heightPx = scene.canvas.clientHeight;
      const marginPx = Math.max(handle.clusterPixelRange, POINT_MARKER_PX.highlightedSize);
      for (let i = 0; i < n; i++) {
        handle.states[i] = MARKER_HIDDEN;
        if (!isAboveHorizon(cameraEcef, handle.horizonEcef[i])) continue;
        const window = Cesium.SceneTransforms.worldToWindowCoordinates(scene, handle.positionsEcef[i], scratch.window);
        if (!window || window.x < -marginPx || window.y < -marginPx || window.x > widthPx + marginPx || window.y > heightPx + marginPx) continue;
        handle.xs[i] = window.x;
        handle.ys[i] = window.y;
        const featureId = handle.markerIds[i].featureId;
        handle.states[i] = featureId !== null && featureId === handle.selectedId ? MARKER_ALONE : MARKER_CLUSTERABLE;
      }
      const clusters = clusterScreenPoints(handle.xs, handle.ys, handle.states, n, handle.clusterPixelRange, handle.clusters);
      if (scratch.sum.length < clusters.clusterCount * 3) scratch.sum = new Float64Array(clusters.clusterCount * 3 * 2);
      const sum = scratch.sum;
      sum.fill(0, 0, clusters.clusterCount * 3);
      let shown = 0;
      for (let i = 0; i < n; i++) {
        const cluster = clusters.clusterOf[i];
        const isAlone = cluster === UNCLUSTERED;
        handle.points[i].show = isAlone;
        if (isAlone) shown++;
        const label = isAlone ? labelOf(handle, i) : handle.markerLabels[i];
        if (label) label.show = isAlone;
        if (cluster >= 0) {
          const p = handle.positionsEcef[i];
          sum[cluster * 3] += p.x;
          sum[cluster * 3 + 1] += p.y;
          sum[cluster * 3 + 2] += p.z;
        }
      }
      handle.shownMarkerCount = shown;
      declutterMarkerLabels(handle);
      for (let c = 0; c < clusters.clusterCount; c++) {
        const size = clusters.clusterSizes[c];
        const centre = Cesium.Cartesian3.fromElements(sum[c * 3] / size, sum[c * 3 + 1] / size, sum[c * 3 + 2] / size, scratch.centre);
        handle.clusterMarkers!.show(c, centre, size); // copies the position
      }
      handle.clusterMarkers!.hideFrom(clusters.clusterCount);
      handle.clusteredVersion = viewVersion;
    };

    const onPreRender = (target: Scene): void => {
      const { clientWidth, clientHeight } = target.canvas;
      if (!Cesium.Matrix4.equals(target.camera.viewMatrix, lastView) || clientWidth !== lastWidthPx || clientHeight !== lastHeightPx) {
        Cesium.Matrix4.clone(target.camera.viewMatrix, lastView);
        lastWidthPx = clientWidth;
        lastHeightPx = clientHeight;
        viewVersion++;
      }
      for (const handle of handles) {
        if (handle.group && handle.layer.isVisible && handle.clusteredVersion !== viewVersion) recluster(handle);
      }
    };

    const clear = (handle: PointsHandle): void => {
      if (handle.group && !scene.isDestroyed()) scene.primitives.remove(handle.group); // destroys its collections
      Object.assign(handle, emptyDrawing());
    };

    /** Builds the layer's markers from `layer` (replacing earlier ones); clustering follows in the next frame. */
    const build = (handle: PointsHandle, layer: SceneLayer): void => {
      clear(handle);
      handle.layer = layer;
      const options = resolvePointsOptions(kindOptions(layer, 'points'));
      handle.clusterPixelRange = options.clusterPixelRange;
      handle.colour = cssColour(Cesium, layer.style?.stroke, DEFAULT_POINT_COLOUR);
      if (layer.data === null) return;
      const { markers, ...counts } = readPointFeatures(layer.data, options);
      handle.counts = counts;
      if (counts.featureCount > 0 && markers.length === 0) {
        ctx.reportLoad(layer.id, layerFailureMessage(layer, `none of ${counts.featureCount} features is a valid Point or MultiPoint`));
        return;
      }
      const group = new Cesium.PrimitiveCollection({ show: layer.isVisible });
      const pointCollection = group.add(new Cesium.PointPrimitiveCollection()) as PointPrimitiveCollection;
      handle.group = group;
      handle.markers = pointCollection;
      handle.labels = group.add(new Cesium.LabelCollection({ scene })) as LabelCollection;
      handle.clusterMarkers = new ClusterMarkerPool(Cesium, group, scene, handle.colour);
      markers.forEach((marker, index) => {
        const id: PointMarkerId = { featureId: marker.featureId, name: marker.name, label: marker.label };
        const positionEcef = Cesium.Cartesian3.fromDegrees(marker.lonDeg, marker.latDeg, marker.heightEllipsoidalM);
        handle.markerIds.push(id);
        handle.ownIds.add(id);
        handle.positionsEcef.push(positionEcef);
        handle.horizonEcef.push(marker.heightEllipsoidalM < 0 ? Cesium.Cartesian3.fromDegrees(marker.lonDeg, marker.latDeg, 0) : positionEcef);
        handle.markerLabels.push(null);
        handle.points.push(
          pointCollection.add({ position: positionEcef, color: marker.colour === null ? handle.colour : cssColour(Cesium, marker.colour, DEFAULT_POINT_COLOUR), show: false, disableDepthTestDistance: Number.POSITIVE_INFINITY, id }),
        );
        if (marker.featureId !== null) {
          const indices = handle.markersByFeature.get(marker.featureId);
          if (indices) indices.push(index);
          else handle.markersByFeature.set(marker.featureId, [index]);
        }
        styleMarker(handle, index);
      });
      handle.xs = new Float64Array(markers.length);
      handle.ys = new Float64Array(markers.length);
      handle.states = new Uint8Array(markers.length);
      scene.primitives.add(group);
      ctx.reportLoad(layer.id, null);
      ctx.requestRender();
    };

    const restyleFeature = (handle: PointsHandle, featureId: string | null): void => {
      if (featureId === null) return;
      for (const index of handle.markersByFeature.get(featureId) ?? []) styleMarker(handle, index);
    };

    const ownId = (handle: PointsHandle, picked: unknown): PointMarkerId | null => {
      const id = pickedObject(picked)?.id;
      return handle.ownIds.has(id as PointMarkerId) ? (id as PointMarkerId) : null;
    };

    return {
      attach(layer) {
        stopListening ??= scene.preRender.addEventListener(onPreRender);
        const handle: PointsHandle = {
          layerId: layer.id,
          layer,
          clusterPixelRange: 0,
          colour: white,
          hoveredId: null,
          selectedId: null,
          ...emptyDrawing(),
        };
        handles.add(handle);
        build(handle, layer);
        return handle;
      },

      update(handle, layer, previous) {
        if (changesDrawing(layer, previous)) build(handle, layer);
        handle.layer = layer;
        if (handle.group) handle.group.show = layer.isVisible;
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

      pick(handle, picked) {
        return ownId(handle, picked)?.featureId ?? null;
      },

      label(handle, picked) {
        const id = ownId(handle, picked);
        return id ? { kind: null, name: id.name ?? id.featureId } : null;
      },

      highlight(handle, featureId, mode: HighlightMode) {
        const previous = mode === 'hover' ? handle.hoveredId : handle.selectedId;
        if (previous === featureId) return;
        if (mode === 'hover') handle.hoveredId = featureId;
        else {
          handle.selectedId = featureId;
          handle.clusteredVersion = -1; // the selected feature leaves (or rejoins) its cluster
        }
        restyleFeature(handle, previous);
        restyleFeature(handle, featureId);
        ctx.requestRender();
      },

      isSettled(handle) {
        return !handle.layer.isVisible || handle.layer.data !== null;
      },

      boundingSphere(handle) {
        return handle.positionsEcef.length > 0 ? Cesium.BoundingSphere.fromPoints(handle.positionsEcef) : null;
      },

      status(handle) {
        return {
          ...handle.counts,
          markerCount: handle.points.length,
          shownMarkerCount: handle.shownMarkerCount,
          clusterCount: handle.clusters.clusterCount,
        };
      },
    };
  },
};

