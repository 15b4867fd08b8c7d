/**
 * Drawing and editing one polygon on a CesiumJS globe (a parcel boundary, a site boundary…), with faint context
 * polygons around it. Generic: it knows corners, edges and colours, not parcels.
 *
 * Interaction (mouse and touch alike, through CesiumJS's `ScreenSpaceEventHandler`, which turns a tap into
 * LEFT_CLICK and a touch drag into LEFT_DOWN / MOUSE_MOVE / LEFT_UP):
 * - while drawing, a click (tap) on the globe adds a corner at the end of the ring; a click on the first corner (with
 *   ≥ 3 corners) closes the ring;
 * - a click on a corner selects it (`onSelectCorner`), to be removed by the page's button;
 * - dragging a corner moves it; the camera's own inputs are off during the drag and on again after it.
 * Corners are `[lonDeg, latDeg]` WGS84 on the ellipsoid (the twin has no terrain); edges are numbered 1…n in ring order
 * at their midpoints and the area (m², local plane, ../core/polygon-ring.ts) is shown at the centroid.
 *
 * Notes: everything is drawn with primitive collections rebuilt on each change (≤ 500 corners: < 1 ms), lifted
 * {@link LIFT_M} above the ellipsoid and drawn without depth test for points and labels, so they stay visible when
 * the twin turns the globe's depth test on near the ground. The fill is a translucent `PolygonGeometry` primitive.
 * @see https://cesium.com/learn/cesiumjs/ref-doc/ScreenSpaceEventHandler.html
 */
import type { Cartesian2, LabelCollection, PointPrimitiveCollection, PolylineCollection, Primitive, Scene, ScreenSpaceEventHandler } from '@cesium/engine';
import { ringAreaM2, ringEdges, type LonLat } from '@viewer/core/polygon-ring';
import type { CesiumModule } from './load-cesium';
import { pickedObject } from './picked-object';

/** Height of the drawn lines above the ellipsoid, metres (above the globe surface's depth at city zoom). */
export const LIFT_M = 1;

/** A context polygon drawn faintly (open ring of `[lonDeg, latDeg]`). */
export interface ContextPolygon {
  id: string;
  corners: readonly LonLat[];
  label: string;
}

/** Colours (CSS) and text of the editor. */
export interface PolygonEditorOptions {
  colour: string;
  contextColour: string;
  /** The area label, e.g. `(m2) => '8 665 m²'`. */
  formatArea: (areaM2: number) => string;
  /** After every change of the corners by the user (drag end, added corner, closed ring). */
  onChange: (corners: [number, number][], isClosed: boolean) => void;
  onSelectCorner: (index: number | null) => void;
}

/** What the picked corner point's `id` carries. */
interface CornerId {
  polygonEditorCorner: number;
}

/** See module doc. Create after the scene exists; call {@link destroy} before the scene is destroyed. */
export class PolygonEditor {
  private corners: [number, number][] = [];
  private isClosed = false;
  private isDrawing = false;
  private selected: number | null = null;
  private dragIndex: number | null = null;
  private hasDragged = false;
  private readonly lines: PolylineCollection;
  private readonly contextLines: PolylineCollection;
  private readonly points: PointPrimitiveCollection;
  private readonly labels: LabelCollection;
  private fill: Primitive | null = null;
  private readonly handler: ScreenSpaceEventHandler;

  constructor(
    private readonly Cesium: CesiumModule,
    private readonly scene: Scene,
    private readonly options: PolygonEditorOptions,
  ) {
    this.contextLines = scene.primitives.add(new Cesium.PolylineCollection()) as PolylineCollection;
    this.lines = scene.primitives.add(new Cesium.PolylineCollection()) as PolylineCollection;
    this.points = scene.primitives.add(new Cesium.PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.labels = scene.primitives.add(new Cesium.LabelCollection()) as LabelCollection;
    this.handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
    const { LEFT_DOWN, LEFT_UP, MOUSE_MOVE, LEFT_CLICK } = Cesium.ScreenSpaceEventType;
    this.handler.setInputAction((event: { position: Cartesian2 }) => this.onDown(event.position), LEFT_DOWN);
    this.handler.setInputAction((event: { endPosition: Cartesian2 }) => this.onMove(event.endPosition), MOUSE_MOVE);
    this.handler.setInputAction(() => this.onUp(), LEFT_UP);
    this.handler.setInputAction((event: { position: Cartesian2 }) => this.onClick(event.position), LEFT_CLICK);
  }

  /** Replaces the edited polygon (open ring) without calling `onChange`. */
  setPolygon(corners: readonly LonLat[], isClosed: boolean): void {
    this.corners = corners.map(([lon, lat]) => [lon, lat]);
    this.isClosed = isClosed && corners.length >= 3;
    this.redraw();
  }

  /** Turns adding corners by click on or off. */
  setDrawing(isDrawing: boolean): void {
    this.isDrawing = isDrawing;
    this.scene.canvas.style.cursor = isDrawing ? 'crosshair' : '';
  }

  /** Marks corner `index` as selected (`null`: none). */
  setSelectedCorner(index: number | null): void {
    this.selected = index;
    this.redraw();
  }

  /** Replaces the faint context polygons. */
  setContext(polygons: readonly ContextPolygon[]): void {
    const { Cesium } = this;
    this.contextLines.removeAll();
    const colour = Cesium.Color.fromCssColorString(this.options.contextColour);
    for (const polygon of polygons) {
      if (polygon.corners.length < 3) continue;
      const ring = [...polygon.corners, polygon.corners[0]];
      this.contextLines.add({ positions: ring.map(([lon, lat]) => Cesium.Cartesian3.fromDegrees(lon, lat, LIFT_M)), width: 1.5, material: Cesium.Material.fromType('Color', { color: colour }) });
    }
    this.scene.requestRender();
  }

  /** Flies the camera over the polygon (top-down, ≈ 2× its extent), or over `fallback` corners when it has none. */
  flyTo(fallback: readonly LonLat[] = [], durationS = 0.8): void {
    const corners = this.corners.length > 0 ? this.corners : fallback;
    if (corners.length === 0) return;
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // Half the extent again on each side (the polygon fills ≈ half the view), at least ≈ 50 m for a single corner.
    const padLon = Math.max((east - west) * 0.5, 0.0005);
    const padLat = Math.max((north - south) * 0.5, 0.0005);
    const destination = this.Cesium.Rectangle.fromDegrees(west - padLon, south - padLat, east + padLon, north + padLat);
    this.scene.camera.flyTo({ destination, duration: durationS });
  }

  /** Removes everything this editor added and its input handler. */
  destroy(): void {
    this.handler.destroy();
    this.scene.screenSpaceCameraController.enableInputs = true;
    if (this.scene.isDestroyed()) return;
    for (const primitive of [this.lines, this.contextLines, this.points, this.labels, this.fill]) if (primitive) this.scene.primitives.remove(primitive);
  }

  private cornerAt(position: Cartesian2): number | null {
    const picked = pickedObject(this.scene.pick(position));
    const id = picked?.id as CornerId | undefined;
    return picked?.collection === this.points && typeof id?.polygonEditorCorner === 'number' ? id.polygonEditorCorner : null;
  }

  private lonLatAt(position: Cartesian2): [number, number] | null {
    const { Cesium } = this;
    const cartesian = this.scene.camera.pickEllipsoid(position, this.scene.globe.ellipsoid);
    if (!cartesian) return null;
    const cartographic = Cesium.Cartographic.fromCartesian(cartesian);
    return [Cesium.Math.toDegrees(cartographic.longitude), Cesium.Math.toDegrees(cartographic.latitude)];
  }

  private onDown(position: Cartesian2): void {
    const index = this.cornerAt(position);
    this.hasDragged = false;
    if (index === null) return;
    this.dragIndex = index;
    this.scene.screenSpaceCameraController.enableInputs = false;
  }

  private onMove(position: Cartesian2): void {
    if (this.dragIndex === null) return;
    const lonLat = this.lonLatAt(position);
    if (!lonLat) return;
    this.corners[this.dragIndex] = lonLat;
    this.hasDragged = true;
    this.redraw();
  }

  private onUp(): void {
    if (this.dragIndex === null) return;
    const index = this.dragIndex;
    this.dragIndex = null;
    this.scene.screenSpaceCameraController.enableInputs = true;
    if (this.hasDragged) {
      this.selected = index;
      this.options.onSelectCorner(index);
      this.options.onChange(this.corners.map(([lon, lat]) => [lon, lat]), this.isClosed);
    }
  }

  private onClick(position: Cartesian2): void {
    if (this.hasDragged) {
      this.hasDragged = false;
      return;
    }
    const index = this.cornerAt(position);
    if (index !== null) {
      if (this.isDrawing && !this.isClosed && index === 0 && this.corners.length >= 3) {
        this.isClosed = true;
        this.options.onChange(this.corners.map(([lon, lat]) => [lon, lat]), true);
      }
      this.selected = index;
      this.options.onSelectCorner(index);
      this.redraw();
      return;
    }
    if (!this.isDrawing || this.isClosed) return;
    const lonLat = this.lonLatAt(position);
    if (!lonLat) return;
    this.corners.push(lonLat);
    this.options.onChange(this.corners.map(([lon, lat]) => [lon, lat]), false);
    this.redraw();
  }

  private redraw(): void {
    const { Cesium, scene } = this;
    if (scene.isDestroyed()) return;
    const colour = Cesium.Color.fromCssColorString(this.options.colour);
    const positions = this.corners.map(([lon, lat]) => Cesium.Cartesian3.fromDegrees(lon, lat, LIFT_M));
    this.lines.removeAll();
    this.points.removeAll();
    this.labels.removeAll();
    if (this.fill) scene.primitives.remove(this.fill);
    this.fill = null;
    if (positions.length >= 2) {
      this.lines.add({ positions: this.isClosed ? [...positions, positions[0]] : positions, width: 3, material: Cesium.Material.fromType('Color', { color: colour }) });
    }
    positions.forEach((position, index) => {
      const isSelected = index === this.selected;
      this.points.add({
        position,
        pixelSize: isSelected ? 16 : 12,
        color: isSelected ? Cesium.Color.WHITE : colour,
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: 2,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        id: { polygonEditorCorner: index } satisfies CornerId,
      });
    });
    const edges = this.isClosed ? ringEdges(this.corners) : ringEdges(this.corners).slice(0, Math.max(0, this.corners.length - 1));
    const labelStyle = { font: '600 14px sans-serif', horizontalOrigin: Cesium.HorizontalOrigin.CENTER, verticalOrigin: Cesium.VerticalOrigin.CENTER, style: Cesium.LabelStyle.FILL_AND_OUTLINE, outlineWidth: 3, outlineColor: Cesium.Color.BLACK, disableDepthTestDistance: Number.POSITIVE_INFINITY };
    for (const edge of edges) {
      this.labels.add({ ...labelStyle, position: Cesium.Cartesian3.fromDegrees(edge.midpoint[0], edge.midpoint[1], LIFT_M), text: String(edge.number), fillColor: Cesium.Color.YELLOW, showBackground: true, backgroundColor: Cesium.Color.fromCssColorString('#0b1a2ccc') });
    }
    if (this.isClosed && this.corners.length >= 3) {
      const lon = this.corners.reduce((sum, c) => sum + c[0], 0) / this.corners.length;
      const lat = this.corners.reduce((sum, c) => sum + c[1], 0) / this.corners.length;
      this.labels.add({ ...labelStyle, position: Cesium.Cartesian3.fromDegrees(lon, lat, LIFT_M), text: this.options.formatArea(ringAreaM2(this.corners)), fillColor: Cesium.Color.WHITE });
      this.fill = scene.primitives.add(
        new Cesium.Primitive({
          geometryInstances: new Cesium.GeometryInstance({
            geometry: new Cesium.PolygonGeometry({ polygonHierarchy: new Cesium.PolygonHierarchy(positions), height: LIFT_M - 0.5 }),
            attributes: { color: Cesium.ColorGeometryInstanceAttribute.fromColor(colour.withAlpha(0.25)) },
          }),
          appearance: new Cesium.PerInstanceColorAppearance({ translucent: true, flat: true }),
          asynchronous: false,
        }),
      ) as Primitive;
    }
    scene.requestRender();
  }
}
