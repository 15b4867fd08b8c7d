/**
 * Samples what the map furniture needs from a CesiumJS widget: after each rendered frame the heading, pitch, ground
 * metres per pixel at the scale bar's place and the view's centre on the ground ({@link MapView}); on mouse moves
 * over the canvas, the lon/lat under the cursor. Reads the camera only: it draws nothing and never requests a render.
 *
 * Notes: positions come from `Camera.pickEllipsoid` (a ray–ellipsoid intersection, no render pass), exact on the
 * twin's ellipsoid terrain; with real terrain it is the ellipsoid below it (≤ the terrain's height off).
 * The scale is the ground distance between two pixels one apart at the bar's place: `null` when either ray misses the
 * Earth (sky) or the ground there is at a grazing angle (more than {@link MAX_METRES_PER_PIXEL}).
 */
import type { Cartesian3, CesiumWidget } from '@cesium/engine';
import type { MapView, PointerLonLat } from '@viewer/core/map-view';
import type { CesiumModule } from './load-cesium';

/** Where the scale is measured: this far above the canvas's bottom edge (the bar's place), CSS px. */
export const SCALE_SAMPLE_FROM_BOTTOM_PX = 40;
/** Beyond this many metres per pixel the view is at the horizon and the bar is hidden. */
export const MAX_METRES_PER_PIXEL = 50_000;
/** Least time between two pointer read-outs, ms. */
export const POINTER_INTERVAL_MS = 50;

/** Callbacks of {@link watchMapView}. */
export interface MapViewListeners {
  onView?: (view: MapView) => void;
  onPointer?: (pointer: PointerLonLat) => void;
}

/**
 * Starts sampling `widget`'s camera and the mouse over its canvas.
 * @returns a function that stops it (call before the widget is destroyed)
 */
export function watchMapView(Cesium: CesiumModule, widget: CesiumWidget, listeners: MapViewListeners): () => void {
  const { scene } = widget;
  const canvas = scene.canvas;
  const ellipsoid = scene.globe.ellipsoid;
  const scratchA = new Cesium.Cartesian2();
  const scratchB = new Cesium.Cartesian2();
  const hitA = new Cesium.Cartesian3();
  const hitB = new Cesium.Cartesian3();
  let last: MapView | null = null;

  const groundAt = (x: number, y: number, window: import('@cesium/engine').Cartesian2, out: Cartesian3): Cartesian3 | undefined => {
    window.x = x;
    window.y = y;
    return scene.camera.pickEllipsoid(window, ellipsoid, out);
  };
  const lonLatOf = (point: Cartesian3): { lonDeg: number; latDeg: number } => {
    const cartographic = ellipsoid.cartesianToCartographic(point);
    return { lonDeg: Cesium.Math.toDegrees(cartographic.longitude), latDeg: Cesium.Math.toDegrees(cartographic.latitude) };
  };

  const sample = () => {
    if (widget.isDestroyed() || !listeners.onView) return;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width <= 1 || height <= 1) return;
    const camera = scene.camera;
    const y = Math.max(0, height - SCALE_SAMPLE_FROM_BOTTOM_PX);
    const a = groundAt(width / 2, y, scratchA, hitA);
    const b = a ? groundAt(width / 2 + 1, y, scratchB, hitB) : undefined;
    const distanceM = a && b ? Cesium.Cartesian3.distance(a, b) : null;
    const metresPerPixel = distanceM !== null && distanceM > 0 && distanceM <= MAX_METRES_PER_PIXEL ? distanceM : null;
    const centreHit = groundAt(width / 2, height / 2, scratchA, hitA);
    const view: MapView = {
      headingDeg: Cesium.Math.toDegrees(camera.heading),
      pitchDeg: Cesium.Math.toDegrees(camera.pitch),
      metresPerPixel,
      centre: centreHit ? lonLatOf(centreHit) : null,
      rangeM: centreHit ? Cesium.Cartesian3.distance(camera.positionWC, centreHit) : null,
    };
    const isSame =
      last !== null &&
      Math.abs(last.headingDeg - view.headingDeg) < 0.1 &&
      Math.abs(last.pitchDeg - view.pitchDeg) < 0.1 &&
      (last.metresPerPixel === null) === (view.metresPerPixel === null) &&
      (view.metresPerPixel === null || Math.abs(last.metresPerPixel! / view.metresPerPixel - 1) < 0.002) &&
      (last.rangeM === null) === (view.rangeM === null) &&
      (view.rangeM === null || Math.abs(last.rangeM! / view.rangeM - 1) < 0.002);
    if (isSame) return;
    last = view;
    listeners.onView(view);
  };
  const removePostRender = scene.postRender.addEventListener(sample);

  let pending: { x: number; y: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pointerScratch = new Cesium.Cartesian2();
  const pointerHit = new Cesium.Cartesian3();
  const flushPointer = () => {
    timer = null;
    if (!pending || widget.isDestroyed()) return;
    const hit = groundAt(pending.x, pending.y, pointerScratch, pointerHit);
    pending = null;
    if (!hit) {
      listeners.onPointer?.(null);
      return;
    }
    const { lonDeg, latDeg } = lonLatOf(hit);
    listeners.onPointer?.([lonDeg, latDeg]);
  };
  const onPointerMove = (event: PointerEvent) => {
    // Touch has no hover: a finger's position is not a cursor to read out.
    if (event.pointerType !== 'mouse') return;
    const rect = canvas.getBoundingClientRect();
    pending = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    timer ??= setTimeout(flushPointer, POINTER_INTERVAL_MS);
  };
  const onPointerLeave = () => {
    pending = null;
    listeners.onPointer?.(null);
  };
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);
  // The first frame may have been rendered before we listened.
  sample();

  return () => {
    removePostRender();
    if (timer !== null) clearTimeout(timer);
    canvas.removeEventListener('pointermove', onPointerMove);
    canvas.removeEventListener('pointerleave', onPointerLeave);
  };
}
