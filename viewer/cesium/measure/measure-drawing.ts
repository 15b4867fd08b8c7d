/**
 * Draws a {@link MeasureFigure} in a CesiumJS scene: vertices as points, lines as one polyline primitive, labels as a
 * label collection, all in one primitive collection of their own. Points and labels are drawn over everything
 * (`disableDepthTestDistance`); the parts of a line hidden behind a model or the ground are drawn dashed and
 * fainter (`depthFailAppearance`), so a height line running inside a façade stays readable.
 *
 * Notes: primitives, not entities: the twin uses a bare `CesiumWidget` scene and draws everything else as
 * primitives. The polyline primitive is rebuilt synchronously (`asynchronous: false`) on every change: a few
 * dozen vertices take well under a millisecond, and nothing flickers while a worker would build it.
 */
import type { Color, LabelCollection, PointPrimitiveCollection, Primitive, PrimitiveCollection, Scene } from '@cesium/engine';
import type { MeasureFigure } from '@viewer/core/measure-figure';
import { pickedObject } from '../picked-object';
import type { CesiumModule } from '../load-cesium';

/** Line, point outline and total-label colour (the panels' accent), CSS. */
export const MEASURE_COLOUR = '#19e3ff';
/** Hidden parts of lines: the accent, fainter, CSS. */
export const MEASURE_HIDDEN_COLOUR = 'rgba(25, 227, 255, 0.55)';
/** Label background (the panels' navy), CSS. */
export const MEASURE_LABEL_BACKGROUND = 'rgba(8, 16, 28, 0.86)';
/** Line width, CSS px. */
export const MEASURE_LINE_WIDTH_PX = 3;
/**
 * Everything is drawn this far above the measured points along the ellipsoid normal, metres: a line lying exactly on
 * the ground fights the globe's depth (it showed as dashes, half of it "hidden"); 5 cm is invisible at any zoom.
 * The figures are computed from the points themselves.
 */
export const DRAW_LIFT_M = 0.05;
/** Label font stack (system CJK first, as the UI). */
const LABEL_FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** The `id` of everything this drawing puts in the scene (how picks recognise it). */
const OWN_ID = Object.freeze({ gantwinMeasure: true });

/** One scene's measurement drawing (see module doc). */
export class MeasureDrawing {
  private readonly group: PrimitiveCollection;
  private readonly points: PointPrimitiveCollection;
  private readonly labels: LabelCollection;
  private lines: Primitive | null = null;
  private readonly colour: Color;
  private readonly hiddenColour: Color;
  private readonly background: Color;

  constructor(
    private readonly Cesium: CesiumModule,
    private readonly scene: Scene,
  ) {
    this.group = scene.primitives.add(new Cesium.PrimitiveCollection({ destroyPrimitives: true })) as PrimitiveCollection;
    this.points = this.group.add(new Cesium.PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.labels = this.group.add(new Cesium.LabelCollection()) as LabelCollection;
    this.colour = Cesium.Color.fromCssColorString(MEASURE_COLOUR);
    this.hiddenColour = Cesium.Color.fromCssColorString(MEASURE_HIDDEN_COLOUR);
    this.background = Cesium.Color.fromCssColorString(MEASURE_LABEL_BACKGROUND);
  }

  /** Whether a `scene.pick` result is part of this drawing. */
  isOwn(picked: unknown): boolean {
    return pickedObject(picked)?.id === OWN_ID;
  }

  /** Replaces what is drawn with `figure` (`null`: nothing) and asks for a frame. */
  show(figure: MeasureFigure | null): void {
    if (this.scene.isDestroyed()) return;
    const { Cesium } = this;
    this.points.removeAll();
    this.labels.removeAll();
    if (this.lines) {
      this.group.remove(this.lines);
      this.lines = null;
    }
    if (figure) {
      const ellipsoid = this.scene.globe.ellipsoid;
      const cartesian = (p: readonly number[]) => {
        const position = new Cesium.Cartesian3(p[0], p[1], p[2]);
        const up = ellipsoid.geodeticSurfaceNormal(position, new Cesium.Cartesian3());
        return up ? Cesium.Cartesian3.add(position, Cesium.Cartesian3.multiplyByScalar(up, DRAW_LIFT_M, up), position) : position;
      };
      for (const vertex of figure.verticesEcef) {
        this.points.add({
          id: OWN_ID,
          position: cartesian(vertex),
          pixelSize: 9,
          color: Cesium.Color.WHITE,
          outlineColor: this.colour,
          outlineWidth: 2,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      }
      for (const label of figure.labels) {
        this.labels.add({
          id: OWN_ID,
          position: cartesian(label.positionEcef),
          text: label.text,
          font: `${label.isTotal ? '600 14px' : '12px'} ${LABEL_FONT}`,
          fillColor: label.isTotal ? this.colour : Cesium.Color.WHITE,
          showBackground: true,
          backgroundColor: this.background,
          backgroundPadding: new Cesium.Cartesian2(6, 4),
          pixelOffset: new Cesium.Cartesian2(0, -10),
          horizontalOrigin: Cesium.HorizontalOrigin.CENTER,
          verticalOrigin: Cesium.VerticalOrigin.BOTTOM,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      }
      if (figure.linesEcef.length > 0) {
        const instances = figure.linesEcef.map(
          (line) =>
            new Cesium.GeometryInstance({
              geometry: new Cesium.PolylineGeometry({
                positions: line.map(cartesian),
                width: MEASURE_LINE_WIDTH_PX,
                vertexFormat: Cesium.PolylineMaterialAppearance.VERTEX_FORMAT,
                arcType: Cesium.ArcType.NONE,
              }),
            }),
        );
        this.lines = this.group.add(
          new Cesium.Primitive({
            geometryInstances: instances,
            appearance: new Cesium.PolylineMaterialAppearance({ material: Cesium.Material.fromType('Color', { color: this.colour }) }),
            depthFailAppearance: new Cesium.PolylineMaterialAppearance({
              material: Cesium.Material.fromType('PolylineDash', { color: this.hiddenColour, dashLength: 12 }),
            }),
            asynchronous: false,
            allowPicking: false,
          }),
        ) as Primitive;
      }
    }
    this.scene.requestRender();
  }

  /** Removes the drawing from the scene (safe after the scene was destroyed). */
  destroy(): void {
    if (this.scene.isDestroyed()) return;
    this.scene.primitives.remove(this.group);
    this.scene.requestRender();
  }
}
