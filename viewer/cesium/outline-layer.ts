/**
 * A GeoJSON layer drawn as outlines: every polygon ring and line string becomes one polyline of a
 * `PolylineCollection` (a single primitive per layer, cheap to show/hide).
 *
 * Notes: `GeoJsonDataSource` was the alternative; it builds an entity per feature and fills polygons, which for
 * the 100 county boundaries cost seconds on SwiftShader. Polylines lie on the ellipsoid (height 0 m); with the
 * ellipsoid terrain and `depthTestAgainstTerrain` off they stay visible over the globe.
 */
import type { PolylineCollection, Scene } from 'cesium';
import { featureCollectionToPolylines, type FeatureCollection } from '@viewer/core/geojson-lines';
import type { CesiumModule } from './load-cesium';

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
      this.collection.add({
        positions: Cesium.Cartesian3.fromDegreesArray(line),
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
