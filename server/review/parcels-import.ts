import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { recordAudit } from '@server/accounts/audit';
import { regionCovers } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import { ZipTooLargeError } from '@server/api/safe-zip';
import type { Db } from '@server/db/client';
import type { GeoJsonPolygon } from '@server/db/columns/geojson';
import { reviewParcels, type ParcelSetback } from '@server/db/schema/review';
import { JIANGXI_BBOX_DEG } from '@server/geo/jiangxi-extent';
import { resolveSourceCrs, type ToWgs84 } from '@server/geo/source-crs';
import { parseGeoJsonText, readShapefileZip, type RawFeature } from '@server/geo/vector-file';
import { ConflictError, InputError, ScopeError } from '@kernel/errors';
import { MAX_PARCEL_VERTICES, PARCEL_IMPORT_FIELDS, parcelCreateInput, type ParcelCreateInput, type ParcelImportField, type ParcelImportFields } from './inputs';

/**
 * Importing parcels (地块) with their planning conditions from a GeoJSON FeatureCollection of Polygons or a zipped
 * Shapefile, in a declared source CRS (server/geo/source-crs.ts: WGS84/CGCS2000 geographic, CGCS2000 Gauss–Krüger
 * zones with or without zone prefix, GCJ-02). All or nothing: every feature becomes a `review.parcels.create` input
 * checked by the same zod schema ({@link parcelCreateInput}) and by PostGIS (simple polygon, 100 m² – 5 km²); codes
 * must be new and unique in the file; one error list names each bad feature (0-based index, code) and field, and then
 * nothing is stored. Otherwise all rows are inserted in one transaction, each with its audit row.
 *
 * Notes:
 * - Attributes are matched to fields case-insensitively: the form's `map.<field>` when given, else
 *   {@link DEFAULT_ATTRIBUTE_NAMES} (the pinyin initials common in Chinese regulatory-plan data, 控规: DKBM 地块编码,
 *   DKMC 地块名称, YDXZ 用地性质, XG 限高, RJL 容积率, JZMD 建筑密度, LDL 绿地率, then the English field name).
 * - Density and green ratio are fractions unless the form says `ratios=percent` (then 30 → 0.3).
 * - Setbacks: one per edge, {@link IMPORT_DEFAULT_SETBACK} (the regulatory-plan data carry none); planners set them
 *   per edge afterwards in the editor. A MultiPolygon of exactly one part is read as its polygon; holes are refused.
 * - Rings are stored counter-clockwise like `review.parcels.create` (ST_ForcePolygonCCW).
 * @see docs/api.md "Parcel import"
 */

/** Bounds of one import. */
export const PARCEL_IMPORT_LIMITS = {
  /** Largest file (GeoJSON text or Shapefile zip; also each inflated .shp/.dbf), bytes. */
  maxFileBytes: 20 * 1024 ** 2,
  /** Most features (a city's regulatory plan has hundreds of parcels per district). */
  maxFeatures: 2_000,
  maxZipEntries: 32,
  /** Most errors listed in one answer (the rest are counted). */
  maxListedErrors: 50,
} as const;

/** Attribute names tried for each field when the form maps none, first match wins (case-insensitive). */
export const DEFAULT_ATTRIBUTE_NAMES: Readonly<Record<ParcelImportField, readonly string[]>> = {
  code: ['DKBM', 'code'],
  name: ['DKMC', 'name'],
  nameEn: ['nameEn'],
  landUse: ['YDXZ', 'YDDM', 'landUse'],
  heightLimitM: ['XG', 'JZXG', 'heightLimitM'],
  farMin: ['RJLXX', 'farMin'],
  farMax: ['RJL', 'RJLSX', 'farMax'],
  densityMax: ['JZMD', 'densityMax'],
  greenRatioMin: ['LDL', 'greenRatioMin'],
  sunlightHoursMin: ['RZ', 'sunlightHoursMin'],
};

/** The setback given to every edge of an imported parcel until a planner sets it: 0 m from a neighbouring parcel. */
export const IMPORT_DEFAULT_SETBACK: ParcelSetback = { kind: 'neighbour', distanceM: 0 };

const TEXT_FIELDS: ReadonlySet<ParcelImportField> = new Set(['code', 'name', 'nameEn', 'landUse']);
const RATIO_FIELDS: ReadonlySet<ParcelImportField> = new Set(['densityMax', 'greenRatioMin']);

/** What an import stored. */
export interface ParcelImportResult {
  imported: number;
  parcels: { id: string; code: string }[];
  /** The declared source CRS as recorded in each parcel's notes. */
  crsLabel: string;
}

/** One feature's attribute value as a text field: trimmed text, numbers as text, empty = absent. */
function textValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value;
}

/** One attribute value as a number field: numbers kept, numeric text parsed, empty = null, anything else left for zod to name. */
function numberValue(value: unknown, isPercent: boolean): unknown {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  const number = typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : value;
  return isPercent && typeof number === 'number' ? number / 100 : number;
}

/** The first attribute of `properties` named (case-insensitively) like one of `names`. */
function attribute(properties: Record<string, unknown>, names: readonly string[]): unknown {
  const byLowerName = new Map(Object.entries(properties).map(([key, value]) => [key.toLowerCase(), value]));
  for (const name of names) if (byLowerName.has(name.toLowerCase())) return byLowerName.get(name.toLowerCase());
  return undefined;
}

/**
 * A feature's geometry as a parcel boundary in WGS84 (closed, lon/lat degrees rounded to 1e-9° ≈ 0.1 mm).
 * @returns the polygon, or the reason it is not a parcel boundary
 */
export function boundaryFromGeometry(raw: unknown, toWgs84: ToWgs84, crsLabel: string): GeoJsonPolygon | string {
  if (typeof raw !== 'object' || raw === null) return 'geometry: the feature has no geometry';
  let { type, coordinates } = raw as { type?: unknown; coordinates?: unknown };
  if (type === 'MultiPolygon' && Array.isArray(coordinates)) {
    if (coordinates.length !== 1) return `geometry: a MultiPolygon of ${coordinates.length} parts; a parcel is one polygon`;
    [type, coordinates] = ['Polygon', coordinates[0]];
  }
  if (type !== 'Polygon') return `geometry: ${JSON.stringify(String(type)).slice(0, 40)} is not a Polygon`;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'geometry: a Polygon needs an outer ring';
  if (coordinates.length > 1) return `geometry: the polygon has ${coordinates.length - 1} hole(s); a parcel has none`;
  const ring: unknown = coordinates[0];
  if (!Array.isArray(ring) || ring.length < 4) return 'geometry: the ring needs at least 3 corners plus the closing position';
  if (ring.length > MAX_PARCEL_VERTICES + 1) return `geometry: ${ring.length - 1} corners, at most ${MAX_PARCEL_VERTICES}`;
  const [west, south, east, north] = JIANGXI_BBOX_DEG;
  const out: [number, number][] = [];
  for (const position of ring) {
    if (!Array.isArray(position) || position.length < 2 || !position.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) return 'geometry: a position is not [x, y] finite numbers';
    const [lon, lat] = toWgs84(position as number[]);
    if (!(lon >= west && lon <= east && lat >= south && lat <= north)) {
      return `geometry: position [${position.slice(0, 2).join(', ')}] in ${crsLabel} lands at ${lon.toFixed(4)}°E ${lat.toFixed(4)}°N, outside Jiangxi; is the declared CRS right?`;
    }
    out.push([Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9]);
  }
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'geometry: the ring must end where it starts';
  out[out.length - 1] = [...out[0]];
  return { type: 'Polygon', coordinates: [out] };
}

/** One problem of one feature, as listed to the user. */
export interface ParcelImportIssue {
  featureIndex: number;
  code: string | null;
  field: string;
  message: string;
}

/**
 * Turns raw features into `review.parcels.create` inputs (pure: no database).
 * @returns the inputs (one per feature, in order) and the issues; the inputs are usable only when `issues` is empty
 * @throws {InputError} for an unknown CRS
 */
export function parcelInputsFromFeatures(raw: readonly RawFeature[], fields: ParcelImportFields): { inputs: ParcelCreateInput[]; issues: ParcelImportIssue[]; crsLabel: string } {
  const { label, toWgs84 } = resolveSourceCrs(fields.crs);
  const names = Object.fromEntries(PARCEL_IMPORT_FIELDS.map((field) => [field, fields[`map.${field}`] ? [fields[`map.${field}`]!] : DEFAULT_ATTRIBUTE_NAMES[field]])) as Record<ParcelImportField, readonly string[]>;
  const inputs: ParcelCreateInput[] = [];
  const issues: ParcelImportIssue[] = [];
  const seenCodes = new Map<string, number>();
  raw.forEach((feature, featureIndex) => {
    const properties = typeof feature.properties === 'object' && feature.properties !== null && !Array.isArray(feature.properties) ? (feature.properties as Record<string, unknown>) : {};
    const candidate: Record<string, unknown> = { regionCode: fields.regionCode };
    for (const field of PARCEL_IMPORT_FIELDS) {
      const value = attribute(properties, names[field]);
      candidate[field] = TEXT_FIELDS.has(field) ? textValue(value) : numberValue(value, fields.ratios === 'percent' && RATIO_FIELDS.has(field));
    }
    if (candidate.nameEn === undefined) delete candidate.nameEn;
    const code = typeof candidate.code === 'string' ? candidate.code.slice(0, 40).replace(/[\u0000-\u001f\u007f]/g, '\ufffd') : null;
    const issue = (field: string, message: string) => issues.push({ featureIndex, code, field, message });
    const boundary = boundaryFromGeometry(feature.geometry, toWgs84, label);
    if (typeof boundary === 'string') {
      issue('boundary', boundary);
      return;
    }
    candidate.boundary = boundary;
    candidate.setbacks = boundary.coordinates[0].slice(1).map(() => ({ ...IMPORT_DEFAULT_SETBACK }));
    candidate.notes = '';
    const result = parcelCreateInput.safeParse(candidate);
    if (!result.success) {
      for (const zodIssue of result.error.issues) {
        const field = String(zodIssue.path[0] ?? 'feature');
        issue(field, zodIssue.message.startsWith(`${field}:`) ? zodIssue.message.slice(field.length + 1).trim() : zodIssue.message);
      }
      return;
    }
    const earlier = seenCodes.get(result.data.code);
    if (earlier !== undefined) issue('code', `${result.data.code} is also the code of feature ${earlier}`);
    else seenCodes.set(result.data.code, featureIndex);
    inputs.push(result.data);
  });
  return { inputs, issues, crsLabel: label };
}

/** The ring's polygon as SQL, counter-clockwise (as parcels-service stores it). */
function boundarySql(boundary: GeoJsonPolygon) {
  return sql`ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(boundary)}), 4326))`;
}

/** Issues PostGIS finds: existing codes, invalid (self-intersecting) rings, areas outside 100 m² – 5 km². */
async function databaseIssues(db: Db, inputs: readonly ParcelCreateInput[]): Promise<ParcelImportIssue[]> {
  const issues: ParcelImportIssue[] = [];
  const indexOfCode = new Map(inputs.map((input, index) => [input.code, index]));
  const existing = await db.select({ code: reviewParcels.code }).from(reviewParcels).where(inArray(reviewParcels.code, [...indexOfCode.keys()]));
  for (const { code } of existing) issues.push({ featureIndex: indexOfCode.get(code)!, code, field: 'code', message: `${code} exists already` });
  const checks = await db.execute<{ idx: number; valid: boolean; reason: string; area: number }>(sql`
    SELECT (e.ordinality - 1)::int AS idx, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g::geography) AS area
    FROM jsonb_array_elements(${JSON.stringify(inputs.map((input) => input.boundary))}::jsonb) WITH ORDINALITY AS e(geom, ordinality),
    LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(e.geom::text), 4326) AS g) s`);
  for (const row of checks.rows) {
    const input = inputs[row.idx];
    if (!row.valid) issues.push({ featureIndex: row.idx, code: input.code, field: 'boundary', message: `not a simple polygon (${row.reason})` });
    else if (row.area < 100 || row.area > 5e6) issues.push({ featureIndex: row.idx, code: input.code, field: 'boundary', message: `area ${Math.round(row.area)} m² is outside 100 m² – 5 km²` });
  }
  return issues;
}

/** The error listing `issues` (feature order, at most {@link PARCEL_IMPORT_LIMITS}.maxListedErrors lines). */
function importError(issues: ParcelImportIssue[]): InputError {
  const sorted = [...issues].sort((a, b) => a.featureIndex - b.featureIndex);
  const shown = sorted.slice(0, PARCEL_IMPORT_LIMITS.maxListedErrors);
  const lines = shown.map((i) => `feature ${i.featureIndex}${i.code ? ` (${i.code})` : ''}: ${i.field}: ${i.message}`);
  if (sorted.length > shown.length) lines.push(`… and ${sorted.length - shown.length} more`);
  return new InputError(`import: nothing was imported, ${issues.length} problem(s):\n${lines.join('\n')}`, { context: { issues: shown } });
}

/**
 * Reads, checks and stores an uploaded parcel file (see module notes).
 * @param file path of the uploaded file (the caller deletes it); `.zip` = Shapefile, otherwise GeoJSON text
 * @param options.fileName the file's name as uploaded (kept, cut and cleaned, in each parcel's notes)
 * @throws {ScopeError} for a region outside the actor's; {@link InputError} listing every bad feature (nothing stored);
 *   {@link ZipTooLargeError} past {@link PARCEL_IMPORT_LIMITS}; {@link ConflictError} when a code was taken meanwhile
 */
export async function importParcels(db: Db, actor: Actor, fields: ParcelImportFields, file: string, options: { fileName: string }): Promise<ParcelImportResult> {
  if (!regionCovers(actor.regionCode, fields.regionCode)) throw new ScopeError(`region ${fields.regionCode} lies outside your region ${actor.regionCode}`);
  const size = (await stat(file)).size;
  if (size > PARCEL_IMPORT_LIMITS.maxFileBytes) throw new ZipTooLargeError(`import: file of ${size} bytes, at most ${PARCEL_IMPORT_LIMITS.maxFileBytes}`);
  const isZip = path.extname(options.fileName).toLowerCase() === '.zip';
  const raw = isZip ? await readShapefileZip(file, PARCEL_IMPORT_LIMITS) : parseGeoJsonText(await readFile(file, 'utf8'));
  if (raw.length === 0) throw new InputError('import: the file has no features');
  if (raw.length > PARCEL_IMPORT_LIMITS.maxFeatures) throw new ZipTooLargeError(`import: ${raw.length} features, at most ${PARCEL_IMPORT_LIMITS.maxFeatures}`);
  const { inputs, issues, crsLabel } = parcelInputsFromFeatures(raw, fields);
  if (issues.length > 0) throw importError(issues);
  const dbIssues = await databaseIssues(db, inputs);
  if (dbIssues.length > 0) throw importError(dbIssues);
  const source = `Imported from ${isZip ? 'Shapefile' : 'GeoJSON'} ${options.fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200)}; source CRS ${crsLabel}`;
  try {
    const parcels = await db.transaction(async (tx) => {
      const stored: { id: string; code: string }[] = [];
      for (let start = 0; start < inputs.length; start += 200) {
        const batch = inputs.slice(start, start + 200);
        const rows = await tx
          .insert(reviewParcels)
          .values(batch.map(({ boundary, ...input }) => ({ ...input, nameEn: input.nameEn ?? null, placement: null, notes: source, boundary: boundarySql(boundary) as unknown as GeoJsonPolygon, createdBy: actor.userId })))
          .returning({ id: reviewParcels.id, code: reviewParcels.code });
        stored.push(...rows);
      }
      const inputByCode = new Map(inputs.map((input) => [input.code, input]));
      for (const row of stored) {
        await recordAudit(tx, actor, { action: 'create', tableName: 'review_parcels', recordId: row.id, recordRegionCode: fields.regionCode, after: { ...inputByCode.get(row.code), notes: source } });
      }
      return stored;
    });
    return { imported: parcels.length, parcels, crsLabel };
  } catch (error) {
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
    if (code === '23505') throw new ConflictError('import: a parcel code was taken by someone else meanwhile; nothing was imported, try again', { cause: error });
    throw error;
  }
}
