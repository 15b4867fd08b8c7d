import { and, asc, eq, sql } from 'drizzle-orm';
import { changedFields, recordAudit } from '@server/accounts/audit';
import { regionCovers, regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPolygon } from '@server/db/columns/geojson';
import { reviewParcels, reviewProjects, type ParcelPlacement, type ParcelSetback } from '@server/db/schema/review';
import { ConflictError, InputError, NotFoundError, ScopeError } from '@kernel/errors';
import type { ParcelCreateInput, ParcelUpdateInput } from './inputs';

/**
 * Parcels (地块) and their planning conditions (规划条件): listed for signed-in accounts of the parcel's region,
 * created, changed and removed by planners and admins of that region, every change audited in its transaction.
 * The conditions are data: a changed limit changes the next automatic check (./submissions-service.ts `recheck`)
 * without a redeploy.
 * @see docs/api.md "review.parcels"
 */

/** Roles that edit parcels. */
export const PARCEL_EDITOR_ROLES = ['planner', 'admin'] as const;

/** One parcel as the API returns it. */
export interface Parcel {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  /** Outer ring, lon/lat degrees (counter-clockwise as stored). */
  boundary: GeoJsonPolygon;
  landUse: string;
  heightLimitM: number | null;
  farMin: number | null;
  farMax: number | null;
  densityMax: number | null;
  greenRatioMin: number | null;
  setbacks: ParcelSetback[];
  sunlightHoursMin: number | null;
  placement: ParcelPlacement | null;
  isDemo: boolean;
  notes: string;
  /** Parcel area on the ellipsoid (PostGIS geography), m². */
  areaM2: number;
  version: number;
  updatedAt: Date;
}

const PARCEL_COLUMNS = {
  id: reviewParcels.id,
  code: reviewParcels.code,
  name: reviewParcels.name,
  nameEn: reviewParcels.nameEn,
  regionCode: reviewParcels.regionCode,
  boundary: asGeoJson<GeoJsonPolygon>(reviewParcels.boundary, 9).as('boundary'),
  landUse: reviewParcels.landUse,
  heightLimitM: reviewParcels.heightLimitM,
  farMin: reviewParcels.farMin,
  farMax: reviewParcels.farMax,
  densityMax: reviewParcels.densityMax,
  greenRatioMin: reviewParcels.greenRatioMin,
  setbacks: reviewParcels.setbacks,
  sunlightHoursMin: reviewParcels.sunlightHoursMin,
  placement: reviewParcels.placement,
  isDemo: reviewParcels.isDemo,
  notes: reviewParcels.notes,
  areaM2: sql<number>`ST_Area(${reviewParcels.boundary}::geography)`.mapWith(Number).as('area_m2'),
  version: reviewParcels.version,
  updatedAt: reviewParcels.updatedAt,
};

/** Parcels the actor may see (its region), by code. At most 2000 (a city has hundreds of regulatory parcels). */
export async function listParcels(db: Db, actor: Actor): Promise<Parcel[]> {
  const rows = await db.select(PARCEL_COLUMNS).from(reviewParcels).where(regionScopeSql(reviewParcels.regionCode, actor.regionCode)).orderBy(asc(reviewParcels.code)).limit(2000);
  return rows as Parcel[];
}

/**
 * One parcel the actor may see.
 * @throws {NotFoundError} when it does not exist or lies outside the actor's region (the same answer: no probing)
 */
export async function parcelById(db: Db, actor: Actor, id: string): Promise<Parcel> {
  const [row] = await db
    .select(PARCEL_COLUMNS)
    .from(reviewParcels)
    .where(and(eq(reviewParcels.id, id), regionScopeSql(reviewParcels.regionCode, actor.regionCode)));
  if (!row) throw new NotFoundError(`parcel ${id} not found`);
  return row as Parcel;
}

/** The ring's polygon as SQL, counter-clockwise, refused by PostGIS validity rules. */
function boundarySql(boundary: GeoJsonPolygon) {
  return sql`ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(boundary)}), 4326))`;
}

/**
 * Checks a boundary with PostGIS: a valid simple polygon (no self-intersection) of 100 m² to 5 km².
 * @throws {InputError} naming the reason (PostGIS `ST_IsValidReason`)
 */
async function assertValidBoundary(db: Db, boundary: GeoJsonPolygon): Promise<void> {
  const [row] = (
    await db.execute<{ valid: boolean; reason: string; area: number }>(
      sql`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g::geography) AS area FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(boundary)}), 4326) AS g) s`,
    )
  ).rows;
  if (!row.valid) throw new InputError(`boundary: not a simple polygon (${row.reason})`);
  if (row.area < 100 || row.area > 5e6) throw new InputError(`boundary: area ${Math.round(row.area)} m² is outside 100 m² – 5 km² (a parcel, not a point or a district)`);
}

function assertEditable(actor: Actor, regionCode: string): void {
  if (!regionCovers(actor.regionCode, regionCode)) throw new ScopeError(`region ${regionCode} lies outside your region ${actor.regionCode}`);
}

/** A ring's corner count from its closed GeoJSON ring. */
function edgeCount(boundary: GeoJsonPolygon): number {
  return boundary.coordinates[0].length - 1;
}

/**
 * Creates a parcel in the actor's region.
 * @throws {ScopeError} outside the actor's region; {@link InputError} for an invalid boundary; {@link ConflictError}
 *   when the code exists
 */
export async function createParcel(db: Db, actor: Actor, input: ParcelCreateInput): Promise<Parcel> {
  assertEditable(actor, input.regionCode);
  await assertValidBoundary(db, input.boundary);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: reviewParcels.id }).from(reviewParcels).where(eq(reviewParcels.code, input.code));
    if (existing) throw new ConflictError(`parcel code ${input.code} exists already`);
    const { boundary, ...fields } = input;
    const [{ id }] = await tx
      .insert(reviewParcels)
      .values({ ...fields, nameEn: fields.nameEn ?? null, placement: fields.placement ?? null, notes: fields.notes ?? '', boundary: boundarySql(boundary) as unknown as GeoJsonPolygon, createdBy: actor.userId })
      .returning({ id: reviewParcels.id });
    await recordAudit(tx, actor, { action: 'create', tableName: 'review_parcels', recordId: id, recordRegionCode: input.regionCode, after: { ...fields, boundary } });
    return parcelById(tx, actor, id);
  });
}

/**
 * Changes a parcel's fields; `version` must be the one the editor read.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when someone changed it since;
 *   {@link InputError} when the setbacks no longer match the boundary's edges
 */
export async function updateParcel(db: Db, actor: Actor, input: ParcelUpdateInput): Promise<Parcel> {
  if (input.boundary) await assertValidBoundary(db, input.boundary);
  if (input.regionCode) assertEditable(actor, input.regionCode);
  return db.transaction(async (tx) => {
    const before = await parcelById(tx, actor, input.id);
    if (before.version !== input.version) throw new ConflictError(`parcel ${before.code} was changed by someone else (version ${before.version}, you read ${input.version}); reload it`);
    const { id, version, boundary, ...fields } = input;
    const setbacks = fields.setbacks ?? before.setbacks;
    const edges = edgeCount(boundary ?? before.boundary);
    if (setbacks.length !== edges) throw new InputError(`setbacks: needs one setback per edge of the boundary: ${edges} edges, got ${setbacks.length}`);
    // The input check sees only the fields sent: FAR bounds are checked again against the stored other half.
    const farMin = fields.farMin !== undefined ? fields.farMin : before.farMin;
    const farMax = fields.farMax !== undefined ? fields.farMax : before.farMax;
    if (farMin !== null && farMax !== null && farMin > farMax) throw new InputError(`farMin: ${farMin} is above farMax ${farMax}`);
    if (fields.code !== undefined && fields.code !== before.code) {
      const [taken] = await tx.select({ id: reviewParcels.id }).from(reviewParcels).where(eq(reviewParcels.code, fields.code));
      if (taken) throw new ConflictError(`parcel code ${fields.code} exists already`);
    }
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const updated = await tx
      .update(reviewParcels)
      .set({ ...changes, ...(boundary ? { boundary: boundarySql(boundary) as unknown as GeoJsonPolygon } : {}), version: version + 1, updatedAt: new Date() })
      .where(and(eq(reviewParcels.id, id), eq(reviewParcels.version, version)))
      .returning({ id: reviewParcels.id });
    // Another editor saved the same version between our read and this update (the row lock made us wait for it).
    if (updated.length === 0) throw new ConflictError(`parcel ${before.code} was changed by someone else meanwhile (you read version ${version}); reload it`);
    const diff = changedFields(before as unknown as Record<string, unknown>, { ...changes, ...(boundary ? { boundary } : {}) });
    await recordAudit(tx, actor, { action: 'update', tableName: 'review_parcels', recordId: id, recordRegionCode: before.regionCode, ...diff });
    return parcelById(tx, actor, id);
  });
}

/**
 * Removes a parcel that no project names.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when projects were submitted for it
 */
export async function removeParcel(db: Db, actor: Actor, id: string): Promise<Parcel> {
  return db.transaction(async (tx) => {
    const before = await parcelById(tx, actor, id);
    const [project] = await tx.select({ id: reviewProjects.id }).from(reviewProjects).where(eq(reviewProjects.parcelId, id)).limit(1);
    if (project) throw new ConflictError(`parcel ${before.code} has submitted projects and cannot be removed`);
    await tx.delete(reviewParcels).where(eq(reviewParcels.id, id));
    await recordAudit(tx, actor, { action: 'delete', tableName: 'review_parcels', recordId: id, recordRegionCode: before.regionCode, before: { code: before.code, name: before.name } });
    return before;
  });
}
