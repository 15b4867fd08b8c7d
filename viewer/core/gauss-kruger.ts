/**
 * CGCS2000 3-degree Gauss-Krüger grid coordinates of a WGS84/CGCS2000 lon/lat, with the zone and its EPSG code: what
 * the twin's cursor read-out shows beside lon/lat, in the form Jiangxi's survey and design drawings use (zone number in
 * front of the easting, e.g. EPSG:4527 zone 39 → easting 39 5xx xxx m).
 *
 * The official parameters (EPSG registry, "CGCS2000 / 3-degree Gauss-Kruger zone n", EPSG:4513–4533 for zones 25–45):
 * Transverse Mercator, latitude of origin 0°, central meridian 3n °E, scale factor 1, false easting n·10⁶ + 500 000 m,
 * false northing 0 m, on the CGCS2000 ellipsoid (a = 6 378 137 m, 1/f = 298.257222101; geometrically the GRS80
 * ellipsoid). Zone n covers longitudes 3n − 1.5° to 3n + 1.5°; the code is 4488 + n.
 *
 * Notes: lon/lat are treated as CGCS2000 (EPSG:4490). WGS84 and CGCS2000 differ by centimetres to decimetres
 * (DOMAIN.md), below what a cursor read-out shows. proj4 (already a dependency) does the projection; our code only
 * picks the zone. Checked against PROJ 9.1.1 (PostGIS ST_Transform) to < 1 mm in gauss-kruger.test.ts.
 * @see https://epsg.io/4527 (zone 39, the registry's parameters)
 * @see GB/T 20257.1 (national fundamental scale maps: 3° zone division, zone n central meridian 3n)
 */
import proj4, { type Converter } from 'proj4';

/** First and last 3° zone with an EPSG code (CGCS2000 / 3-degree Gauss-Kruger zone 25 … 45: 73.5 °E – 136.5 °E). */
export const GK_ZONE_MIN = 25;
export const GK_ZONE_MAX = 45;

/** EPSG code of zone `n` (EPSG:4513 = zone 25 … EPSG:4533 = zone 45). */
export function gaussKrugerEpsg(zone: number): number {
  return 4488 + zone;
}

/** The proj4 definition of CGCS2000 3° zone `zone` (with the zone number in front of the easting). */
export function gaussKrugerProj4(zone: number): string {
  const falseEastingM = zone * 1_000_000 + 500_000;
  return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${falseEastingM} +y_0=0 +a=6378137 +rf=298.257222101 +units=m +no_defs`;
}

/** A position in a CGCS2000 3° Gauss-Krüger zone. */
export interface GaussKrugerPosition {
  /** Zone number 25..45 (central meridian 3·zone °E). */
  zone: number;
  /** EPSG code of the zone's CRS, 4513..4533. */
  epsg: number;
  /** Easting with the zone number in front (e.g. 39 391 788.281 m), metres. */
  eastingM: number;
  /** Northing from the equator, metres. */
  northingM: number;
}

const converters = new Map<number, Converter>();

/**
 * The 3° zone of a longitude: the nearest central meridian (a point on a zone border, 3n + 1.5°, goes east).
 * @returns the zone number, or `null` outside zones 25..45 (west of 73.5 °E or from 136.5 °E)
 */
export function gaussKrugerZone(lonDeg: number): number | null {
  if (!Number.isFinite(lonDeg)) return null;
  const zone = Math.floor(lonDeg / 3 + 0.5);
  return zone >= GK_ZONE_MIN && zone <= GK_ZONE_MAX ? zone : null;
}

/**
 * Projects a lon/lat (degrees, CGCS2000 ≈ WGS84) into its CGCS2000 3° Gauss-Krüger zone.
 * @param lonDeg longitude, degrees east
 * @param latDeg latitude, degrees, −90..90
 * @returns easting (zone-prefixed) and northing in metres with the zone and EPSG code, or `null` when the point lies
 *   outside zones 25..45 or is not a finite lon/lat
 * @example toGaussKruger(115.8929, 28.6772) // { zone: 39, epsg: 4527, eastingM: 39391788.281, northingM: 3173994.127 }
 */
export function toGaussKruger(lonDeg: number, latDeg: number): GaussKrugerPosition | null {
  const zone = gaussKrugerZone(lonDeg);
  if (zone === null || !Number.isFinite(latDeg) || Math.abs(latDeg) > 90) return null;
  let converter = converters.get(zone);
  if (!converter) {
    converter = proj4('WGS84', gaussKrugerProj4(zone));
    converters.set(zone, converter);
  }
  const [eastingM, northingM] = converter.forward([lonDeg, latDeg]);
  return { zone, epsg: gaussKrugerEpsg(zone), eastingM, northingM };
}
