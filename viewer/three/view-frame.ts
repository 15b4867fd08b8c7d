import { Box3, Matrix4, Vector3 } from 'three';

/**
 * Rotation from the ENU frame (x east, y north, z up) to the three.js view frame used by the
 * inspection page (x east, y up, z south): a −90° turn about x, so (e, n, u) → (e, u, −n).
 */
export const ENU_TO_VIEW = /* @__PURE__ */ new Matrix4().makeRotationX(-Math.PI / 2);

/**
 * Matrix for the tiles group that undoes the tileset root's ENU→ECEF `transform`, so content shows
 * in its local ENU frame (metres around the model anchor) turned Y-up for three.js.
 *
 * @param rootTransform the root tile's `transform`: 16 numbers, column-major, ENU → ECEF (metres).
 * @param out optional matrix to write into.
 * @returns ECEF → view (= ENU_TO_VIEW · ENU←ECEF); identity-based when `rootTransform` is absent.
 * @see https://github.com/CesiumGS/3d-tiles/tree/main/specification#transforms (tile.transform)
 */
export function buildEcefToView(rootTransform: readonly number[] | undefined, out: Matrix4 = new Matrix4()): Matrix4 {
  if (!rootTransform || rootTransform.length !== 16) return out.copy(ENU_TO_VIEW);
  out.fromArray(rootTransform).invert();
  return out.premultiply(ENU_TO_VIEW);
}

/** Camera placement that frames a box: all in the view frame, metres. */
export interface FitView {
  positionView: Vector3;
  targetView: Vector3;
  /** Near/far clip distances, metres, chosen from the box size. */
  nearM: number;
  farM: number;
}

/**
 * Camera position that shows the whole box with a 15 % margin, for a perspective camera of vertical field of
 * view `fovDeg` (1..179) and `aspect` (w/h): seen from `fromDirectionView` (a direction from the box centre
 * towards the camera, any length) or, by default, from the south-east 35° above the horizon.
 */
export function computeFitView(box: Box3, fovDeg: number, aspect: number, fromDirectionView?: Vector3): FitView {
  const targetView = box.getCenter(new Vector3());
  const radiusM = Math.max(box.getSize(new Vector3()).length() / 2, 0.5);
  const halfFovRad = ((fovDeg * Math.PI) / 180) / 2;
  const limitingHalfFovRad = Math.min(halfFovRad, Math.atan(Math.tan(halfFovRad) * aspect));
  const distanceM = (radiusM / Math.sin(limitingHalfFovRad)) * 1.15;
  const elevationRad = (35 * Math.PI) / 180;
  const horizontal = Math.cos(elevationRad);
  // default: south-east in the view frame, +x (east), +z (south)
  const direction =
    fromDirectionView && fromDirectionView.lengthSq() > 0
      ? fromDirectionView.clone().normalize()
      : new Vector3(horizontal * Math.SQRT1_2, Math.sin(elevationRad), horizontal * Math.SQRT1_2);
  const positionView = targetView.clone().addScaledVector(direction, distanceM);
  return { positionView, targetView, nearM: Math.max(distanceM / 1000, 0.01), farM: distanceM * 20 };
}
