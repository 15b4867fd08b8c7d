import type { BuildingType, PROTECTION_LEVEL_LABELS } from '@data/villages/building-types';
import type { PoiKind } from '@data/villages/poi-kinds';
import type { VillageTheme } from '@data/villages/themes';

/**
 * The shapes the curators' panels render and emit (declared here, satisfied structurally by the `villages.curate`
 * procedures' outputs and inputs; viewer/ never imports server/). Positions `[lon, lat]` degrees WGS84, heights metres.
 */

/** A GeoJSON Polygon of `[lon, lat]` degrees. */
export interface PolygonShape {
  type: 'Polygon';
  coordinates: number[][][];
}

/** Never published, published and unchanged, or published with unpublished changes. */
export type CurationStatus = 'unpublished' | 'published' | 'changed';

export interface CurateVillageView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  town: string;
  county: string;
  city: string;
  position: [number, number];
  isPositionVerified: boolean;
  boundary: PolygonShape | null;
  nationalBatch: number | null;
  themes: string[];
  summaryZh: string;
  summaryEn: string | null;
  coverMediaId: string | null;
  status: CurationStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  updatedByName: string | null;
}

/** The village fields a save changes (only those the curator changed are present). */
export interface CurateVillagePatch {
  nameZh?: string;
  nameEn?: string | null;
  summaryZh?: string;
  summaryEn?: string | null;
  nationalBatch?: number | null;
  themes?: VillageTheme[];
  position?: [number, number];
  isPositionVerified?: boolean;
  boundary?: { type: 'Polygon'; coordinates: [number, number][][] } | null;
}

export type SectionKindName = 'overview' | 'history' | 'customs' | 'crafts';

export interface CurateSectionView {
  id: string;
  kind: SectionKindName;
  bodyZh: string;
  bodyEn: string | null;
  updatedAt: Date;
}

/** Editable fields of a historic building. */
export interface CurateBuildingFields {
  nameZh: string;
  nameEn: string | null;
  eraZh: string;
  eraEn: string | null;
  buildingType: BuildingType;
  protectionLevel: keyof typeof PROTECTION_LEVEL_LABELS;
  descriptionZh: string;
  descriptionEn: string | null;
  footprint: { type: 'Polygon'; coordinates: [number, number][][] } | null;
  heightM: number | null;
}

export interface CurateBuildingView extends Omit<CurateBuildingFields, 'footprint' | 'buildingType' | 'protectionLevel'> {
  id: string;
  buildingType: string;
  protectionLevel: string;
  footprint: PolygonShape | null;
  sortOrder: number;
  updatedAt: Date;
}

/** Editable fields of a point of interest. */
export interface CuratePoiFields {
  kind: PoiKind;
  nameZh: string;
  nameEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  position: [number, number];
}

export interface CuratePoiView extends Omit<CuratePoiFields, 'kind'> {
  id: string;
  kind: string;
  updatedAt: Date;
}

/** A hotspot of a panorama: direction (degrees) and target. */
export interface CurateHotspot {
  yawDeg: number;
  pitchDeg: number;
  target: { kind: 'building' | 'panorama'; id: string };
  labelZh: string;
  labelEn: string | null;
}

/** Editable fields of a panorama stop. */
export interface CuratePanoramaFields {
  mediaId: string;
  titleZh: string;
  titleEn: string | null;
  position: [number, number] | null;
  headingDeg: number;
  hotspots: CurateHotspot[];
}

export interface CuratePanoramaView extends CuratePanoramaFields {
  id: string;
  updatedAt: Date;
}

export interface CurateMediaView {
  id: string;
  kind: 'photo' | 'panorama';
  buildingId: string | null;
  altZh: string;
  captionZh: string;
  credit: string;
  width: number;
  height: number;
  variants: { key: string; format: string; width: number; height: number }[];
  isGenerated: boolean;
}

/** A row the panels update or delete: its id and the `updatedAt` the curator read. */
export interface RowVersion {
  id: string;
  updatedAt: Date;
}
