/**
 * Where a click lands in 3D for measuring: on a model (or any drawn surface) from the depth buffer, else on the
 * globe, else on the ellipsoid.
 *
 * Notes:
 * - `scene.pick` first: only when something is drawn under the cursor is the depth buffer read
 *   (`scene.pickPosition`, which needs `scene.pickPositionSupported`, i.e. depth textures). Reading depth over
 *   the bare globe is less exact than a ray–globe intersection: the twin switches the globe's depth test off above
 *   30 km (twin-scene.ts DEPTH_TEST_MAX_HEIGHT_M), and the globe's depth is written at 24-bit precision.
 * - `pickPosition` reads the depth of the last rendered frame (the twin renders on demand, so it is the frame on
 *   screen); `pickTranslucentDepth` stays off, so translucent surfaces are picked through.
 * - The measuring tool's own points and labels are skipped (`isOwn`): when one is on top, up to
 *   {@link MAX_DRILL} objects under the cursor are looked at, so a label over a roof still measures the roof.
 * - Ground: `globe.pick` (the rendered terrain tiles; exact with the twin's ellipsoid terrain), then
 *   `camera.pickEllipsoid` while no tile is loaded there.
 * @see https://cesium.com/learn/cesiumjs/ref-doc/Scene.html#pickPosition
 */
import type { Cartesian3, Scene } from '@cesium/engine';
import type { CesiumModule } from '../load-cesium';

/** Most objects looked at under the cursor when the measuring tool's own drawing is on top. */
export const MAX_DRILL = 4;

/** What a measuring click hit. */
export type MeasurePickSource = 'model' | 'globe' | 'ellipsoid';

/** A picked measuring position. */
export interface MeasurePick {
  /** The position, ECEF metres (WGS84). */
  positionEcef: Cartesian3;
  source: MeasurePickSource;
}

/**
 * The 3D position under canvas position (`xPx`, `yPx`) (CSS pixels from the canvas's top-left corner).
 * @param isOwn whether a `scene.pick` result is the measuring tool's own drawing (skipped)
 * @returns the position and what it lies on, or `null` when the cursor is over the sky
 */
export function pickMeasurePosition(Cesium: CesiumModule, scene: Scene, xPx: number, yPx: number, isOwn: (picked: unknown) => boolean): MeasurePick | null {
  const windowPosition = new Cesium.Cartesian2(xPx, yPx);
  if (scene.pickPositionSupported && isSurfaceUnder(scene, windowPosition, isOwn)) {
    const position = scene.pickPosition(windowPosition);
    if (position && isFinitePosition(position)) return { positionEcef: position, source: 'model' };
  }
  const ray = scene.camera.getPickRay(windowPosition);
  const onGlobe = ray ? scene.globe.pick(ray, scene) : undefined;
  if (onGlobe) return { positionEcef: onGlobe, source: 'globe' };
  const onEllipsoid = scene.camera.pickEllipsoid(windowPosition, scene.globe.ellipsoid);
  return onEllipsoid ? { positionEcef: onEllipsoid, source: 'ellipsoid' } : null;
}

/** Whether something other than the measuring drawing is drawn at `windowPosition`. */
function isSurfaceUnder(scene: Scene, windowPosition: import('@cesium/engine').Cartesian2, isOwn: (picked: unknown) => boolean): boolean {
  const picked: unknown = scene.pick(windowPosition);
  if (picked === undefined || picked === null) return false;
  if (!isOwn(picked)) return true;
  return scene.drillPick(windowPosition, MAX_DRILL).some((candidate: unknown) => !isOwn(candidate));
}

/** Whether every coordinate is finite and the point is not at the Earth's centre (a depth read at the far plane). */
function isFinitePosition(position: Cartesian3): boolean {
  return Number.isFinite(position.x) && Number.isFinite(position.y) && Number.isFinite(position.z) && Math.hypot(position.x, position.y, position.z) > 1_000;
}
