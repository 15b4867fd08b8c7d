import { and, asc, eq, sql } from 'drizzle-orm';
import { NotFoundError, ScopeError } from '@kernel/errors';
import type { Actor } from '@server/api/actor';
import { recordAudit } from '@server/accounts/audit';
import { regionCovers } from '@server/accounts/region-scope';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPoint, GeoJsonPolygon } from '@server/db/columns/geojson';
import type { Db } from '@server/db/client';
import {
  villagesBuildings,
  villagesMedia,
  villagesPanoramas,
  villagesPois,
  villagesRegister,
  villagesSections,
  villagesTours,
  villagesVillages,
  type MediaVariant,
} from '@server/db/schema/villages';
import { isVillagesCurator } from './curator-roles';
import { onPublicationChanged } from './publication-effects';
import type { PublicBuilding, PublicImage, PublicPanorama, PublicVillage } from './public-village-types';

/**
 * The public document of a village: built from the working rows (preview, publish) and read back from
 * `villages_villages.published` (anonymous pages). Building the document is the one place that decides which fields
 * are public (./public-village-types.ts).
 */

/** Same-site URL of a stored media variant (served by ./media/media-response.ts). */
export function mediaVariantUrl(variant: Pick<MediaVariant, 'key'>): string {
  return `/media/${variant.key}`;
}

/** Whether `code` is a 12-digit statistical code of Jiangxi (`36…`). */
export function isVillageCode(code: string): boolean {
  return /^36\d{10}$/.test(code);
}

type MediaRow = typeof villagesMedia.$inferSelect;

function publicImage(row: MediaRow): PublicImage {
  // JPEG last: the <picture> source order prefers the modern formats.
  const order = { avif: 0, webp: 1, jpeg: 2 } as const;
  const variants = [...row.variants]
    .sort((a, b) => order[a.format] - order[b.format] || a.width - b.width)
    .map((variant) => ({ url: mediaVariantUrl(variant), format: variant.format, width: variant.width, height: variant.height }));
  return {
    id: row.id,
    kind: row.kind,
    altZh: row.altZh,
    altEn: row.altEn,
    captionZh: row.captionZh,
    captionEn: row.captionEn,
    credit: row.credit,
    width: row.width,
    height: row.height,
    isGenerated: row.isGenerated,
    buildingId: row.buildingId,
    variants,
  };
}

function lonLat(point: GeoJsonPoint | null): [number, number] | null {
  return point ? [point.coordinates[0], point.coordinates[1]] : null;
}

/**
 * Builds the public document of a village from its working rows (what publishing would store now).
 * @param villageId `villages_villages.id`
 * @param publishedAt the time to stamp (ISO 8601)
 * @throws {NotFoundError} when the village does not exist
 */
export async function buildPublicVillage(db: Db, villageId: string, publishedAt: string): Promise<PublicVillage> {
  const [village] = await db
    .select({
      row: villagesVillages,
      position: asGeoJson<GeoJsonPoint>(villagesVillages.position),
      boundary: asGeoJson<GeoJsonPolygon>(villagesVillages.boundary),
      town: villagesRegister.town,
      county: villagesRegister.county,
      countyCode: villagesRegister.countyCode,
      city: villagesRegister.city,
      cityCode: villagesRegister.cityCode,
    })
    .from(villagesVillages)
    .innerJoin(villagesRegister, eq(villagesRegister.code, villagesVillages.code))
    .where(eq(villagesVillages.id, villageId));
  if (!village) throw new NotFoundError(`village ${villageId} does not exist`, { context: { villageId } });

  // One statement after the other: `db` may be a transaction (publish), whose one connection must not be asked
  // concurrently.
  const sections = await db.select().from(villagesSections).where(eq(villagesSections.villageId, villageId));
  const buildings = await db
    .select({ row: villagesBuildings, footprint: asGeoJson<GeoJsonPolygon>(villagesBuildings.footprint), position: asGeoJson<GeoJsonPoint>(sql`ST_PointOnSurface(${villagesBuildings.footprint})`) })
    .from(villagesBuildings)
    .where(eq(villagesBuildings.villageId, villageId))
    .orderBy(asc(villagesBuildings.sortOrder), asc(villagesBuildings.nameZh));
  const media = await db.select().from(villagesMedia).where(eq(villagesMedia.villageId, villageId)).orderBy(asc(villagesMedia.sortOrder), asc(villagesMedia.createdAt));
  const panoramas = await db
    .select({ row: villagesPanoramas, position: asGeoJson<GeoJsonPoint>(villagesPanoramas.position) })
    .from(villagesPanoramas)
    .where(eq(villagesPanoramas.villageId, villageId))
    .orderBy(asc(villagesPanoramas.sortOrder), asc(villagesPanoramas.titleZh));
  const pois = await db.select({ row: villagesPois, position: asGeoJson<GeoJsonPoint>(villagesPois.position) }).from(villagesPois).where(eq(villagesPois.villageId, villageId)).orderBy(asc(villagesPois.nameZh));
  const tours = await db.select().from(villagesTours).where(eq(villagesTours.villageId, villageId));

  const mediaById = new Map(media.map((row) => [row.id, row]));
  const publicBuildings: PublicBuilding[] = buildings.map(({ row, footprint, position }) => ({
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    eraZh: row.eraZh,
    eraEn: row.eraEn,
    buildingType: row.buildingType,
    protectionLevel: row.protectionLevel,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    footprint,
    position: lonLat(position),
    heightM: row.heightM,
  }));
  const buildingIds = new Set(publicBuildings.map((building) => building.id));
  const panoramaIds = new Set(panoramas.map(({ row }) => row.id));
  const publicPanoramas: PublicPanorama[] = panoramas.flatMap(({ row, position }) => {
    const image = mediaById.get(row.mediaId);
    if (!image) return [];
    return [
      {
        id: row.id,
        titleZh: row.titleZh,
        titleEn: row.titleEn,
        image: publicImage(image),
        position: lonLat(position),
        headingDeg: row.headingDeg,
        hotspots: row.hotspots.filter((hotspot) => (hotspot.target.kind === 'building' ? buildingIds.has(hotspot.target.id) : panoramaIds.has(hotspot.target.id) && hotspot.target.id !== row.id)),
      },
    ];
  });
  const cover = village.row.coverMediaId ? mediaById.get(village.row.coverMediaId) : undefined;
  const tour = tours[0];
  const position = lonLat(village.position);
  if (!position) throw new NotFoundError(`village ${village.row.code} has no position`);
  return {
    code: village.row.code,
    nameZh: village.row.nameZh,
    nameEn: village.row.nameEn,
    pinyin: village.row.pinyin,
    initials: village.row.initials,
    town: village.town,
    county: village.county,
    countyCode: village.countyCode,
    city: village.city,
    cityCode: `${village.cityCode}00`,
    position,
    isPositionVerified: village.row.isPositionVerified,
    boundary: village.boundary,
    nationalBatch: village.row.nationalBatch,
    themes: village.row.themes,
    summaryZh: village.row.summaryZh,
    summaryEn: village.row.summaryEn,
    isDemo: village.row.isDemo,
    cover: cover ? publicImage(cover) : null,
    sections: sections
      .filter((section) => section.bodyZh.trim().length > 0)
      .sort((a, b) => SECTION_ORDER.indexOf(a.kind) - SECTION_ORDER.indexOf(b.kind))
      .map((section) => ({ kind: section.kind, bodyZh: section.bodyZh, bodyEn: section.bodyEn && section.bodyEn.trim().length > 0 ? section.bodyEn : null })),
    buildings: publicBuildings,
    panoramas: publicPanoramas,
    photos: media.filter((row) => row.kind === 'photo').map(publicImage),
    pois: pois.flatMap(({ row, position: poiPosition }) => {
      const at = lonLat(poiPosition);
      return at ? [{ id: row.id, kind: row.kind, nameZh: row.nameZh, nameEn: row.nameEn, descriptionZh: row.descriptionZh, descriptionEn: row.descriptionEn, position: at }] : [];
    }),
    tour: tour && tour.stops.length > 0 ? { titleZh: tour.titleZh, titleEn: tour.titleEn, stops: tour.stops } : null,
    publishedAt,
  };
}

const SECTION_ORDER = ['overview', 'history', 'customs', 'crafts'] as const;

/**
 * The published document of a village (what anyone may read), or `null` when the code is malformed, unknown or not
 * published. Reads only `villages_villages.published`.
 */
export async function publicVillageByCode(db: Db, code: string): Promise<PublicVillage | null> {
  if (!isVillageCode(code)) return null;
  const [row] = await db.select({ published: villagesVillages.published }).from(villagesVillages).where(and(eq(villagesVillages.code, code), sql`${villagesVillages.published} IS NOT NULL`));
  return (row?.published as PublicVillage | undefined) ?? null;
}

/** A village's id, region and publish state, after checking that `actor` curates it. */
async function curatedVillage(db: Db, actor: Actor | null, code: string): Promise<{ id: string; regionCode: string; isPublished: boolean }> {
  if (!isVillagesCurator(actor)) throw new ScopeError('only curators (officer, admin) may do this');
  const [row] = isVillageCode(code)
    ? await db.select({ id: villagesVillages.id, regionCode: villagesVillages.regionCode, isPublished: sql<boolean>`${villagesVillages.published} IS NOT NULL` }).from(villagesVillages).where(eq(villagesVillages.code, code))
    : [];
  // Outside the actor's region answers as if absent (no probing), like the curators' editor (./curate/village-scope.ts).
  if (!row || !regionCovers(actor.regionCode, row.regionCode)) throw new NotFoundError(`village ${code} not found in your region`, { context: { code } });
  return row;
}

/**
 * The draft of a village rendered as it would be published (curators of its region), or `null` for anyone else
 * and for unknown codes — a preview never reveals that a draft exists.
 */
export async function previewVillageByCode(db: Db, actor: Actor | null, code: string): Promise<PublicVillage | null> {
  try {
    const village = await curatedVillage(db, actor, code);
    return await buildPublicVillage(db, village.id, new Date().toISOString());
  } catch (error) {
    if (error instanceof ScopeError || error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Publishes a village: stores the public document of its working rows, clears the draft flag and audits, in one
 * transaction (row locked, so two publishes serialise), with its effects (./publication-effects.ts: scene tiles
 * rebuilt, public layers refreshed).
 * @throws {ScopeError} when `actor` is not a curator at all
 * @throws {NotFoundError} when no village has `code` in the actor's region
 */
export async function publishVillage(db: Db, actor: Actor, input: { code: string }): Promise<{ code: string; publishedAt: string }> {
  const village = await curatedVillage(db, actor, input.code);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM villages_villages WHERE id = ${village.id} FOR UPDATE`);
    const publishedAt = new Date().toISOString();
    const document = await buildPublicVillage(tx, village.id, publishedAt);
    await tx.update(villagesVillages).set({ published: document, publishedAt: new Date(publishedAt), hasDraftChanges: false, updatedBy: actor.userId }).where(eq(villagesVillages.id, village.id));
    await recordAudit(tx, actor, {
      action: 'publish',
      tableName: 'villages_villages',
      recordId: village.id,
      recordRegionCode: village.regionCode,
      after: { code: input.code, publishedAt, sections: document.sections.length, buildings: document.buildings.length, panoramas: document.panoramas.length, photos: document.photos.length },
    });
    await onPublicationChanged(tx, village.id);
    return { code: input.code, publishedAt };
  });
}

/**
 * Withdraws a village from the public site (its working rows stay; publishing again restores it; its scene tiles
 * are removed by the job). Audited.
 * @throws {ScopeError} / {NotFoundError} as {@link publishVillage}
 */
export async function unpublishVillage(db: Db, actor: Actor, input: { code: string }): Promise<{ code: string }> {
  const village = await curatedVillage(db, actor, input.code);
  await db.transaction(async (tx) => {
    await tx.update(villagesVillages).set({ published: null, publishedAt: null, hasDraftChanges: true, updatedBy: actor.userId }).where(eq(villagesVillages.id, village.id));
    await onPublicationChanged(tx, village.id);
    await recordAudit(tx, actor, { action: 'unpublish', tableName: 'villages_villages', recordId: village.id, recordRegionCode: village.regionCode, before: { code: input.code, isPublished: village.isPublished } });
  });
  return { code: input.code };
}
