/**
 * A GeoJSON layer drawn as outlines: every polygon ring and line string becomes one polyline of a
 * `PolylineCollection` (a single primitive per layer, cheap to show/hide).
 *
 * Notes: `GeoJsonDataSource` was the alternative; it builds an entity per feature and fills polygons, which for
 * the 100 county boundaries cost seconds on SwiftShader. Polylines lie {@link OUTLINE_HEIGHT_M} above the
 * ellipsoid: the scene turns `depthTestAgainstTerrain` on only near the ground (see twin-scene.ts), where 1 m
 * is enough to win the depth test against the ellipsoid globe, and off high up, where lines draw over the globe.
 */
import type { PolylineCollection, Scene } from '@cesium/engine';
import { featureCollectionToPolylines, type FeatureCollection } from '@viewer/core/geojson-lines';
import { geojsonFeatureId } from '@viewer/core/geojson-feature-id';
import type { CesiumModule } from '../load-cesium';
import { pickedObject } from '../picked-object';

/** Height of outline polylines above the WGS84 ellipsoid, metres. */
export const OUTLINE_HEIGHT_M = 1;

/** Thin outlines (width < {@link THIN_OUTLINE_MAX_WIDTH_PX}) are drawn with this opacity, [0, 1]. */
export const THIN_OUTLINE_ALPHA = 0.55;

/**
 * Widest outline counted as thin, CSS px. Thin lines are translucent so that thicker, higher-level boundaries
 * stay visible where they run together: county and city boundaries come from different sources and zigzag
 * across each other, and with equal depth the later-drawn layer covered the other.
 */
export const THIN_OUTLINE_MAX_WIDTH_PX = 1.5;

/** How an outline layer is drawn. */
export interface OutlineStyle {
  /** Line colour, any CSS colour. */
  stroke: string;
  /** Line width, CSS pixels. */
  widthPx: number;
}

/** One GeoJSON layer as a polyline primitive in a scene. */
export class OutlineLayer {
  private readonly collection: PolylineCollection;
  /** Line width, CSS px (thicker layers are drawn last, see {@link raiseToTop}). */
  readonly widthPx: number;

  /** Builds the polylines of `data` and adds them to `scene` (shown at once when `isVisible`). */
  constructor(
    Cesium: CesiumModule,
    private readonly scene: Scene,
    data: FeatureCollection,
    style: OutlineStyle,
    isVisible: boolean,
  ) {
    this.widthPx = style.widthPx;
    this.collection = new Cesium.PolylineCollection();
    const colour = Cesium.Color.fromCssColorString(style.stroke);
    if (style.widthPx < THIN_OUTLINE_MAX_WIDTH_PX) colour.alpha = Math.min(colour.alpha, THIN_OUTLINE_ALPHA);
    for (const feature of data.features) {
      const featureId = geojsonFeatureId(feature);
      for (const line of featureCollectionToPolylines({ type: 'FeatureCollection', features: [feature] })) {
        const lonLatHeights: number[] = [];
        for (let i = 0; i < line.length; i += 2) lonLatHeights.push(line[i], line[i + 1], OUTLINE_HEIGHT_M);
        this.collection.add({
          positions: Cesium.Cartesian3.fromDegreesArrayHeights(lonLatHeights),
          width: style.widthPx,
          // One material per polyline: each polyline destroys its own material when the collection is destroyed,
          // so a shared instance made the second destroy throw ("This object was destroyed").
          material: Cesium.Material.fromType('Color', { color: colour }),
          // Picks of this line report the feature id (`null`: a feature without `id` is not pickable).
          id: featureId,
        });
      }
    }
    this.collection.show = isVisible;
    scene.primitives.add(this.collection);
  }

  /**
   * The feature id of a `scene.pick` result when it is one of this layer's lines, else `null`.
   * CesiumJS reports a picked polyline as `{ primitive, collection, id }`.
   */
  featureIdOf(picked: unknown): string | null {
    const part = pickedObject(picked);
    return part?.collection === this.collection && typeof part.id === 'string' ? part.id : null;
  }

  /** Number of polylines drawn. */
  get polylineCount(): number {
    return this.collection.length;
  }

  /** Shows or hides the layer. */
  setVisible(isVisible: boolean): void {
    this.collection.show = isVisible;
  }

  /**
   * Draws this layer after every other primitive: where two outlines coincide (a city boundary is also a county
   * boundary) the one drawn last shows, so callers raise layers in ascending width.
   */
  raiseToTop(): void {
    this.scene.primitives.raiseToTop(this.collection);
  }

  /** Removes the layer from the scene and frees its GPU resources. */
  destroy(): void {
    // `remove` destroys the primitive because `primitives.destroyPrimitives` is true by default.
    this.scene.primitives.remove(this.collection);
  }
}
