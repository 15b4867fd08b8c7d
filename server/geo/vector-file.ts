import { parseDbf, parseShp } from 'shpjs';
import { readZipEntry, withCheckedZip, ZipTooLargeError } from '@server/api/safe-zip';
import { InputError } from '@kernel/errors';

/**
 * Reading an uploaded vector file into raw features, before any plate checks or reprojects them: GeoJSON text
 * (FeatureCollection, Feature or bare geometry) and zipped ESRI Shapefiles (.shp required, .dbf optional, .cpg code
 * page honoured). Used by the twin's catalogue upload and the review plate's parcel import.
 *
 * Notes: the zip is checked entry by entry (../api/safe-zip.ts); the .shp record count is read from the record
 * headers before `shpjs` builds anything, so a small zip cannot inflate into millions of features in memory.
 * @see RFC 7946 (GeoJSON); ESRI Shapefile Technical Description (1998)
 */

/** One raw feature: a GeoJSON Feature, or `{geometry, properties}` from a Shapefile record (`geometry` null = null shape). */
export interface RawFeature {
  geometry?: unknown;
  properties?: unknown;
}

/** Bounds of one Shapefile zip. */
export interface ShapefileLimits {
  /** Largest .shp and largest .dbf after inflation, bytes each. */
  maxFileBytes: number;
  /** Most records in the .shp. */
  maxFeatures: number;
  /** Most entries in the zip. */
  maxZipEntries: number;
}

/**
 * Features of a GeoJSON text (FeatureCollection, Feature or bare geometry).
 * @throws {InputError} for invalid JSON, a FeatureCollection without a `features` array or a member that is not a Feature
 */
export function parseGeoJsonText(text: string): RawFeature[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`geojson: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const object = value as { type?: unknown; features?: unknown };
  if (object?.type === 'FeatureCollection') {
    if (!Array.isArray(object.features)) throw new InputError('geojson: FeatureCollection.features must be an array');
    return object.features.map((feature: unknown, index) => {
      if (typeof feature !== 'object' || feature === null || (feature as { type?: unknown }).type !== 'Feature') throw new InputError(`feature ${index}: is not a GeoJSON Feature`);
      return feature as RawFeature;
    });
  }
  if (object?.type === 'Feature') return [object as RawFeature];
  if (typeof object?.type === 'string') return [{ geometry: object, properties: {} }];
  throw new InputError('geojson: expected a FeatureCollection, a Feature or a geometry');
}

/**
 * Number of records of a .shp, read from the record headers alone (8 bytes each: number, content length in 16-bit
 * words; ESRI 1998 p. 5), so that a file of too many records is refused before `parseShp` builds them all.
 * @throws {InputError} when a record has a negative length or runs past the end of the file
 */
export function countShpRecords(shp: Buffer): number {
  let count = 0;
  for (let at = 100; at + 8 <= shp.length; count += 1) {
    const words = shp.readInt32BE(at + 4);
    at += 8 + 2 * words;
    if (words < 0 || at > shp.length) throw new InputError(`shapefile: record ${count + 1} has a negative length or runs past the end of the .shp file`);
  }
  return count;
}

/**
 * Features of a Shapefile zip on disk, in the file's own coordinates (the .prj is not applied: the uploader declares
 * the CRS). The .shp and .dbf may each inflate to `limits.maxFileBytes`; the .shp may hold `limits.maxFeatures` records.
 * @param file path of the zip
 * @throws {InputError} for a bad archive or Shapefile (not exactly one .shp, unreadable records)
 * @throws {ZipTooLargeError} past the limits
 */
export async function readShapefileZip(file: string, limits: ShapefileLimits): Promise<RawFeature[]> {
  const maxBytes = limits.maxFileBytes;
  return withCheckedZip(file, { maxEntries: limits.maxZipEntries, maxUncompressedBytes: 2 * maxBytes + 1024 ** 2 }, async (entries, zip) => {
    const byExtension = (ext: string) => entries.filter((e) => e.name.toLowerCase().endsWith(ext) && !e.name.split('/').pop()!.startsWith('.'));
    const shps = byExtension('.shp');
    if (shps.length !== 1) throw new InputError(`shapefile: the zip must hold exactly one .shp file, found ${shps.length}`);
    const base = shps[0].name.slice(0, -4).toLowerCase();
    const part = (ext: string) => byExtension(ext).find((e) => e.name.slice(0, -ext.length).toLowerCase() === base);
    const dbf = part('.dbf');
    const cpg = part('.cpg');
    let geometries: ReturnType<typeof parseShp>;
    let records: Record<string, unknown>[] = [];
    try {
      const shp = await readZipEntry(zip, shps[0], maxBytes);
      const recordCount = countShpRecords(shp);
      if (recordCount > limits.maxFeatures) throw new ZipTooLargeError(`shapefile: ${recordCount} records, at most ${limits.maxFeatures}`);
      geometries = parseShp(shp);
      if (dbf) records = parseDbf(await readZipEntry(zip, dbf, maxBytes), cpg ? (await readZipEntry(zip, cpg, 100)).toString('latin1') : 'UTF-8');
    } catch (error) {
      if (error instanceof InputError || error instanceof ZipTooLargeError) throw error;
      throw new InputError(`shapefile: cannot read ${shps[0].name} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return geometries.map((geometry, index) => ({ geometry, properties: records[index] ?? {} }));
  });
}
