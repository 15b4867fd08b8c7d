import { enuToEcefAt, ecefToGeodetic } from '@kernel/wgs84-ecef';
import type { DemoFootprint } from '@data/villages/demo-villages';
import type { GeoJsonPolygon } from '@server/db/columns/geojson';

/**
 * Places the schematic demo scene (data/villages/demo-villages.ts: metres east/north of the village point) on the
 * WGS84 ellipsoid through the local ENU frame at the village point (kernel/wgs84-ecef.ts), at height 0.
 */

/**
 * `[lon, lat]` degrees of a point `eastM`/`northM` metres from `origin` in its ENU plane (exact rigid transform,
 * then back to geodetic; the plane's drop below the ellipsoid, ≈ d²/2R = 3 mm at 200 m, is ignored).
 */
export function enuOffsetToLonLat(origin: readonly [number, number], eastM: number, northM: number): [number, number] {
  const m = enuToEcefAt(origin[0], origin[1], 0);
  const ecef = [m[0]! * eastM + m[4]! * northM + m[12]!, m[1]! * eastM + m[5]! * northM + m[13]!, m[2]! * eastM + m[6]! * northM + m[14]!];
  const [lonDeg, latDeg] = ecefToGeodetic(ecef);
  return [lonDeg, latDeg];
}

/** The rectangle of a demo footprint as a closed WGS84 polygon (counter-clockwise, RFC 7946). */
export function demoFootprintPolygon(origin: readonly [number, number], footprint: DemoFootprint): GeoJsonPolygon {
  const rad = (footprint.rotationDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const halfW = footprint.widthM / 2;
  const halfD = footprint.depthM / 2;
  const corners: [number, number][] = [
    [-halfW, -halfD],
    [halfW, -halfD],
    [halfW, halfD],
    [-halfW, halfD],
  ];
  const ring = corners.map(([x, y]) => enuOffsetToLonLat(origin, footprint.eastM + x * cos - y * sin, footprint.northM + x * sin + y * cos));
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}
