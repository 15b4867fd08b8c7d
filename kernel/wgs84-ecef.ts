/**
 * WGS84 geodetic ⇄ ECEF and local east-north-up (ENU) frames, written from the standard closed formulas. Shared by
 * the tiler (georeferencing, tileset transforms), the review plate's checks and the viewer's measuring tools.
 *
 * CGCS2000 (EPSG:4490, GRS80 ellipsoid) is treated as WGS84 here: the two ellipsoids differ by 0.1 mm in the
 * semi-minor axis and the frames by centimetres to decimetres (see DOMAIN.md), far below what a city twin shows.
 *
 * @see IOGP Publication 373-7-2 (EPSG Guidance Note 7-2), §4.1.1 "Geographic/Geocentric conversions"
 *   (EPSG method 9602) and §4.1.2 "Geocentric/Topocentric conversions" (EPSG method 9836)
 */

import { InputError } from './errors';

/** WGS84 semi-major axis, metres (EPSG:7030). */
export const WGS84_SEMI_MAJOR_AXIS_M = 6378137;
/** WGS84 inverse flattening (EPSG:7030). */
export const WGS84_INVERSE_FLATTENING = 298.257223563;
/** WGS84 first eccentricity squared, e² = f (2 − f). */
export const WGS84_ECCENTRICITY_SQUARED = (2 - 1 / WGS84_INVERSE_FLATTENING) / WGS84_INVERSE_FLATTENING;

const DEG_TO_RAD = Math.PI / 180;

function assertGeodetic(lonDeg: number, latDeg: number, heightM: number): void {
  if (!Number.isFinite(latDeg) || latDeg < -90 || latDeg > 90) {
    throw new InputError(`latitude must be within −90..90°, got ${latDeg}`, { context: { latDeg } });
  }
  if (!Number.isFinite(lonDeg) || lonDeg < -180 || lonDeg > 180) {
    throw new InputError(`longitude must be within −180..180°, got ${lonDeg}`, { context: { lonDeg } });
  }
  if (!Number.isFinite(heightM)) {
    throw new InputError(`height must be a finite number of metres, got ${heightM}`, { context: { heightM } });
  }
}

/**
 * Converts WGS84 geodetic coordinates to ECEF.
 *
 * @param lonDeg longitude, degrees, −180..180
 * @param latDeg latitude, degrees, −90..90
 * @param heightM ellipsoidal height, metres
 * @returns `[x, y, z]` in WGS84 ECEF, metres
 * @throws {InputError} when a value is out of range or not finite
 * @see EPSG Guidance Note 7-2 §4.1.1 (EPSG method 9602)
 */
export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): [number, number, number] {
  assertGeodetic(lonDeg, latDeg, heightM);
  const lonRad = lonDeg * DEG_TO_RAD;
  const latRad = latDeg * DEG_TO_RAD;
  const sinLat = Math.sin(latRad);
  const cosLat = Math.cos(latRad);
  // Prime vertical radius of curvature ν.
  const primeVerticalRadiusM = WGS84_SEMI_MAJOR_AXIS_M / Math.sqrt(1 - WGS84_ECCENTRICITY_SQUARED * sinLat * sinLat);
  return [
    (primeVerticalRadiusM + heightM) * cosLat * Math.cos(lonRad),
    (primeVerticalRadiusM + heightM) * cosLat * Math.sin(lonRad),
    (primeVerticalRadiusM * (1 - WGS84_ECCENTRICITY_SQUARED) + heightM) * sinLat,
  ];
}

/**
 * Builds the rigid transform from the local east-north-up frame at a point to WGS84 ECEF: the 3D Tiles root
 * `transform` for a tileset whose content is in ENU metres.
 *
 * Columns: east = (−sin λ, cos λ, 0), north = (−sin φ cos λ, −sin φ sin λ, cos φ),
 * up = (cos φ cos λ, cos φ sin λ, sin φ), translation = the point's ECEF.
 *
 * @param lonDeg longitude of the ENU origin, degrees, −180..180
 * @param latDeg latitude, degrees, −90..90
 * @param heightM ellipsoidal height, metres
 * @returns column-major 4×4 (length 16): ENU metres → ECEF metres
 * @throws {InputError} when a value is out of range or not finite
 * @see EPSG Guidance Note 7-2 §4.1.2 (EPSG method 9836, topocentric ⇄ geocentric)
 * @see 3D Tiles 1.1 §"Coordinate Reference System" (tileset `transform`)
 */
export function enuToEcefAt(lonDeg: number, latDeg: number, heightM: number): number[] {
  const originEcef = geodeticToEcef(lonDeg, latDeg, heightM);
  const lonRad = lonDeg * DEG_TO_RAD;
  const latRad = latDeg * DEG_TO_RAD;
  const sinLon = Math.sin(lonRad);
  const cosLon = Math.cos(lonRad);
  const sinLat = Math.sin(latRad);
  const cosLat = Math.cos(latRad);
  // prettier-ignore
  return [
    -sinLon, cosLon, 0, 0,
    -sinLat * cosLon, -sinLat * sinLon, cosLat, 0,
    cosLat * cosLon, cosLat * sinLon, sinLat, 0,
    originEcef[0], originEcef[1], originEcef[2], 1,
  ];
}

/**
 * Expresses an ECEF point in the ENU frame of a rigid `enuToEcef` transform (its inverse: Rᵀ (p − t)).
 *
 * @param enuToEcef column-major 4×4 from {@link enuToEcefAt} (rotation must be orthonormal)
 * @param pointEcef `[x, y, z]`, ECEF metres
 * @returns `[east, north, up]`, metres
 * @see EPSG:4978 (WGS 84 geocentric)
 */
export function ecefToEnu(enuToEcef: readonly number[], pointEcef: readonly number[]): [number, number, number] {
  const dx = pointEcef[0] - enuToEcef[12];
  const dy = pointEcef[1] - enuToEcef[13];
  const dz = pointEcef[2] - enuToEcef[14];
  return [
    enuToEcef[0] * dx + enuToEcef[1] * dy + enuToEcef[2] * dz,
    enuToEcef[4] * dx + enuToEcef[5] * dy + enuToEcef[6] * dz,
    enuToEcef[8] * dx + enuToEcef[9] * dy + enuToEcef[10] * dz,
  ];
}

/**
 * Converts WGS84 ECEF to geodetic coordinates (fixed-point iteration on latitude; converges to < 1 µm in
 * height and < 1e-12° for points within ±100 km of the ellipsoid surface).
 *
 * @param pointEcef `[x, y, z]`, ECEF metres (not within 1 m of the Earth's centre)
 * @returns `[lonDeg, latDeg, heightM]`: degrees, degrees, ellipsoidal metres
 * @see EPSG Guidance Note 7-2 §4.1.1 (EPSG method 9602, reverse)
 */
export function ecefToGeodetic(pointEcef: readonly number[]): [number, number, number] {
  const [x, y, z] = pointEcef;
  const p = Math.hypot(x, y);
  const lonRad = Math.atan2(y, x);
  let latRad = Math.atan2(z, p * (1 - WGS84_ECCENTRICITY_SQUARED));
  let heightM = 0;
  for (let i = 0; i < 8; i++) {
    const sinLat = Math.sin(latRad);
    const primeVerticalRadiusM = WGS84_SEMI_MAJOR_AXIS_M / Math.sqrt(1 - WGS84_ECCENTRICITY_SQUARED * sinLat * sinLat);
    // Near the poles p/cos φ is ill-conditioned; use the z form there.
    heightM =
      Math.abs(latRad) < Math.PI / 4
        ? p / Math.cos(latRad) - primeVerticalRadiusM
        : z / sinLat - primeVerticalRadiusM * (1 - WGS84_ECCENTRICITY_SQUARED);
    latRad = Math.atan2(z, p * (1 - (WGS84_ECCENTRICITY_SQUARED * primeVerticalRadiusM) / (primeVerticalRadiusM + heightM)));
  }
  return [lonRad / DEG_TO_RAD, latRad / DEG_TO_RAD, heightM];
}
