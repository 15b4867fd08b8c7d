import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { GeoJsonPolygon } from '../columns/geojson';
import { point, polygon } from '../columns/geo';
import { accountsUsers } from './accounts';

/**
 * Tables of the `villages` plate (传统村落数字博物馆, the traditional-village museum).
 *
 * Drafts vs published: curators edit the working rows below (village, sections, buildings, media, panoramas, points
 * of interest, tour). Publishing copies the public projection of all of them into `villages_villages.published`
 * (one JSON document, server/villages/public-village.ts) in one transaction; anonymous readers only ever read that
 * document, so a draft edit is never visible before it is published, and no field outside the public projection
 * (who edited, when, internal notes, original uploads) can reach them.
 *
 * Languages: Simplified Chinese is required, English optional (`…En` null = show the Chinese).
 */

/**
 * The official register of village-level units (村委会/居委会) of Jiangxi, 统计用区划代码 2023 (22 080 rows), seeded
 * from `../shared/data/villages/jiangxi_villages_2023.csv` with pinyin for search. Read-only reference data.
 */
export const villagesRegister = pgTable(
  'villages_register',
  {
    /** 12-digit statistical code (e.g. 361130102204 李坑村委会). */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    townCode: text('town_code').notNull(),
    town: text('town').notNull(),
    /** 6-digit GB/T 2260 county code. */
    countyCode: text('county_code').notNull(),
    county: text('county').notNull(),
    /** 4-digit city part of the code as in the register (`3611`); the region code is `<city>00`. */
    cityCode: text('city_code').notNull(),
    city: text('city').notNull(),
    /** Full pinyin without tones or spaces, lower case (`likengcunweihui`). */
    pinyin: text('pinyin').notNull(),
    /** Pinyin initials, lower case (`lkcwh`). */
    initials: text('initials').notNull(),
  },
  (t) => [index('villages_register_county_idx').on(t.countyCode), index('villages_register_pinyin_idx').on(t.pinyin), index('villages_register_name_idx').on(t.name)],
);

/** Protection levels of a historic building (文物保护单位 levels, then 历史建筑 and none). */
export const PROTECTION_LEVELS = ['national', 'provincial', 'municipal', 'county', 'historic-building', 'none'] as const;
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number];

/** Text sections of a village page; panoramas, buildings and media are sections of their own rows. */
export const SECTION_KINDS = ['overview', 'history', 'customs', 'crafts'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** A camera pose of the twin, degrees and metres (heights ellipsoidal, WGS84). */
export interface TourCamera {
  lon: number;
  lat: number;
  heightEllipsoidalM: number;
  headingDeg: number;
  pitchDeg: number;
}

/** One stop of a guided tour: where the camera goes, what the caption says, how long it stays. */
export interface TourStop {
  camera: TourCamera;
  captionZh: string;
  captionEn: string | null;
  /** Flight time to this stop, seconds. */
  flightS: number;
  /** Time spent at this stop, seconds. */
  holdS: number;
}

/** A hotspot in a panorama: a direction and what it links to. */
export interface PanoramaHotspot {
  /** Horizontal angle from the panorama's centre column, degrees, −180..180 (positive = right). */
  yawDeg: number;
  /** Vertical angle from the horizon, degrees, −90..90 (positive = up). */
  pitchDeg: number;
  target: { kind: 'building'; id: string } | { kind: 'panorama'; id: string };
  labelZh: string;
  labelEn: string | null;
}

/** One stored size/format of an image (media variants), under the plate host's object store. */
export interface MediaVariant {
  /** Object key in the store (`villages/media/<sha256>/<width>.<format>`). */
  key: string;
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  bytes: number;
}

/** A traditional village of the museum, tied to its register code. */
export const villagesVillages = pgTable(
  'villages_villages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 12-digit statistical code, unique: the page address `/villages/<code>`. */
    code: text('code')
      .notNull()
      .references(() => villagesRegister.code),
    /** 6-digit GB/T 2260 code of the county it lies in (curators' scope). */
    regionCode: text('region_code').notNull(),
    /** Display name (e.g. 李坑村; the register says 李坑村委会). */
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    /** Pinyin of the display name (search), lower case without tones. */
    pinyin: text('pinyin').notNull(),
    initials: text('initials').notNull(),
    /** Where the village is, lon/lat degrees WGS84. */
    position: point('position').notNull(),
    /** False = placed at its county's label point until a curator sets the surveyed position. */
    isPositionVerified: boolean('is_position_verified').notNull().default(false),
    /** Village boundary (村域 or protected core area), WGS84, null = not drawn yet. */
    boundary: polygon('boundary').$type<GeoJsonPolygon | null>(),
    /** 中国传统村落 national batch 1..6, null = not on a national list. */
    nationalBatch: smallint('national_batch'),
    /** Themes (data/villages/themes.ts). */
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** One-paragraph summary (list card, page description, Open Graph). */
    summaryZh: text('summary_zh').notNull().default(''),
    summaryEn: text('summary_en'),
    /** Cover image (a row of villages_media), null = none. */
    coverMediaId: uuid('cover_media_id'),
    /** Sample text and generated imagery (示例内容), labelled as such on every page. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** The public document (server/villages/public-village.ts) as last published, null = never published. */
    published: jsonb('published'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** True when a working row changed after the last publish. */
    hasDraftChanges: boolean('has_draft_changes').notNull().default(true),
    updatedBy: text('updated_by').references(() => accountsUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('villages_villages_code_uq').on(t.code),
    index('villages_villages_region_idx').on(t.regionCode),
    index('villages_villages_position_gist').using('gist', t.position),
    index('villages_villages_boundary_gist').using('gist', t.boundary),
    check('villages_villages_batch_ck', sql`${t.nationalBatch} IS NULL OR ${t.nationalBatch} BETWEEN 1 AND 6`),
    check('villages_villages_code_ck', sql`${t.code} ~ '^36[0-9]{10}$'`),
  ],
);

/** A Markdown text section of a village page (one per kind). */
export const villagesSections = pgTable(
  'villages_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SectionKind>().notNull(),
    /** Markdown (CommonMark, rendered without raw HTML). Empty = section hidden. */
    bodyZh: text('body_zh').notNull().default(''),
    bodyEn: text('body_en'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('villages_sections_village_kind_uq').on(t.villageId, t.kind)],
);

/** A historic building (传统建筑) of a village. */
export const villagesBuildings = pgTable(
  'villages_buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    /** Era of construction as written (明 / 清乾隆年间 / 民国). */
    eraZh: text('era_zh').notNull().default(''),
    eraEn: text('era_en'),
    /** Building type (data/villages/building-types.ts: ancestral-hall, residence …). */
    buildingType: text('building_type').notNull(),
    protectionLevel: text('protection_level').$type<ProtectionLevel>().notNull().default('none'),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en'),
    /** Footprint, WGS84, null = not surveyed (then no 3D block). */
    footprint: polygon('footprint').$type<GeoJsonPolygon | null>(),
    /** Eave height above ground, m, null = unknown. */
    heightM: doublePrecision('height_m'),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('villages_buildings_village_idx').on(t.villageId), index('villages_buildings_footprint_gist').using('gist', t.footprint), check('villages_buildings_height_ck', sql`${t.heightM} IS NULL OR (${t.heightM} > 0 AND ${t.heightM} <= 100)`)],
);

/** An image of a village (photo or equirectangular panorama), stored as responsive variants. */
export const villagesMedia = pgTable(
  'villages_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    /** The building it shows, null = the village in general. */
    buildingId: uuid('building_id').references(() => villagesBuildings.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'photo' | 'panorama'>().notNull(),
    /** Alternative text (required: every image has one). */
    altZh: text('alt_zh').notNull(),
    altEn: text('alt_en'),
    captionZh: text('caption_zh').notNull().default(''),
    captionEn: text('caption_en'),
    /** Author / source line shown under the image. */
    credit: text('credit').notNull().default(''),
    /** SHA-256 (hex) of the uploaded bytes (deduplication, provenance; the original is not kept). */
    sourceSha256: text('source_sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    variants: jsonb('variants').$type<MediaVariant[]>().notNull(),
    /** Generated by the project (e.g. rendered from the 3D scene), not a photograph. */
    isGenerated: boolean('is_generated').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: text('created_by').references(() => accountsUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('villages_media_village_idx').on(t.villageId),
    index('villages_media_building_idx').on(t.buildingId),
    // The media route finds a variant's row by the hash in its key; one image per village (closes the upload race).
    index('villages_media_source_idx').on(t.sourceSha256),
    uniqueIndex('villages_media_village_source_uq').on(t.villageId, t.sourceSha256),
  ],
);

/** A panorama stop (全景漫游) of a village: one equirectangular image with hotspots. */
export const villagesPanoramas = pgTable(
  'villages_panoramas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => villagesMedia.id, { onDelete: 'restrict' }),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    /** Where it was taken, WGS84, null = unknown. */
    position: point('position'),
    /** Compass heading of the image's centre column, degrees clockwise from north. */
    headingDeg: doublePrecision('heading_deg').notNull().default(0),
    hotspots: jsonb('hotspots').$type<PanoramaHotspot[]>().notNull().default(sql`'[]'::jsonb`),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('villages_panoramas_village_idx').on(t.villageId), index('villages_panoramas_position_gist').using('gist', t.position)],
);

/** A point of interest (古井, 古树, 码头, 观景点 …) of a village scene. */
export const villagesPois = pgTable(
  'villages_pois',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    villageId: uuid('village_id')
      .notNull()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    /** Kind (data/villages/poi-kinds.ts). */
    kind: text('kind').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en'),
    position: point('position').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('villages_pois_village_idx').on(t.villageId), index('villages_pois_position_gist').using('gist', t.position)],
);

/** The guided tour (导览) of a village's 3D scene, recorded by a curator: camera stops with captions. */
export const villagesTours = pgTable(
  'villages_tours',
  {
    villageId: uuid('village_id')
      .primaryKey()
      .references(() => villagesVillages.id, { onDelete: 'cascade' }),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    stops: jsonb('stops').$type<TourStop[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

/**
 * The published 3D Tiles of a village's historic buildings (footprints extruded to their heights), built when the
 * village is published; one row per village, replaced atomically by the next build.
 */
export const villagesSceneTilesets = pgTable('villages_scene_tilesets', {
  villageId: uuid('village_id')
    .primaryKey()
    .references(() => villagesVillages.id, { onDelete: 'cascade' }),
  /** Object-store version prefix, `villages/scenes/<code>/<publishId>`. */
  prefix: text('prefix').notNull(),
  /** 3D Tiles `region`: [west, south, east, north] radians, [min, max] height m above the WGS84 ellipsoid. */
  boundingRegion: jsonb('bounding_region').$type<number[]>().notNull(),
  buildingCount: integer('building_count').notNull(),
  bytes: integer('bytes').notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
});
