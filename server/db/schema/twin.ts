import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LayerKind, LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';
import { anyGeometry, lineString, pointZ, polygon } from '../columns/geo';
import { accountsUsers } from './accounts';

/**
 * Tables of the `twin` plate (unprefixed, STYLE rule 19): converted IFC models and their elements, the layer
 * catalogue and the Nanchang road network (administrative regions are shared reference data: ./regions.ts). Every geometry is EPSG:4326 with a GiST index.
 */

/**
 * Who may see a model: `public` = anyone, also anonymous visitors (published demonstration models);
 * `internal` = signed-in staff whose region scope covers the model's region (see server/accounts/region-scope.ts).
 */
export type ModelVisibility = 'public' | 'internal';
/** Conversion state of a model row. */
export type ModelStatus = 'converting' | 'ready' | 'failed';
/** Axis-aligned box in the model's ENU frame at its anchor, metres. */
export interface EnuBox {
  min: [number, number, number];
  max: [number, number, number];
}

/** One converted (or converting / failed) IFC file with the placement it was converted with. */
export const models = pgTable(
  'models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Display name, zh-CN. */
    name: text('name').notNull(),
    /** Display name in English, null = same as `name` (e.g. a name the uploader gave in one language only). */
    nameEn: text('name_en'),
    fileName: text('file_name').notNull(),
    /** SHA-256 (hex) of the source IFC bytes. */
    sourceSha256: text('source_sha256').notNull(),
    /** Canonical JSON of the user placement, '' when the IFC's own georeferencing was used (cache key part). */
    placementKey: text('placement_key').notNull().default(''),
    /** IFC schema identifier from the file header (`IFC2X3`, `IFC4`, `IFC4X3_ADD2`…); '' until parsed. */
    schema: text('schema').notNull().default(''),
    status: text('status').$type<ModelStatus>().notNull(),
    /** Why the last conversion failed (`GanTwinError` message), null otherwise. */
    errorMessage: text('error_message'),
    /** The report's `georeference` object (anchor, heightDatum, headingDeg, epsg, warnings). */
    georef: jsonb('georef'),
    georefMethod: text('georef_method').notNull().default('none'),
    /** Source projected CRS when one was used. */
    epsg: integer('epsg'),
    /** ENU origin of the tileset: lon/lat degrees, height metres (datum in `georef.heightDatum`). */
    anchor: pointZ('anchor'),
    /** Azimuth of model +Y, clockwise from true north, degrees. */
    headingDeg: doublePrecision('heading_deg'),
    /** Plan outline of the model (lon/lat degrees), from the root bounding box. */
    footprint: polygon('footprint'),
    /** Building height (top − bottom of the root bounding box), metres. */
    heightM: doublePrecision('height_m'),
    /** Output directory relative to `TILES_DIR` (tileset.json, tiles/, properties.json, import/, report.json). */
    tilesetDir: text('tileset_dir').notNull(),
    elementCount: integer('element_count').notNull().default(0),
    /** The whole `report.json`. */
    report: jsonb('report'),
    /** 6-digit admin code of the county/city the model stands in, when known. */
    regionCode: text('region_code'),
    visibility: text('visibility').$type<ModelVisibility>().notNull().default('internal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('models_source_placement_uq').on(t.sourceSha256, t.placementKey),
    index('models_status_idx').on(t.status),
    index('models_anchor_gist').using('gist', t.anchor),
    index('models_footprint_gist').using('gist', t.footprint),
  ],
);

/** One IfcProduct of a model, keyed by its GlobalId (the stable identity across versions). */
export const elements = pgTable(
  'elements',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** IFC GlobalId, 22 chars of the IFC base64 alphabet. */
    globalId: text('global_id').notNull(),
    /** STEP line number; only meaningful inside this model's file. */
    expressId: integer('express_id').notNull(),
    ifcClass: text('ifc_class').notNull(),
    name: text('name'),
    storey: text('storey'),
    typeName: text('type_name'),
    material: text('material'),
    propertySets: jsonb('property_sets').$type<Record<string, Record<string, string | number | boolean | null>>>().notNull().default({}),
    /** Bounding box in the model's ENU frame, metres, when the converter provides one. */
    bboxEnu: jsonb('bbox_enu').$type<EnuBox>(),
    /** 2D outline of `bboxEnu` in lon/lat degrees. */
    footprint: polygon('footprint'),
  },
  (t) => [
    primaryKey({ name: 'elements_pk', columns: [t.modelId, t.globalId] }),
    index('elements_model_class_idx').on(t.modelId, t.ifcClass),
    index('elements_model_storey_idx').on(t.modelId, t.storey),
    index('elements_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('elements_footprint_gist').using('gist', t.footprint),
  ],
);

/**
 * The layer catalogue (CIM layers the viewer can switch on) of every plate: the host seeds each plate manifest's
 * `layers` (server/host/seed-plates.ts); `kind` is one of kernel/layer-kinds.ts `LAYER_KINDS`.
 */
export const layers = pgTable('layers', {
  id: text('id').primaryKey(),
  /** Plate slug that owns the layer (`twin`, `lifelines`, …). */
  plate: text('plate').notNull(),
  /** zh-CN title. */
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  kind: text('kind').$type<LayerKind>().notNull(),
  /** CIM level 1..7 (see DOMAIN.md), null when not applicable. */
  cimLevel: integer('cim_level'),
  /** Provenance, including any datum conversion applied on import. */
  source: text('source').notNull(),
  url: text('url').notNull(),
  defaultVisible: boolean('default_visible').notNull().default(false),
  style: jsonb('style').$type<LayerStyle>(),
  /** Kind-specific parameters (kernel/layer-kinds.ts `LayerKindOptions`), null = the kind's defaults. */
  options: jsonb('options').$type<LayerKindOptions[LayerKind]>(),
  /** Display order in the layer tree (ascending). */
  sortOrder: integer('sort_order').notNull().default(0),
  /** Where the row comes from: a plate's seed, an admin's registration of a service, or an admin's upload. */
  origin: text('origin').$type<LayerOrigin>().notNull().default('seed'),
  /** 6-digit admin code of the region a registered/uploaded layer belongs to (scope of its admins and, if internal, its viewers); null for seeded layers. */
  regionCode: text('region_code'),
  /** `public`: anyone; `internal`: signed-in staff whose scope covers `region_code` (seeded layers are public). */
  visibility: text('visibility').$type<LayerVisibility>().notNull().default('public'),
  /** Attribution shown with the layer (imagery credit, data owner), null = none. */
  attribution: text('attribution'),
  /** The account that registered or uploaded the layer (null for seeded layers). */
  createdBy: text('created_by').references(() => accountsUsers.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('layers_origin_region_idx').on(t.origin, t.regionCode)]);

/** Provenance of a catalogue row (see `layers.origin`). */
export type LayerOrigin = 'seed' | 'registered' | 'uploaded';
/** Who may see a registered or uploaded layer (same rule as {@link ModelVisibility}). */
export type LayerVisibility = 'public' | 'internal';

/**
 * Features of an uploaded vector layer (资源目录 upload: GeoJSON or Shapefile), reprojected to EPSG:4326 on import
 * (the source CRS is recorded in the layer's `source`). Served as `/api/geo/<layerId>` with the layer's scope.
 * The geometry column is `geometry(Geometry,4326)` on purpose: one upload may mix points, lines and polygons;
 * server/twin/catalogue/vector-import.ts admits only the six GeoJSON types.
 */
export const catalogueFeatures = pgTable(
  'catalogue_features',
  {
    layerId: text('layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
    /** 0-based index of the feature in the uploaded file (its `id` when served). */
    featureIndex: integer('feature_index').notNull(),
    /** The feature's properties as uploaded (NUL removed, values of at most 10 000 characters). */
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    geom: anyGeometry('geom').notNull(),
  },
  (t) => [
    primaryKey({ name: 'catalogue_features_pk', columns: [t.layerId, t.featureIndex] }),
    index('catalogue_features_geom_gist').using('gist', t.geom),
  ],
);

/** Central Nanchang road segments (KDD Cup 2021 CityBrain), one straight segment between intersections. */
export const roadSegments = pgTable(
  'road_segments',
  {
    /** `<road_id_forward>` of the source (the reverse direction's id is kept in `reverseRoadId`). */
    id: text('id').primaryKey(),
    reverseRoadId: text('reverse_road_id'),
    fromIntersection: text('from_intersection').notNull(),
    toIntersection: text('to_intersection').notNull(),
    lengthM: doublePrecision('length_m').notNull(),
    lanesForward: integer('lanes_forward').notNull(),
    lanesReverse: integer('lanes_reverse').notNull(),
    speedLimitMps: doublePrecision('speed_limit_mps').notNull(),
    geom: lineString('geom').notNull(),
  },
  (t) => [index('road_segments_geom_gist').using('gist', t.geom)],
);

/**
 * A camera view an account saved in the twin (保存的视角): the camera pose and the layers it had switched on or off.
 * Private to its owner; deleted with the account row (accounts are disabled, not deleted, so this is a safeguard).
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => accountsUsers.id, { onDelete: 'cascade' }),
    /** The name the user gave, 1–80 characters. */
    name: text('name').notNull(),
    /** Camera pose: viewer/core/camera-url.ts `CameraState` (lon/lat degrees, ellipsoidal height m, heading/pitch/roll degrees). */
    camera: jsonb('camera').$type<{ lonDeg: number; latDeg: number; heightEllipsoidalM: number; headingDeg: number; pitchDeg: number; rollDeg: number }>().notNull(),
    /** Layer visibility the user chose, by layer id (only the layers switched away from their default). */
    layerVisibility: jsonb('layer_visibility').$type<Record<string, boolean>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_views_user_idx').on(t.userId, t.createdAt)],
);

/** A model has many elements. */
export const modelsRelations = relations(models, ({ many }) => ({ elements: many(elements) }));
/** An element belongs to one model. */
export const elementsRelations = relations(elements, ({ one }) => ({
  model: one(models, { fields: [elements.modelId], references: [models.id] }),
}));
