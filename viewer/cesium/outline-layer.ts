/**
 * A GeoJSON layer drawn as outlines: every polygon ring and line string becomes one polyline of a
 * `PolylineCollection` (a single primitive per layer, cheap to show/hide).
 *
 * Notes: `GeoJsonDataSource` was the alternative; it builds an entity per feature and fills polygons, which for
 * the 100 county boundaries cost seconds on SwiftShader. Polylines lie {@link OUTLINE_HEIGHT_M} above the
 * ellipsoid: the scene turns `depthTestAgainstTerrain` on only near the ground (see twin-scene.ts), where 1 m
 * is enough to win the depth test against the ellipsoid globe, and off high up, where lines draw over the globe.
 */
import type { PolylineCollection, Scene } from 'cesium';
import { featureCollectionToPolylines, type FeatureCollection } from '@viewer/core/geojson-lines';
import type { CesiumModule } from './load-cesium';

/** Height of outline polylines above the WGS84 ellipsoid, metres. */
export const OUTLINE_HEIGHT_M = 1;

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

  /** Builds the polylines of `data` and adds them to `scene` (shown at once when `isVisible`). */
  constructor(
    Cesium: CesiumModule,
    private readonly scene: Scene,
    data: FeatureCollection,
    style: OutlineStyle,
    isVisible: boolean,
  ) {
    this.collection = new Cesium.PolylineCollection();
    const material = Cesium.Material.fromType('Color', { color: Cesium.Color.fromCssColorString(style.stroke) });
    for (const line of featureCollectionToPolylines(data)) {
      const lonLatHeights: number[] = [];
      for (let i = 0; i < line.length; i += 2) lonLatHeights.push(line[i], line[i + 1], OUTLINE_HEIGHT_M);
      this.collection.add({
        positions: Cesium.Cartesian3.fromDegreesArrayHeights(lonLatHeights),
        width: style.widthPx,
        material,
      });
    }
    this.collection.show = isVisible;
    scene.primitives.add(this.collection);
  }

  /** Number of polylines drawn. */
  get polylineCount(): number {
    return this.collection.length;
  }

  /** Shows or hides the layer. */
  setVisible(isVisible: boolean): void {
    this.collection.show = isVisible;
  }

  /** Removes the layer from the scene and frees its GPU resources. */
  destroy(): void {
    // `remove` destroys the primitive because `primitives.destroyPrimitives` is true by default.
    this.scene.primitives.remove(this.collection);
  }
}
