/**
 * The model frame (web-ifc, Y-up, metres) against IFC world axes and the ENU frame at the anchor.
 *
 * IFC world (x, y, z) = model (mx, −mz, my); model (mx, my, mz) = IFC (x, z, −y). So model +X is IFC +X,
 * model +Y is IFC +Z (up) and model −Z is IFC +Y (the drawing's plan north).
 */

/** A 3-vector, metres or a direction; the frame is in the variable name. */
export type Vec3 = [number, number, number];

const RAD_TO_DEG = 180 / Math.PI;
const DEG_TO_RAD = Math.PI / 180;

/**
 * Builds the column-major model → ENU matrix from the ENU images of the IFC world axes.
 *
 * @param ifcXEnu ENU vector (metres) of one metre along IFC world +X
 * @param ifcYEnu ENU vector of one metre along IFC world +Y (plan north)
 * @param ifcZEnu ENU vector of one metre along IFC world +Z (up)
 * @returns column-major 4×4 (length 16): model frame (Y-up, metres) → ENU at the anchor (metres); the model
 *   origin maps to the ENU origin
 * @see IfcMapConversion (XAxisAbscissa, XAxisOrdinate)
 */
export function modelToEnuFromIfcAxes(ifcXEnu: Vec3, ifcYEnu: Vec3, ifcZEnu: Vec3): number[] {
  // Columns are the images of model +X (= IFC +X), model +Y (= IFC +Z) and model +Z (= IFC −Y).
  // prettier-ignore
  return [
    ifcXEnu[0], ifcXEnu[1], ifcXEnu[2], 0,
    ifcZEnu[0], ifcZEnu[1], ifcZEnu[2], 0,
    -ifcYEnu[0], -ifcYEnu[1], -ifcYEnu[2], 0,
    0, 0, 0, 1,
  ];
}

/**
 * ENU images of the IFC world axes for a rigid placement whose plan north (IFC +Y) has a given heading.
 *
 * @param headingDeg azimuth of IFC +Y (model −Z), degrees clockwise from true north
 * @returns `[ifcXEnu, ifcYEnu, ifcZEnu]`, unit vectors in ENU
 * @see IfcGeometricRepresentationContext.TrueNorth
 */
export function ifcAxesForHeading(headingDeg: number): [Vec3, Vec3, Vec3] {
  const sinH = Math.sin(headingDeg * DEG_TO_RAD);
  const cosH = Math.cos(headingDeg * DEG_TO_RAD);
  // +Y at azimuth h: (sin h, cos h); +X is 90° clockwise of +Y: (cos h, −sin h).
  return [
    [cosH, -sinH, 0],
    [sinH, cosH, 0],
    [0, 0, 1],
  ];
}

/**
 * Azimuth of a horizontal direction given in ENU.
 *
 * @param directionEnu any vector in ENU; its up component is ignored
 * @returns degrees clockwise from true north, in [0, 360)
 * @see IfcGeometricRepresentationContext.TrueNorth
 */
export function azimuthDegFromEnu(directionEnu: Vec3): number {
  const azimuthDeg = Math.atan2(directionEnu[0], directionEnu[1]) * RAD_TO_DEG;
  const normalised = ((azimuthDeg % 360) + 360) % 360;
  return normalised === 360 ? 0 : normalised;
}

/**
 * Azimuth of IFC +Y from IfcGeometricRepresentationContext.TrueNorth.
 *
 * TrueNorth is the direction of true north in the IFC world XY plane; at angle θ from +X (counter-clockwise)
 * it puts IFC +Y (at 90°) θ − 90° clockwise of north.
 *
 * @param trueNorth `(x, y)` direction in the IFC world XY plane, any non-zero length
 * @returns azimuth of IFC +Y, degrees clockwise from true north, in [0, 360); null for a zero or non-finite vector
 * @see IFC 4.3 IfcGeometricRepresentationContext.TrueNorth
 */
export function headingDegFromTrueNorth(trueNorth: readonly [number, number]): number | null {
  const [x, y] = trueNorth;
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.hypot(x, y) < 1e-12) return null;
  const headingDeg = Math.atan2(y, x) * RAD_TO_DEG - 90;
  const normalised = ((headingDeg % 360) + 360) % 360;
  return normalised === 360 ? 0 : normalised;
}

/**
 * Signed smallest difference between two azimuths.
 *
 * @returns `aDeg − bDeg` wrapped into (−180, 180], degrees
 */
export function angleDifferenceDeg(aDeg: number, bDeg: number): number {
  const d = (((aDeg - bDeg) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
}
