import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pointZ, polygon } from '../columns/geo';
import { accountsUsers } from './accounts';

/**
 * Tables of the `review` plate (BIM 报建审查): parcels with their planning conditions (地块, 规划条件), projects
 * (工程建设项目) and their submissions (报建版本). Geometry is EPSG:4326 with a GiST index (STYLE rule 20).
 */

/** What a parcel edge borders: a road red line (道路红线) or a neighbouring parcel (相邻地块). */
export type ParcelEdgeKind = 'road-red-line' | 'neighbour';

/** The setback required from one edge of the parcel's outer ring (退线), in ring order. */
export interface ParcelSetback {
  kind: ParcelEdgeKind;
  /** Minimum horizontal distance from the building footprint to this edge, metres. */
  distanceM: number;
}

/**
 * Where a model without georeferencing (no IfcMapConversion / IfcSite reference) is placed on this parcel: the
 * design base point (设计基准点) of the planning conditions, lon/lat degrees WGS84, height metres, heading = azimuth
 * of the model's +Y axis clockwise from true north, degrees.
 */
export interface ParcelPlacement {
  lonDeg: number;
  latDeg: number;
  heightM: number;
  headingDeg: number;
}

/** One parcel (地块 / 用地红线) and its planning conditions (规划条件). Null condition = not set by the conditions. */
export const reviewParcels = pgTable(
  'review_parcels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Parcel code of the regulatory plan (地块编号), unique, e.g. `HGT-A-01`. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** 6-digit admin code of the city or county the parcel lies in (scope of who may see it). */
    regionCode: text('region_code').notNull(),
    /** Outer ring only (holes are refused), lon/lat degrees, counter-clockwise as stored by the service. */
    boundary: polygon('boundary').notNull(),
    /** Land use code of GB 50137-2011 (R2 二类居住用地, B1 商业用地 …). */
    landUse: text('land_use').notNull(),
    /** 建筑限高, metres above ground level. */
    heightLimitM: doublePrecision('height_limit_m'),
    /** 容积率 (FAR) lower and upper bounds. */
    farMin: doublePrecision('far_min'),
    farMax: doublePrecision('far_max'),
    /** 建筑密度 upper bound, fraction 0–1. */
    densityMax: doublePrecision('density_max'),
    /** 绿地率 lower bound, fraction 0–1. */
    greenRatioMin: doublePrecision('green_ratio_min'),
    /** One setback per edge of the outer ring, in ring order (退线). */
    setbacks: jsonb('setbacks').$type<ParcelSetback[]>().notNull().default([]),
    /** Hours of sunlight required on the 大寒日 (GB 50180-2018 climate zone III: ≥ 2 h), null = none. */
    sunlightHoursMin: doublePrecision('sunlight_hours_min'),
    /** Where ungeoreferenced models are placed (see {@link ParcelPlacement}), null = centroid, heading 0. */
    placement: jsonb('placement').$type<ParcelPlacement>(),
    /** Demonstration data (示例数据), labelled as such wherever the parcel is shown. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** Free text of the planning conditions (规划条件通知书 references, notes). */
    notes: text('notes').notNull().default(''),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => accountsUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_parcels_code_uq').on(t.code),
    index('review_parcels_region_idx').on(t.regionCode),
    index('review_parcels_boundary_gist').using('gist', t.boundary),
    check('review_parcels_density_ck', sql`${t.densityMax} IS NULL OR (${t.densityMax} >= 0 AND ${t.densityMax} <= 1)`),
    check('review_parcels_green_ck', sql`${t.greenRatioMin} IS NULL OR (${t.greenRatioMin} >= 0 AND ${t.greenRatioMin} <= 1)`),
    check('review_parcels_far_ck', sql`${t.farMin} IS NULL OR ${t.farMax} IS NULL OR ${t.farMin} <= ${t.farMax}`),
  ],
);

/** A building project (工程建设项目) an applicant submits for one parcel; its submissions are its versions. */
export const reviewProjects = pgTable(
  'review_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    parcelId: uuid('parcel_id')
      .notNull()
      .references(() => reviewParcels.id, { onDelete: 'restrict' }),
    /** The parcel's region when the project was created (scope of planners who review it). */
    regionCode: text('region_code').notNull(),
    applicantId: text('applicant_id')
      .notNull()
      .references(() => accountsUsers.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('review_projects_applicant_parcel_name_uq').on(t.applicantId, t.parcelId, t.name), index('review_projects_region_idx').on(t.regionCode)],
);

/**
 * State of a submission: 已提交 submitted → 转换中 converting → 自动审查 checking → 待审查 pending-review →
 * 通过 approved / 退回 returned; 失败 failed when the file cannot be converted (its reason kept).
 */
export const SUBMISSION_STATUSES = ['submitted', 'converting', 'checking', 'pending-review', 'approved', 'returned', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** One version of a project: the uploaded IFC, its conversion, its automatic checks and the planner's decision. */
export const reviewSubmissions = pgTable(
  'review_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => reviewProjects.id, { onDelete: 'restrict' }),
    /** 1, 2, … per project: resubmitting creates N+1 and keeps N. */
    version: integer('version').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull().default('submitted'),
    /** Copied from the project (scope filters need no join). */
    regionCode: text('region_code').notNull(),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => accountsUsers.id, { onDelete: 'restrict' }),
    /** The tus upload that delivered the file (idempotent completion: one submission per upload). */
    uploadId: text('upload_id').notNull(),
    sourceFileName: text('source_file_name').notNull(),
    sourceBytes: bigint('source_bytes', { mode: 'number' }).notNull(),
    /** SHA-256 (hex) of the source bytes; the object key is derived from it (content-addressed). */
    sourceSha256: text('source_sha256').notNull(),
    /** `ifc` or `ifczip`, sniffed from the content. */
    sourceFormat: text('source_format').notNull(),
    /** IFC schema from the file header, '' until parsed. */
    ifcSchema: text('ifc_schema').notNull().default(''),
    /** Current job stage and fraction while converting (`{ stage, fraction }`), null otherwise. */
    progress: jsonb('progress').$type<{ stage: string; fraction: number }>(),
    /** Object-store prefix of the published tileset (whole, see server/storage), null until published. */
    tilesetPrefix: text('tileset_prefix'),
    /** ENU origin of the tileset (lon/lat degrees, ellipsoidal height metres), null until converted. */
    anchor: pointZ('anchor'),
    /** The model measures of the conversion (footprint, storeys, GFA with its method, pre-checks). */
    measures: jsonb('measures').$type<Record<string, unknown>>(),
    /** Indicators and checks of the last automatic review, with the conditions they were checked against. */
    checks: jsonb('checks').$type<Record<string, unknown>>(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    /** Why the conversion or checks failed (final failures only), null otherwise. */
    errorMessage: text('error_message'),
    reviewedBy: text('reviewed_by').references(() => accountsUsers.id, { onDelete: 'set null' }),
    reviewComment: text('review_comment'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_submissions_project_version_uq').on(t.projectId, t.version),
    uniqueIndex('review_submissions_upload_uq').on(t.uploadId),
    index('review_submissions_region_status_idx').on(t.regionCode, t.status),
    index('review_submissions_submitted_by_idx').on(t.submittedBy),
    index('review_submissions_anchor_gist').using('gist', t.anchor),
    check('review_submissions_status_ck', sql`${t.status} IN ('submitted','converting','checking','pending-review','approved','returned','failed')`),
  ],
);
