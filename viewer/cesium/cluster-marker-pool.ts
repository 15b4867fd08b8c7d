/**
 * Cluster markers of a point layer: a filled circle sized by the number of markers it stands for, with that number
 * on it. Pooled: re-clustering after each camera change reuses the circles and labels of the previous pass and only
 * hides the ones left over, so moving the camera creates no garbage once the pool is big enough.
 *
 * Notes: circles and counts skip the depth test (they must not be buried by terrain or buildings), which puts both
 * at the same depth; drawn in the same (opaque) pass the circle won and the counts were invisible (seen on
 * SwiftShader). The circles are therefore drawn in the translucent pass, which neither writes depth nor covers the
 * counts' opaque glyph pixels.
 */
import type { Cartesian3, Color, LabelCollection, PointPrimitiveCollection, PrimitiveCollection, Scene } from '@cesium/engine';
import { clusterMarkerSizePx } from '@viewer/core/screen-clusters';
import type { CesiumModule } from './load-cesium';

/** CSS font of the counts. */
export const CLUSTER_COUNT_FONT = 'bold 12px sans-serif';

/** Outline of circles and counts, CSS px. */
export const CLUSTER_OUTLINE_PX = 2;

/** The cluster circles and counts of one layer. */
export class ClusterMarkerPool {
  private readonly circles: PointPrimitiveCollection;
  private readonly counts: LabelCollection;

  /**
   * Adds the (empty) circle and count collections to `group`.
   *
   * @param colour - circle fill (the layer's marker colour)
   */
  constructor(
    private readonly Cesium: CesiumModule,
    group: PrimitiveCollection,
    scene: Scene,
    private readonly colour: Color,
  ) {
    this.circles = group.add(new Cesium.PointPrimitiveCollection({ blendOption: Cesium.BlendOption.TRANSLUCENT })) as PointPrimitiveCollection;
    this.counts = group.add(new Cesium.LabelCollection({ scene })) as LabelCollection;
  }

  /** Number of circles created so far (shown or not). */
  get size(): number {
    return this.circles.length;
  }

  /**
   * Shows cluster `index` (the pool grows to hold it).
   *
   * @param positionEcef - circle centre, ECEF metres (copied)
   * @param markerCount - markers in the cluster, ≥ 2 (decides the circle's size and the text)
   */
  show(index: number, positionEcef: Cartesian3, markerCount: number): void {
    const { Cesium } = this;
    while (this.circles.length <= index) {
      this.circles.add({
        position: positionEcef,
        color: this.colour,
        outlineColor: Cesium.Color.WHITE,
        outlineWidth: CLUSTER_OUTLINE_PX,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
      this.counts.add({
        position: positionEcef,
        font: CLUSTER_COUNT_FONT,
        fillColor: Cesium.Color.WHITE,
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: CLUSTER_OUTLINE_PX,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        verticalOrigin: Cesium.VerticalOrigin.CENTER,
        horizontalOrigin: Cesium.HorizontalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    const circle = this.circles.get(index);
    circle.show = true;
    circle.position = positionEcef;
    circle.pixelSize = clusterMarkerSizePx(markerCount);
    const count = this.counts.get(index);
    count.show = true;
    count.position = positionEcef;
    count.text = String(markerCount);
  }

  /** Hides every cluster from `index` on (call with the number of clusters just shown). */
  hideFrom(index: number): void {
    for (let i = index; i < this.circles.length; i++) {
      this.circles.get(i).show = false;
      this.counts.get(i).show = false;
    }
  }

  /** Circle `index` and its count, shown or not (for tests and diagnostics). */
  get(index: number): { circle: ReturnType<PointPrimitiveCollection['get']>; count: ReturnType<LabelCollection['get']> } {
    return { circle: this.circles.get(index), count: this.counts.get(index) };
  }
}
