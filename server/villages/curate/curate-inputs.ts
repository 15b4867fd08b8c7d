import { z } from 'zod';
import { BUILDING_TYPE_SLUGS } from '@data/villages/building-types';
import { POI_KIND_SLUGS } from '@data/villages/poi-kinds';
import { VILLAGE_THEME_SLUGS } from '@data/villages/themes';
import { describeInput, integerIn, nulSafeText, uuidSchema } from '@kernel/zod-fields';
import { PROTECTION_LEVELS, SECTION_KINDS } from '@server/db/schema/villages';
import { lonLatSchema, polygonSchema } from './geo-inputs';

/**
 * Input schemas of `villages.curate.*` (validated before any service runs; every message names the field).
 * Updates carry the `updatedAt` of the row the editor read (optimistic concurrency, ./row-version.ts).
 */

/** Longest Markdown body of a section, characters. */
export const MAX_SECTION_CHARS = 50_000;
/** Most hotspots of one panorama. */
export const MAX_HOTSPOTS = 50;
/** Most rows one reorder names (a village has tens of historic buildings). */
export const MAX_REORDER_IDS = 500;

/** A finite number in `min..max` (inclusive unless `exclusiveMin`), the message naming the range and unit. */
function numberIn(min: number, max: number, unit: string, exclusiveMin = false) {
  const range = `${exclusiveMin ? '>' : ''}${min}..${max} ${unit}`;
  const error = (issue: { input?: unknown }) => `must be a number ${range}, got ${describeInput(issue.input)}`;
  return z
    .number({ error })
    .refine(Number.isFinite, { error })
    .refine((value) => (exclusiveMin ? value > min : value >= min) && value <= max, { error });
}

/** 12-digit statistical code of a village (统计用区划代码) in Jiangxi. */
export const villageCodeSchema = z.string().regex(/^36\d{10}$/, { error: (issue) => `must be a 12-digit Jiangxi village code (36…), got ${describeInput(issue.input)}` });

/** The `updatedAt` of the row as the editor read it. */
const updatedAtSchema = z.date({ error: (issue) => `updatedAt: must be the row's updatedAt as read (a date), got ${describeInput(issue.input)}` });

const nameZh = nulSafeText(60, 1);
const nameEn = nulSafeText(120).nullable();
const markdown = nulSafeText(MAX_SECTION_CHARS);
const shortText = nulSafeText(5000);

export const registerSearchInput = z.object({ query: nulSafeText(40, 1) }).strict();

export const villageCodeInput = z.object({ code: villageCodeSchema }).strict();

export const villageCreateInput = z.object({ registerCode: villageCodeSchema, nameZh: nameZh.optional() }).strict();

export const villageUpdateInput = z
  .object({
    code: villageCodeSchema,
    updatedAt: updatedAtSchema,
    nameZh: nameZh.optional(),
    nameEn: nameEn.optional(),
    summaryZh: nulSafeText(1000).optional(),
    summaryEn: nulSafeText(2000).nullable().optional(),
    nationalBatch: integerIn(1, 6).nullable().optional(),
    themes: z
      .array(z.enum(VILLAGE_THEME_SLUGS, { error: (issue) => `must be one of ${VILLAGE_THEME_SLUGS.join(', ')}, got ${describeInput(issue.input)}` }))
      .max(VILLAGE_THEME_SLUGS.length)
      .refine((themes) => new Set(themes).size === themes.length, { error: 'must not repeat a theme' })
      .optional(),
    position: lonLatSchema.optional(),
    isPositionVerified: z.boolean().optional(),
    boundary: polygonSchema.nullable().optional(),
    coverMediaId: uuidSchema.nullable().optional(),
  })
  .strict();

export const sectionUpsertInput = z
  .object({
    code: villageCodeSchema,
    kind: z.enum(SECTION_KINDS, { error: (issue) => `must be one of ${SECTION_KINDS.join(', ')}, got ${describeInput(issue.input)}` }),
    bodyZh: markdown,
    bodyEn: markdown.nullable(),
    /** The section's updatedAt as read; null = the editor saw no section of this kind yet. */
    updatedAt: updatedAtSchema.nullable(),
  })
  .strict();

const buildingFields = {
  nameZh,
  nameEn,
  eraZh: nulSafeText(60),
  eraEn: nulSafeText(120).nullable(),
  buildingType: z.enum(BUILDING_TYPE_SLUGS, { error: (issue) => `must be one of ${BUILDING_TYPE_SLUGS.join(', ')}, got ${describeInput(issue.input)}` }),
  protectionLevel: z.enum(PROTECTION_LEVELS, { error: (issue) => `must be one of ${PROTECTION_LEVELS.join(', ')}, got ${describeInput(issue.input)}` }),
  descriptionZh: shortText,
  descriptionEn: shortText.nullable(),
  footprint: polygonSchema.nullable(),
  /** Eave height, m, > 0 and ≤ 100 (the schema's check), null = unknown. */
  heightM: numberIn(0, 100, 'm', true).nullable(),
};

export const buildingCreateInput = z.object({ code: villageCodeSchema, ...buildingFields }).strict();
export const buildingUpdateInput = z.object({ id: uuidSchema, updatedAt: updatedAtSchema, ...buildingFields }).partial().required({ id: true, updatedAt: true }).strict();
export const rowDeleteInput = z.object({ id: uuidSchema, updatedAt: updatedAtSchema }).strict();
export const buildingReorderInput = z.object({ code: villageCodeSchema, ids: z.array(uuidSchema).max(MAX_REORDER_IDS) }).strict();

const poiFields = {
  kind: z.enum(POI_KIND_SLUGS, { error: (issue) => `must be one of ${POI_KIND_SLUGS.join(', ')}, got ${describeInput(issue.input)}` }),
  nameZh,
  nameEn,
  descriptionZh: shortText,
  descriptionEn: shortText.nullable(),
  position: lonLatSchema,
};

export const poiCreateInput = z.object({ code: villageCodeSchema, ...poiFields }).strict();
export const poiUpdateInput = z.object({ id: uuidSchema, updatedAt: updatedAtSchema, ...poiFields }).partial().required({ id: true, updatedAt: true }).strict();

/** A hotspot of a panorama (schema/villages.ts PanoramaHotspot). */
export const hotspotSchema = z
  .object({
    yawDeg: numberIn(-180, 180, '°'),
    pitchDeg: numberIn(-90, 90, '°'),
    target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('building'), id: uuidSchema }).strict(), z.object({ kind: z.literal('panorama'), id: uuidSchema }).strict()], {
      error: 'target must be {"kind": "building" | "panorama", "id": <uuid>}',
    }),
    labelZh: nulSafeText(60, 1),
    labelEn: nulSafeText(120).nullable(),
  })
  .strict();

const panoramaFields = {
  mediaId: uuidSchema,
  titleZh: nameZh,
  titleEn: nameEn,
  position: lonLatSchema.nullable(),
  /** Compass heading of the image's centre column, degrees clockwise from north, 0..360. */
  headingDeg: numberIn(0, 360, '°'),
  hotspots: z.array(hotspotSchema).max(MAX_HOTSPOTS, { error: `at most ${MAX_HOTSPOTS} hotspots` }),
};

export const panoramaCreateInput = z.object({ code: villageCodeSchema, ...panoramaFields }).strict();
export const panoramaUpdateInput = z.object({ id: uuidSchema, updatedAt: updatedAtSchema, ...panoramaFields }).partial().required({ id: true, updatedAt: true }).strict();

export type VillageCreateInput = z.infer<typeof villageCreateInput>;
export type VillageUpdateInput = z.infer<typeof villageUpdateInput>;
export type SectionUpsertInput = z.infer<typeof sectionUpsertInput>;
export type BuildingCreateInput = z.infer<typeof buildingCreateInput>;
export type BuildingUpdateInput = z.infer<typeof buildingUpdateInput>;
export type BuildingReorderInput = z.infer<typeof buildingReorderInput>;
export type RowDeleteInput = z.infer<typeof rowDeleteInput>;
export type PoiCreateInput = z.infer<typeof poiCreateInput>;
export type PoiUpdateInput = z.infer<typeof poiUpdateInput>;
export type PanoramaCreateInput = z.infer<typeof panoramaCreateInput>;
export type PanoramaUpdateInput = z.infer<typeof panoramaUpdateInput>;
export type HotspotInput = z.infer<typeof hotspotSchema>;
