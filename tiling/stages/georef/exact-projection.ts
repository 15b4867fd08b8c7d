/**
 * The exact model → ENU map of a map-conversion georeference, point by point, and its local affine fits.
 *
 * Chain (IfcMapConversion, EPSG Guidance Note 7-2): model frame (web-ifc, Y-up metres) → IFC world (project
 * units) → map grid (E, N, H) → proj4 inverse projection (datum shift to WGS84 included) → WGS84 lon/lat, with
 * H used as ellipsoidal height → ECEF (EPSG method 9602) → ENU at the anchor (EPSG method 9836).
 *
 * Notes (measured; see exact-projection.test.ts and build/exact-placement.test.ts):
 * - `Georeference.modelToEnu` is this map's Jacobian at the anchor: exact there, but the model stays a rigid
 *   body in the anchor's tangent plane. Its error grows with the square of the distance d from the anchor:
 *   the ground falls away by d²/2R below the tangent plane (7.8 cm at 1 km, 7.8 m at 10 km) and the grid
 *   convergence and scale change along the way. Fine for a building, not for a road or railway.
 * - One point costs 0.8–1.4 µs warm (proj4js inverse TM + ECEF + ENU; ≈ 4 µs cold), so per-vertex projection
 *   of a large model (the ACCA railway places 69 M vertices, most of them instanced) is too slow;
 *   {@link localAffineAt} fits the map around a point (value + central-difference Jacobian: 7 points). Its error
 *   at distance r from that point is the map's curvature, ≈ r²/2R (0.8 mm at r = 100 m).
 * - Rigid methods (user placement, IfcSite RefLatitude/RefLongitude) *define* the model as a rigid body in the
 *   tangent plane at their reference point, so they have no exact map (null).
 */

import proj4 from 'proj4';
import { GeorefError } from '../../errors';
import { ecefToEnu, geodeticToEcef } from './ecef';
import type { Georeference, MapProjectionChain } from './georeference';
import type { Vec3 } from './model-frame';

/** A point map, model frame (Y-up metres) → something in metres or degrees (see each function). */
export type PointMap = (x: number, y: number, z: number) => Vec3;

/**
 * The geodetic position of model points under a map conversion.
 *
 * @param chain the map conversion parameters and the projected CRS (proj4, datum shift included)
 * @param fileName for messages
 * @returns model (Y-up metres) → `[lonDeg, latDeg, heightM]` (WGS84; height = map H × metres per map unit,
 *   orthometric used as ellipsoidal)
 * @throws {GeorefError} from the returned function for a non-finite point or when proj4 yields no valid
 *   position (e.g. a point far outside the projection's domain)
 * @see IFC 4.3 IfcMapConversion / IfcMapConversionScaled; EPSG Guidance Note 7-2 §1.3 (map projections)
 */
export function modelToGeodeticMap(chain: MapProjectionChain, fileName: string): PointMap {
  const converter = proj4(chain.proj4, 'WGS84');
  const { eastings, northings, orthogonalHeight, cosA, sinA, scale: s, factorX: fX, factorY: fY, factorZ: fZ } = chain;
  const perModelM = 1 / chain.lengthUnitM;
  return (mx, my, mz) => {
    // IFC world (x, y, z) = model (mx, −mz, my), in project units.
    const x = mx * perModelM;
    const y = -mz * perModelM;
    const z = my * perModelM;
    const eastingMap = eastings + s * (fX * x * cosA - fY * y * sinA);
    const northingMap = northings + s * (fX * x * sinA + fY * y * cosA);
    const heightMap = orthogonalHeight + s * fZ * z;
    let lonDeg = Number.NaN;
    let latDeg = Number.NaN;
    // proj4js throws a TypeError for non-finite input and returns NaN or Infinity outside a projection's domain.
    if (Number.isFinite(eastingMap) && Number.isFinite(northingMap)) {
      [lonDeg, latDeg] = converter.forward([eastingMap * chain.mapToCrs, northingMap * chain.mapToCrs]);
    }
    if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg) || Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) {
      throw new GeorefError(
        `${fileName}: EPSG:${chain.epsg} maps E=${eastingMap}, N=${northingMap} to an invalid position (lon ${lonDeg}, lat ${latDeg})`,
        { context: { file: fileName, epsg: chain.epsg, eastingMap, northingMap } },
      );
    }
    return [lonDeg, latDeg, heightMap * chain.mapUnitM];
  };
}

/**
 * The exact model → ENU map of a georeference, or null when its method is rigid by definition.
 *
 * @param georeference a `georef` result; only map conversions carry a `projection`
 * @param fileName for messages
 * @returns model (Y-up metres) → ENU at the anchor (metres), through proj4 and the ellipsoid; null for user
 *   placements and IfcSite references
 * @throws {GeorefError} from the returned function, as {@link modelToGeodeticMap}
 * @see EPSG Guidance Note 7-2 §4.1.1 (method 9602) and §4.1.2 (method 9836)
 */
export function exactModelToEnu(georeference: Georeference, fileName: string): PointMap | null {
  const chain = georeference.projection;
  if (!chain) return null;
  const toGeodetic = modelToGeodeticMap(chain, fileName);
  const enuToEcef = georeference.enuToEcef;
  return (x, y, z) => ecefToEnu(enuToEcef, geodeticToEcef(...toGeodetic(x, y, z)));
}

/**
 * Fits an affine map to `map` around a model point: value and central-difference Jacobian there.
 *
 * @param map a smooth point map, model (Y-up metres) → metres
 * @param centreM the model point (Y-up metres) to fit at
 * @param stepM half-width of the central differences, metres (> 0); the fit's own error is O(step² · f''') —
 *   below 1e-9 m for steps up to 100 m on the Earth — so use the size of the geometry
 * @returns column-major 4×4: model → the map's frame, exact at `centreM`; error ≈ ½ f''·r² at distance r
 *   (≈ r²/2R on the Earth: 0.8 mm at 100 m)
 * @see EPSG Guidance Note 7-2 §4.1.2 (the ENU frame the map usually ends in)
 */
export function localAffineAt(map: PointMap, centreM: Vec3, stepM: number): number[] {
  const [cx, cy, cz] = centreM;
  const origin = map(cx, cy, cz);
  const out = new Array<number>(16).fill(0);
  for (let axis = 0; axis < 3; axis++) {
    const d = [0, 0, 0];
    d[axis] = stepM;
    const plus = map(cx + d[0], cy + d[1], cz + d[2]);
    const minus = map(cx - d[0], cy - d[1], cz - d[2]);
    for (let row = 0; row < 3; row++) out[axis * 4 + row] = (plus[row] - minus[row]) / (2 * stepM);
  }
  for (let row = 0; row < 3; row++) {
    out[12 + row] = origin[row] - (out[row] * cx + out[4 + row] * cy + out[8 + row] * cz);
  }
  out[15] = 1;
  return out;
}
