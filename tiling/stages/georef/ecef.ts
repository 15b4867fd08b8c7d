/**
 * WGS84 geodetic ⇄ ECEF and ENU frames for the tiler: kernel/wgs84-ecef.ts with its out-of-range errors reported as
 * the tiler's {@link GeorefError} (a bad georeference in the file, not a caller's bad input).
 */
import { InputError } from '@kernel/errors';
import * as wgs84 from '@kernel/wgs84-ecef';
import { GeorefError } from '../../errors';

export { ecefToEnu, ecefToGeodetic, WGS84_ECCENTRICITY_SQUARED, WGS84_INVERSE_FLATTENING, WGS84_SEMI_MAJOR_AXIS_M } from '@kernel/wgs84-ecef';

/** Runs `convert`, turning an out-of-range `InputError` into a `GeorefError` with the same message. */
function asGeoref<T>(convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    if (error instanceof InputError) throw new GeorefError(error.message, { context: error.context });
    throw error;
  }
}

/** kernel `geodeticToEcef`. @throws {GeorefError} when a value is out of range or not finite */
export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): [number, number, number] {
  return asGeoref(() => wgs84.geodeticToEcef(lonDeg, latDeg, heightM));
}

/** kernel `enuToEcefAt`. @throws {GeorefError} when a value is out of range or not finite */
export function enuToEcefAt(lonDeg: number, latDeg: number, heightM: number): number[] {
  return asGeoref(() => wgs84.enuToEcefAt(lonDeg, latDeg, heightM));
}
