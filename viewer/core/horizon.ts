/**
 * Whether a point is hidden behind the Earth as seen from the camera, engine-free: the horizon test of CesiumJS's
 * `EllipsoidalOccluder`, in the ellipsoid's scaled space (coordinates divided by the WGS84 semi-axes, where the
 * ellipsoid is the unit sphere). Markers drawn without a depth test need it, or they would show through the globe.
 *
 * @see https://cesium.com/blog/2013/04/25/horizon-culling/ (the scaled-space derivation)
 */

/** WGS84 semi-axes, metres: equatorial (x, y) and polar (z). */
export const WGS84_RADII_M = { x: 6_378_137, y: 6_378_137, z: 6_356_752.314_245_179 } as const;

/** An ECEF position, metres. */
export interface EcefM {
  x: number;
  y: number;
  z: number;
}

/**
 * Whether `pointEcef` is visible from `cameraEcef` past the ellipsoid (not behind the horizon). A point on or
 * above the ellipsoid is tested as is; test points below it (buried features) at their surface position.
 *
 * @param cameraEcef - camera position, ECEF metres (outside the ellipsoid; from inside everything counts as hidden
 *   except what lies towards the camera's side of the centre, as in CesiumJS)
 * @param pointEcef - the point, ECEF metres
 */
export function isAboveHorizon(cameraEcef: EcefM, pointEcef: EcefM): boolean {
  const cx = cameraEcef.x / WGS84_RADII_M.x;
  const cy = cameraEcef.y / WGS84_RADII_M.y;
  const cz = cameraEcef.z / WGS84_RADII_M.z;
  const vhMagnitudeSquared = cx * cx + cy * cy + cz * cz - 1;
  const tx = pointEcef.x / WGS84_RADII_M.x - cx;
  const ty = pointEcef.y / WGS84_RADII_M.y - cy;
  const tz = pointEcef.z / WGS84_RADII_M.z - cz;
  const vtDotVc = -(tx * cx + ty * cy + tz * cz);
  if (vhMagnitudeSquared < 0) return vtDotVc <= 0;
  const isOccluded = vtDotVc > vhMagnitudeSquared && (vtDotVc * vtDotVc) / (tx * tx + ty * ty + tz * tz) > vhMagnitudeSquared;
  return !isOccluded;
}
