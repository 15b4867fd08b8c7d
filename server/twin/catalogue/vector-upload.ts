import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { catalogueFeatures } from '@server/db/schema/twin';
import type { GeoJsonAnyGeometry as GeoJsonGeometry } from '@server/db/columns/geojson';
import { ZipTooLargeError } from '@server/api/safe-zip';
import { JIANGXI_BBOX_DEG } from '@server/geo/jiangxi-extent';
import { resolveSourceCrs, type ToWgs84 } from '@server/geo/source-crs';
import { parseGeoJsonText, readShapefileZip } from '@server/geo/vector-file';
import { InputError } from '@kernel/errors';
import { insertCatalogueLayer, newCatalogueLayerId } from './catalogue-service';
import type { UploadFields } from './inputs';
import { assertAdministers } from './layer-access';

/**
 * An uploaded vector file (GeoJSON, or a Shapefile as zip with .shp/.dbf/.prj) becomes a `geojson` catalogue layer
 * (`points` when every feature is a Point, labelled by its first text property):
 * its features are reprojected from the declared CRS to WGS84 (server/geo/source-crs.ts), checked and written into
 * `catalogue_features`, then served at `/api/geo/<layerId>` with the layer's scope.
 *
 * Notes:
 * - Geometry types: the six GeoJSON types except GeometryCollection; rings ≥ 4 positions and closed, lines ≥ 2.
 * - Every position must land inside Jiangxi's bounding box after reprojection ({@link JIANGXI_BBOX_DEG}); the first
 *   one that does not is reported with its feature, the declared CRS and where it landed (usually a wrong CRS).
 * - Properties: primitives kept, nested values stored as JSON text (refused past {@link MAX_PROPERTY_DEPTH}), NUL
 *   removed and unpaired UTF-16 surrogates (JSON `"\ud800"`) replaced by U+FFFD in keys and strings (PostgreSQL
 *   `jsonb` holds neither), strings cut to {@link VECTOR_LIMITS}.maxPropertyChars.
 * - A declared .prj is informative only: the uploader's declaration wins (Chinese .prj files often name a wrong or
 *   local datum).
 * @see RFC 7946 (GeoJSON); ESRI Shapefile Technical Description (1998)
 */


/** Bounds of one vector upload. */
export const VECTOR_LIMITS = {
  /** Largest file (GeoJSON text or Shapefile zip), bytes. */
  maxFileBytes: 64 * 1024 ** 2,
  maxFeatures: 50_000,
  maxVertices: 2_000_000,
  maxPropertiesPerFeature: 200,
  maxPropertyChars: 10_000,
  /** Shapefile zip: most entries. */
  maxZipEntries: 32,
} as const;

/** One checked feature in WGS84. */
export interface CheckedFeature {
  geometry: GeoJsonGeometry;
  properties: Record<string, string | number | boolean | null>;
}

type Position = number[];

function stripNul(text: string): string {
  return text.replaceAll('\u0000', '');
}

/** Deepest nested property value (arrays/objects) stored as JSON text; deeper ones overflow `JSON.stringify`'s stack. */
export const MAX_PROPERTY_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as `jsonb` stores it: no NUL, unpaired surrogates replaced by U+FFFD (cut first: a cut may split a pair). */
function storableText(text: string): string {
  return stripNul(text).replace(LONE_SURROGATE, '\ufffd');
}

/** Whether a parsed JSON value nests deeper than `depth` (iterative: no stack to overflow). */
function nestsDeeperThan(value: unknown, depth: number): boolean {
  let level: unknown[] = [value];
  for (let d = 0; level.length > 0; d += 1) {
    if (d > depth) return true;
    level = level.flatMap((v) => (typeof v === 'object' && v !== null ? Object.values(v) : []));
  }
  return false;
}

/** Properties as stored (see notes). */
export function cleanProperties(raw: unknown, featureIndex: number): CheckedFeature['properties'] {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`feature ${featureIndex}: properties must be an object`);
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > VECTOR_LIMITS.maxPropertiesPerFeature) throw new InputError(`feature ${featureIndex}: more than ${VECTOR_LIMITS.maxPropertiesPerFeature} properties`);
  const out: CheckedFeature['properties'] = {};
  for (const [key, value] of entries) {
    const cleanKey = storableText(key.slice(0, 200));
    if (value === null || typeof value === 'boolean') out[cleanKey] = value;
    else if (typeof value === 'number') out[cleanKey] = Number.isFinite(value) ? value : null;
    else {
      if (nestsDeeperThan(value, MAX_PROPERTY_DEPTH)) throw new InputError(`feature ${featureIndex}: property ${cleanKey.slice(0, 40)} nests deeper than ${MAX_PROPERTY_DEPTH} levels`);
      const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
      out[cleanKey] = storableText((text ?? '').slice(0, VECTOR_LIMITS.maxPropertyChars));
    }
  }
  return out;
}

/** Reprojects and checks one geometry; counts vertices into `counter`. @throws {InputError} */
export function checkGeometry(raw: unknown, featureIndex: number, toWgs84: ToWgs84, crsLabel: string, counter: { vertices: number }): GeoJsonGeometry {
  const fail = (reason: string): never => {
    throw new InputError(`feature ${featureIndex}: ${reason}`, { context: { featureIndex } });
  };
  if (typeof raw !== 'object' || raw === null) return fail('has no geometry');
  const { type, coordinates } = raw as { type?: unknown; coordinates?: unknown };
  const position = (p: unknown): Position => {
    if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 3).every((n) => typeof n === 'number' && Number.isFinite(n))) return fail('has a position that is not [x, y] numbers');
    if (++counter.vertices > VECTOR_LIMITS.maxVertices) throw new ZipTooLargeError(`vector: more than ${VECTOR_LIMITS.maxVertices} vertices`);
    const [lon, lat] = toWgs84(p as number[]);
    const [west, south, east, north] = JIANGXI_BBOX_DEG;
    if (!(lon >= west && lon <= east && lat >= south && lat <= north)) {
      return fail(`position [${(p as number[]).slice(0, 2).join(', ')}] in ${crsLabel} lands at ${lon.toFixed(4)}°E ${lat.toFixed(4)}°N, outside Jiangxi (${west}–${east}°E, ${south}–${north}°N); is the declared CRS right?`);
    }
    return [Math.round(lon * 1e8) / 1e8, Math.round(lat * 1e8) / 1e8];
  };
  const list = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : fail(`${type}: ${what} must be an array`));
  const line = (v: unknown): Position[] => {
    const positions = list(v, 'line').map(position);
    if (positions.length < 2) fail(`${type}: a line needs at least 2 positions`);
    return positions;
  };
  const ring = (v: unknown): Position[] => {
    const positions = list(v, 'ring').map(position);
    if (positions.length < 4) fail(`${type}: a ring needs at least 4 positions`);
    const [first, last] = [positions[0], positions[positions.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) fail(`${type}: a ring must end where it starts`);
    return positions;
  };
  const polygonOf = (v: unknown): Position[][] => {
    const rings = list(v, 'polygon').map(ring);
    if (rings.length === 0) fail(`${type}: a polygon needs a ring`);
    return rings;
  };
  switch (type) {
    case 'Point':
      return { type, coordinates: position(coordinates) } as GeoJsonGeometry;
    case 'MultiPoint':
      return { type, coordinates: list(coordinates, 'coordinates').map(position) } as GeoJsonGeometry;
    case 'LineString':
      return { type, coordinates: line(coordinates) } as GeoJsonGeometry;
    case 'MultiLineString':
      return { type, coordinates: list(coordinates, 'coordinates').map(line) } as GeoJsonGeometry;
    case 'Polygon':
      return { type, coordinates: polygonOf(coordinates) } as GeoJsonGeometry;
    case 'MultiPolygon':
      return { type, coordinates: list(coordinates, 'coordinates').map(polygonOf) } as GeoJsonGeometry;
    default:
      return fail(`geometry type ${JSON.stringify(String(type)).slice(0, 40)} is not Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon`);
  }
}

/**
 * Checks raw features (GeoJSON Features, or `{geometry, properties}` pairs from a Shapefile) and reprojects them.
 * @param crs the declared source CRS (`gcj02` or an EPSG code)
 * @throws {InputError} naming the feature and the problem; {@link ZipTooLargeError} past the limits
 */
export function checkFeatures(raw: readonly { geometry?: unknown; properties?: unknown }[], crs: string): { features: CheckedFeature[]; crsLabel: string } {
  const { label, toWgs84 } = resolveSourceCrs(crs);
  if (raw.length === 0) throw new InputError('vector: the file has no features');
  if (raw.length > VECTOR_LIMITS.maxFeatures) throw new ZipTooLargeError(`vector: ${raw.length} features, at most ${VECTOR_LIMITS.maxFeatures}`);
  const counter = { vertices: 0 };
  const features = raw.map((feature, index) => ({
    geometry: checkGeometry(feature.geometry, index, toWgs84, label, counter),
    properties: cleanProperties(feature.properties, index),
  }));
  return { features, crsLabel: label };
}

/**
 * Reads, checks and stores an uploaded vector file as a new `geojson` layer (see module notes).
 * @param file path of the uploaded file (the caller deletes it); `.zip` = Shapefile, otherwise GeoJSON text
 * @param fields the form's metadata with `crs` (declared source CRS) and an optional `stroke` colour
 * @returns the new layer id, its URL and the number of features
 * @throws {InputError} for an unreadable file, a bad CRS, bad geometry or positions outside Jiangxi
 * @throws {ZipTooLargeError} past {@link VECTOR_LIMITS}; {@link ScopeError} for a region outside the admin's scope
 */
export async function uploadVector(
  db: Db,
  actor: Actor,
  fields: UploadFields & { crs: string; stroke?: string },
  file: string,
  options: { fileName: string },
): Promise<{ id: string; url: string; featureCount: number }> {
  assertAdministers(actor, fields.regionCode);
  const size = (await stat(file)).size;
  if (size > VECTOR_LIMITS.maxFileBytes) throw new ZipTooLargeError(`vector: file of ${size} bytes, at most ${VECTOR_LIMITS.maxFileBytes}`);
  const isZip = path.extname(options.fileName).toLowerCase() === '.zip';
  const raw = isZip ? await readShapefileZip(file, VECTOR_LIMITS) : parseGeoJsonText(stripNul(await readFile(file, 'utf8')));
  const { features, crsLabel } = checkFeatures(raw, fields.crs);
  const id = newCatalogueLayerId();
  const url = `/api/geo/${id}`;
  const { crs: _crs, stroke, ...metadata } = fields;
  // Only points: drawn as labelled markers (kind `points`, labelled by the first text property), else as outlines.
  const isPoints = features.every((feature) => feature.geometry.type === 'Point');
  const labelProperty = isPoints ? Object.entries(features[0].properties).find(([, value]) => typeof value === 'string')?.[0] : undefined;
  await db.transaction(async (tx) => {
    await insertCatalogueLayer(tx, actor, {
      ...metadata,
      id,
      origin: 'uploaded',
      kind: isPoints ? 'points' : 'geojson',
      url,
      source: `Uploaded ${isZip ? 'Shapefile' : 'GeoJSON'} ${options.fileName.slice(0, 200)}, ${features.length} features; source CRS ${crsLabel}`,
      style: { stroke: stroke ?? '#ff7a45', width: 2 },
      options: isPoints ? { clusterPixelRange: 40, ...(labelProperty ? { labelProperty } : {}) } : null,
    });
    for (let start = 0; start < features.length; start += 500) {
      await tx.insert(catalogueFeatures).values(
        features.slice(start, start + 500).map((feature, offset) => ({ layerId: id, featureIndex: start + offset, properties: feature.properties, geom: feature.geometry })),
      );
    }
  });
  return { id, url, featureCount: features.length };
}
