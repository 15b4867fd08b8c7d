/**
 * Validates one GeoJSON position for drawing: `[lon, lat]` or `[lon, lat, height]` in degrees (WGS84) and metres.
 *
 * @see RFC 7946 §3.1.1 (position)
 */
import type { Position } from './geojson-lines';

/** A checked position: longitude and latitude in degrees (WGS84), height in metres above the ellipsoid. */
export interface LonLatHeight {
  /** Longitude, degrees, [-180, 180]. */
  lonDeg: number;
  /** Latitude, degrees, [-90, 90]. */
  latDeg: number;
  /** Height above the WGS84 ellipsoid, metres (negative = below it, e.g. buried pipes); 0 when absent. */
  heightEllipsoidalM: number;
}

/**
 * Reads a position, with a missing third coordinate taken as height 0 m. The height is read as ellipsoidal: the
 * twin has no geoid model (see tiling/stages/georef/georef.ts on orthometric heights).
 *
 * @param out - reused when given (hot loops), else a new object is returned
 * @returns the position, or `null` when lon/lat are missing, non-finite or out of range, or a given height is not
 *   finite
 */
export function readLonLatHeight(position: Position | null | undefined, out?: LonLatHeight): LonLatHeight | null {
  if (!Array.isArray(position) || position.length < 2) return null;
  const lonDeg: unknown = position[0];
  const latDeg: unknown = position[1];
  const height: unknown = position.length > 2 ? position[2] : 0;
  if (typeof lonDeg !== 'number' || typeof latDeg !== 'number' || typeof height !== 'number') return null;
  if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg) || !Number.isFinite(height)) return null;
  if (lonDeg < -180 || lonDeg > 180 || latDeg < -90 || latDeg > 90) return null;
  const result = out ?? { lonDeg: 0, latDeg: 0, heightEllipsoidalM: 0 };
  result.lonDeg = lonDeg;
  result.latDeg = latDeg;
  result.heightEllipsoidalM = height;
  return result;
}
