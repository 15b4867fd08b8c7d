import { and, asc, eq } from 'drizzle-orm';
import { accountNameSql } from '@server/accounts/account-names';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import type { GeoJsonPoint, GeoJsonPolygon } from '@server/db/columns/geojson';
import {
  villagesBuildings,
  villagesMedia,
  villagesPanoramas,
  villagesPois,
  villagesRegister,
  villagesSections,
  villagesVillages,
  type MediaVariant,
  type PanoramaHotspot,
  type SectionKind,
} from '@server/db/schema/villages';
import type { BuildingFields } from '../public-village-types';
import { curatedVillage } from './village-scope';

/**
 * What the curators' editor reads: every working row of one village (drafts included), with the `updatedAt` each
 * write must send back. Positions are `[lon, lat]` degrees WGS84; heights metres.
 */

/**
 * Where a village stands with the public: never published, published and unchanged since, or published with working
 * rows changed since (the public still sees the last published document).
 */
export type VillageCurationStatus = 'unpublished' | 'published' | 'changed';

/** The curation status of a village from its `published_at` and `has_draft_changes`. */
export function curationStatus(publishedAt: Date | null, hasDraftChanges: boolean): VillageCurationStatus {
  if (!publishedAt) return 'unpublished';
  return hasDraftChanges ? 'changed' : 'published';
}

/** The village's own fields. */
export interface EditorVillage {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  town: string;
  county: string;
  city: string;
  /** 6-digit county code. */
  regionCode: string;
  position: [number, number];
  isPositionVerified: boolean;
  boundary: GeoJsonPolygon | null;
  nationalBatch: number | null;
  themes: string[];
  summaryZh: string;
  summaryEn: string | null;
  coverMediaId: string | null;
  isDemo: boolean;
  status: VillageCurationStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface EditorSection {
  id: string;
  kind: SectionKind;
  bodyZh: string;
  bodyEn: string | null;
  updatedAt: Date;
}

/** A building in the curators' editor: the published fields plus its order and last change. */
export interface EditorBuilding extends BuildingFields {
  sortOrder: number;
  updatedAt: Date;
}

export interface EditorPoi {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  position: [number, number];
  updatedAt: Date;
}

export interface EditorPanorama {
  id: string;
  mediaId: string;
  titleZh: string;
  titleEn: string | null;
  position: [number, number] | null;
  headingDeg: number;
  hotspots: PanoramaHotspot[];
  sortOrder: number;
  updatedAt: Date;
}

export interface EditorMedia {
  id: string;
  kind: 'photo' | 'panorama';
  buildingId: string | null;
  altZh: string;
  altEn: string | null;
  captionZh: string;
  credit: string;
  width: number;
  height: number;
  variants: MediaVariant[];
  isGenerated: boolean;
  sortOrder: number;
  createdAt: Date;
}

/** Every working row of one village. */
export interface VillageEditorDocument {
  village: EditorVillage;
  sections: EditorSection[];
  buildings: EditorBuilding[];
  pois: EditorPoi[];
  panoramas: EditorPanorama[];
  media: EditorMedia[];
}

function lonLat(point: GeoJsonPoint): [number, number] {
  return [point.coordinates[0], point.coordinates[1]];
}

/**
 * The village's own fields, if the actor's region covers it.
 * @throws {NotFoundError} when there is none or it lies outside the actor's region
 */
export async function editorVillage(db: Db, actor: Actor, code: string): Promise<EditorVillage> {
  const ref = await curatedVillage(db, actor, code);
  const [row] = await db
    .select({
      id: villagesVillages.id,
      code: villagesVillages.code,
      nameZh: villagesVillages.nameZh,
      nameEn: villagesVillages.nameEn,
      town: villagesRegister.town,
      county: villagesRegister.county,
      city: villagesRegister.city,
      regionCode: villagesVillages.regionCode,
      position: villagesVillages.position,
      isPositionVerified: villagesVillages.isPositionVerified,
      boundary: villagesVillages.boundary,
      nationalBatch: villagesVillages.nationalBatch,
      themes: villagesVillages.themes,
      summaryZh: villagesVillages.summaryZh,
      summaryEn: villagesVillages.summaryEn,
      coverMediaId: villagesVillages.coverMediaId,
      isDemo: villagesVillages.isDemo,
      publishedAt: villagesVillages.publishedAt,
      hasDraftChanges: villagesVillages.hasDraftChanges,
      updatedAt: villagesVillages.updatedAt,
      updatedByName: accountNameSql(villagesVillages.updatedBy),
    })
    .from(villagesVillages)
    .innerJoin(villagesRegister, eq(villagesRegister.code, villagesVillages.code))
    .where(and(eq(villagesVillages.id, ref.id), regionScopeSql(villagesVillages.regionCode, actor.regionCode)));
  const { hasDraftChanges, position, ...rest } = row;
  return { ...rest, position: lonLat(position), status: curationStatus(row.publishedAt, hasDraftChanges) };
}

/** The columns of a building the editor shows and writes back (with its version, `updatedAt`). */
export const BUILDING_EDITOR_COLUMNS = {
  id: villagesBuildings.id,
  nameZh: villagesBuildings.nameZh,
  nameEn: villagesBuildings.nameEn,
  eraZh: villagesBuildings.eraZh,
  eraEn: villagesBuildings.eraEn,
  buildingType: villagesBuildings.buildingType,
  protectionLevel: villagesBuildings.protectionLevel,
  descriptionZh: villagesBuildings.descriptionZh,
  descriptionEn: villagesBuildings.descriptionEn,
  footprint: villagesBuildings.footprint,
  heightM: villagesBuildings.heightM,
  sortOrder: villagesBuildings.sortOrder,
  updatedAt: villagesBuildings.updatedAt,
};

/**
 * Every working row of the village of `code` for the editor: sections by kind, buildings in curator order, POIs by
 * name, panoramas and media in curator order.
 * @throws {NotFoundError} when there is none or it lies outside the actor's region
 */
export async function villageEditorDocument(db: Db, actor: Actor, code: string): Promise<VillageEditorDocument> {
  const village = await editorVillage(db, actor, code);
  const [sections, buildings, pois, panoramas, media] = await Promise.all([
    db
      .select({ id: villagesSections.id, kind: villagesSections.kind, bodyZh: villagesSections.bodyZh, bodyEn: villagesSections.bodyEn, updatedAt: villagesSections.updatedAt })
      .from(villagesSections)
      .where(eq(villagesSections.villageId, village.id))
      .orderBy(asc(villagesSections.kind)),
    db
      .select(BUILDING_EDITOR_COLUMNS)
      .from(villagesBuildings)
      .where(eq(villagesBuildings.villageId, village.id))
      .orderBy(asc(villagesBuildings.sortOrder), asc(villagesBuildings.nameZh)),
    db
      .select({
        id: villagesPois.id,
        kind: villagesPois.kind,
        nameZh: villagesPois.nameZh,
        nameEn: villagesPois.nameEn,
        descriptionZh: villagesPois.descriptionZh,
        descriptionEn: villagesPois.descriptionEn,
        position: villagesPois.position,
        updatedAt: villagesPois.updatedAt,
      })
      .from(villagesPois)
      .where(eq(villagesPois.villageId, village.id))
      .orderBy(asc(villagesPois.nameZh)),
    db
      .select({
        id: villagesPanoramas.id,
        mediaId: villagesPanoramas.mediaId,
        titleZh: villagesPanoramas.titleZh,
        titleEn: villagesPanoramas.titleEn,
        position: villagesPanoramas.position,
        headingDeg: villagesPanoramas.headingDeg,
        hotspots: villagesPanoramas.hotspots,
        sortOrder: villagesPanoramas.sortOrder,
        updatedAt: villagesPanoramas.updatedAt,
      })
      .from(villagesPanoramas)
      .where(eq(villagesPanoramas.villageId, village.id))
      .orderBy(asc(villagesPanoramas.sortOrder), asc(villagesPanoramas.titleZh)),
    db
      .select({
        id: villagesMedia.id,
        kind: villagesMedia.kind,
        buildingId: villagesMedia.buildingId,
        altZh: villagesMedia.altZh,
        altEn: villagesMedia.altEn,
        captionZh: villagesMedia.captionZh,
        credit: villagesMedia.credit,
        width: villagesMedia.width,
        height: villagesMedia.height,
        variants: villagesMedia.variants,
        isGenerated: villagesMedia.isGenerated,
        sortOrder: villagesMedia.sortOrder,
        createdAt: villagesMedia.createdAt,
      })
      .from(villagesMedia)
      .where(eq(villagesMedia.villageId, village.id))
      .orderBy(asc(villagesMedia.sortOrder), asc(villagesMedia.createdAt)),
  ]);
  return {
    village,
    sections,
    buildings,
    pois: pois.map((poi) => ({ ...poi, position: lonLat(poi.position) })),
    panoramas: panoramas.map((panorama) => ({ ...panorama, position: panorama.position ? lonLat(panorama.position) : null })),
    media,
  };
}
