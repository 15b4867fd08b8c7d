/**
 * Reads a parcel file for `npm run review:check`: one GeoJSON Feature with a Polygon in the CRS named by its `crs`
 * member, and the planning conditions as properties. Validated here (a trust boundary), converted to WGS84 lon/lat.
 *
 * Notes: the `crs` member is the GeoJSON 2008 named CRS (`{"type":"name","properties":{"name":…}}`); RFC 7946 dropped
 * it, so a file without it is WGS84 lon/lat. Positions are read as (x, y) = (easting, northing) or (lon, lat) — the
 * GeoJSON order — whatever the EPSG axis order; a converted vertex outside the CRS's area of use is refused, which
 * catches swapped axes. CGCS2000 geographic (EPSG:4490) is taken as WGS84 (centimetres to decimetres apart,
 * DOMAIN.md). Projected CRSs are converted with proj4 from the `epsg-index` definition (the tiling library's
 * registry), e.g. EPSG:4548 CGCS2000 / 3-degree Gauss-Kruger CM 117E.
 * @see RFC 7946; GeoJSON 2008 §3 (named CRS); EPSG registry
 */
import proj4 from 'proj4';
import { z } from 'zod';
import { InputError } from '@kernel/errors';
import { EPSG_INDEX_REGISTRY, type EpsgRegistry } from '@tiling/index';
import type { Parcel } from './check-parcel';

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finiteNumber.refine((v) => v >= 0, 'must not be negative');
const position = z.array(finiteNumber).min(2, 'a position needs x and y');

const parcelFeatureSchema = z.object({
  type: z.literal('Feature', { error: 'must be a GeoJSON Feature (type "Feature")' }),
  crs: z.object({ type: z.literal('name'), properties: z.object({ name: z.string() }) }).optional(),
  geometry: z.object({
    type: z.literal('Polygon', { error: 'geometry must be a Polygon' }),
    coordinates: z.array(z.array(position).min(4, 'the outer ring needs at least 4 positions (closed)')).min(1, 'the Polygon has no ring'),
  }, { error: 'geometry must be a Polygon' }),
  properties: z.object({
    heightLimitM: nonNegative.refine((v) => v > 0, 'must be > 0').nullable().default(null),
    farMin: nonNegative.nullable().default(null),
    farMax: nonNegative.nullable().default(null),
    densityMax: nonNegative.refine((v) => v <= 1, 'must be within 0–1').nullable().default(null),
    setbacksM: z.array(nonNegative).nullable().default(null),
  }, { error: 'properties must be an object with the planning conditions' }),
});

/** EPSG code of a GeoJSON CRS name (`urn:ogc:def:crs:EPSG::4548`, `EPSG:4548`, `urn:ogc:def:crs:OGC:1.3:CRS84`). */
function epsgOfCrsName(name: string): number | null {
  if (/^urn:ogc:def:crs:OGC:(1\.3:)?CRS84$/i.test(name)) return 4326;
  const match = /^(?:urn:ogc:def:crs:EPSG:[\d.]*:|EPSG:)(\d+)$/i.exec(name.trim());
  return match ? Number(match[1]) : null;
}

/**
 * Parses and validates a parcel GeoJSON Feature and converts its outer ring to WGS84 degrees.
 * @param text the file's content (UTF-8 JSON)
 * @param fileName used in every message
 * @param registry EPSG definitions (default: the tiling library's epsg-index registry)
 * @returns the parcel: ring in `[lonDeg, latDeg]`, conditions (absent properties are null = not set)
 * @throws {InputError} not JSON, not a Feature, not a Polygon, unknown CRS, a vertex outside the CRS's area of use,
 *   NaN/negative/out-of-range conditions, or `setbacksM` whose length differs from the outer ring's edge count
 */
export function readParcelGeoJson(text: string, fileName: string, registry: EpsgRegistry = EPSG_INDEX_REGISTRY): Parcel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${fileName}: not JSON (${(cause as Error).message})`, { context: { file: fileName }, cause });
  }
  const parsed = parcelFeatureSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${fileName}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`, { context: { file: fileName, path: issue.path.join('.') } });
  }
  const feature = parsed.data;
  const crsName = feature.crs?.properties.name ?? 'urn:ogc:def:crs:OGC:1.3:CRS84';
  const epsg = epsgOfCrsName(crsName);
  const definition = epsg === null || epsg === 4326 || epsg === 4490 ? null : registry.byCode(epsg);
  if (epsg === null || (epsg !== 4326 && epsg !== 4490 && !definition)) {
    throw new InputError(`${fileName}: unknown CRS "${crsName}" (expected an EPSG code such as urn:ogc:def:crs:EPSG::4548)`, { context: { file: fileName, crs: crsName } });
  }
  const toWgs84 = definition ? proj4(definition.proj4, 'WGS84') : null;
  const [north, west, south, east] = definition?.areaOfUseDeg ?? [90, -180, -90, 180];
  const margin = 0.5; // degrees beyond the official area of use still project well (transverse Mercator zones)
  const ring = feature.geometry.coordinates[0].map(([x, y], i): [number, number] => {
    const [lon, lat] = toWgs84 ? (toWgs84.forward([x, y]) as [number, number]) : [x, y];
    if (!(lat >= south - margin && lat <= north + margin && lon >= west - margin && lon <= east + margin)) {
      throw new InputError(
        `${fileName}: vertex ${i} (${x}, ${y}) lies outside the area of use of EPSG:${epsg} — positions must be (easting, northing) or (lon, lat)`,
        { context: { file: fileName, vertex: i, epsg } },
      );
    }
    return [lon, lat];
  });
  const first = ring[0];
  const last = ring[ring.length - 1];
  const edges = first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
  const { setbacksM } = feature.properties;
  if (setbacksM && setbacksM.length !== edges) {
    throw new InputError(`${fileName}: properties.setbacksM has ${setbacksM.length} values, the outer ring has ${edges} edges (one setback per edge, in ring order)`, {
      context: { file: fileName, setbacks: setbacksM.length, edges },
    });
  }
  return { ringLonLatDeg: ring, conditions: feature.properties };
}
