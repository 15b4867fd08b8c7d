/**
 * A local horizontal plane at an origin on the WGS84 ellipsoid: east/north metres ↔ lon/lat degrees, using the
 * ellipsoid's meridian and prime-vertical radii of curvature at the origin. Exact to < 1 mm within ≈ 300 m of the
 * origin and < 1 cm within ≈ 1 km (the neglected terms grow with the square of the distance) — for parcels,
 * buildings and their envelopes, not for long infrastructure.
 * @see Hofmann-Wellenhof et al., GNSS (2008) §10.2.2 (radii of curvature)
 */

/** WGS84 semi-major axis (m) and first eccentricity squared. */
const A = 6_378_137;
const E2 = 6.694_379_990_14e-3;
const DEG = Math.PI / 180;

/** A local plane: conversions between `[east, north]` metres and `[lon, lat]` degrees. */
export interface LocalPlane {
  toEnu(lonDeg: number, latDeg: number): [number, number];
  toLonLat(eastM: number, northM: number): [number, number];
}

/**
 * The plane at `originLonDeg, originLatDeg` (degrees WGS84).
 * @example localPlane(115.85, 28.69).toLonLat(100, 0) // ≈ [115.851024, 28.69]
 */
export function localPlane(originLonDeg: number, originLatDeg: number): LocalPlane {
  const phi = originLatDeg * DEG;
  const w = Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const metresPerRadLat = (A * (1 - E2)) / w ** 3;
  const metresPerRadLon = (A / w) * Math.cos(phi);
  return {
    toEnu: (lonDeg, latDeg) => [(lonDeg - originLonDeg) * DEG * metresPerRadLon, (latDeg - originLatDeg) * DEG * metresPerRadLat],
    toLonLat: (eastM, northM) => [originLonDeg + eastM / metresPerRadLon / DEG, originLatDeg + northM / metresPerRadLat / DEG],
  };
}
