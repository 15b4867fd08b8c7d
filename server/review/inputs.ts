import { z } from 'zod';
import { describeInput, integerIn, nulSafeText, regionCodeSchema, uuidSchema } from '@kernel/zod-fields';

/**
 * Input schemas of the `review` plate's procedures (validated before any service runs; messages name the field).
 * @see docs/api.md "review"
 */

/** Most vertices of a parcel's outer ring (a regulatory-plan parcel has tens; this bounds one request's work). */
export const MAX_PARCEL_VERTICES = 500;

const finite = (what: string) => z.number({ error: (issue) => `${what}: must be a number, got ${describeInput(issue.input)}` }).refine(Number.isFinite, { error: `${what}: must be finite` });
const metres = (min: number, max: number) => finite('metres').pipe(z.number().min(min, { error: `must be ≥ ${min} m` }).max(max, { error: `must be ≤ ${max} m` }));
const fraction = finite('fraction').pipe(z.number().min(0, { error: 'must be ≥ 0' }).max(1, { error: 'must be ≤ 1 (a fraction, not a percentage)' }));

/** A lon/lat position in Jiangxi's neighbourhood (degrees WGS84; the province spans 113.5–118.5°E, 24.5–30.1°N). */
const lonLat = z.tuple([finite('longitude').pipe(z.number().min(110).max(121)), finite('latitude').pipe(z.number().min(22).max(32))], {
  error: 'each position must be [longitude, latitude] in degrees inside Jiangxi (110–121°E, 22–32°N)',
});

/** A GeoJSON Polygon with one closed outer ring (no holes), lon/lat degrees. */
export const parcelPolygonSchema = z
  .object({
    type: z.literal('Polygon', { error: 'boundary: must be a GeoJSON Polygon' }),
    coordinates: z
      .array(z.array(lonLat).min(4, { error: 'boundary: the ring needs at least 3 distinct corners plus the closing position' }).max(MAX_PARCEL_VERTICES + 1, { error: `boundary: at most ${MAX_PARCEL_VERTICES} corners` }))
      .length(1, { error: 'boundary: exactly one outer ring (a parcel has no holes)' }),
  })
  .strict()
  .refine(({ coordinates: [ring] }) => ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1], {
    error: 'boundary: the ring must be closed (last position = first)',
  });

const setbackSchema = z.object({ kind: z.enum(['road-red-line', 'neighbour']), distanceM: metres(0, 200) }).strict();

const placementSchema = z
  .object({ lonDeg: finite('lonDeg').pipe(z.number().min(110).max(121)), latDeg: finite('latDeg').pipe(z.number().min(22).max(32)), heightM: metres(-100, 2000), headingDeg: finite('headingDeg').pipe(z.number().min(-360).max(360)) })
  .strict();

/** Planning conditions (规划条件); `null` = not set. */
const conditionFields = {
  landUse: nulSafeText(20, 1).regex(/^[A-Z][0-9A-Za-z]{0,5}$/, { error: 'landUse: must be a GB 50137 land-use code such as R2, B1, A33' }),
  heightLimitM: metres(0, 1000).nullable(),
  farMin: finite('farMin').pipe(z.number().min(0).max(30)).nullable(),
  farMax: finite('farMax').pipe(z.number().min(0).max(30)).nullable(),
  densityMax: fraction.nullable(),
  greenRatioMin: fraction.nullable(),
  sunlightHoursMin: finite('sunlightHoursMin').pipe(z.number().min(0).max(12)).nullable(),
};

const parcelFields = {
  code: nulSafeText(40, 1).regex(/^[0-9A-Za-z][0-9A-Za-z_.-]*$/, { error: 'code: letters, digits, "-", "_" or "." (e.g. HGT-A-01)' }),
  name: nulSafeText(100, 1),
  nameEn: nulSafeText(200, 1).nullable().optional(),
  regionCode: regionCodeSchema,
  boundary: parcelPolygonSchema,
  setbacks: z.array(setbackSchema).max(MAX_PARCEL_VERTICES),
  placement: placementSchema.nullable().optional(),
  notes: nulSafeText(4000).optional(),
  ...conditionFields,
};

/** Checks that span fields: FAR bounds in order, one setback per edge. */
function refineParcel(value: { farMin?: number | null; farMax?: number | null; boundary?: { coordinates: [number, number][][] }; setbacks?: unknown[] }, ctx: z.RefinementCtx): void {
  if (value.farMin != null && value.farMax != null && value.farMin > value.farMax) {
    ctx.addIssue({ code: 'custom', path: ['farMin'], message: `farMin ${value.farMin} is above farMax ${value.farMax}` });
  }
  if (value.boundary && value.setbacks) {
    const edges = value.boundary.coordinates[0].length - 1;
    if (value.setbacks.length !== edges) {
      ctx.addIssue({ code: 'custom', path: ['setbacks'], message: `needs one setback per edge of the boundary: ${edges} edges, got ${value.setbacks.length}` });
    }
  }
}

/** `review.parcels.create`. */
export const parcelCreateInput = z.object(parcelFields).strict().superRefine(refineParcel);
export type ParcelCreateInput = z.output<typeof parcelCreateInput>;

/** `review.parcels.update`: the id, the version read (optimistic concurrency) and the fields to change. */
export const parcelUpdateInput = z
  .object(parcelFields)
  .partial()
  .extend({ id: uuidSchema, version: integerIn(1, 2_147_483_647) })
  .strict()
  .superRefine(refineParcel);
export type ParcelUpdateInput = z.output<typeof parcelUpdateInput>;

/** `review.parcels.byId` / `remove`. */
export const parcelIdInput = z.object({ id: uuidSchema }).strict();

/** `review.submissions.list`: optional status filter. */
export const submissionsListInput = z
  .object({
    status: z.enum(['submitted', 'converting', 'checking', 'pending-review', 'approved', 'returned', 'failed']).optional(),
    projectId: uuidSchema.optional(),
  })
  .strict()
  .optional();

/** `review.submissions.byId` / `recheck`. */
export const submissionIdInput = z.object({ id: uuidSchema }).strict();

/** `review.submissions.decide`: the planner's decision (通过 approve / 退回 return) with a comment. */
export const submissionDecideInput = z
  .object({ id: uuidSchema, decision: z.enum(['approve', 'return']), comment: nulSafeText(2000) })
  .strict()
  .refine((value) => value.decision === 'approve' || value.comment.trim().length > 0, { path: ['comment'], error: 'a return needs a comment telling the applicant what to change' });
export type SubmissionDecideInput = z.output<typeof submissionDecideInput>;

/** Fields an applicant sends with an upload (tus `Upload-Metadata`). */
export const uploadMetadataSchema = z
  .object({
    filename: nulSafeText(255, 1).refine((name) => /\.(ifc|ifczip|zip)$/i.test(name), { error: 'filename: must end in .ifc, .ifczip or .zip' }),
    projectName: nulSafeText(100, 1),
    parcelId: uuidSchema,
  })
  .strict();
export type UploadMetadata = z.output<typeof uploadMetadataSchema>;

/** Parcel fields an import reads from feature attributes (the rest: boundary from the geometry, setbacks defaulted). */
export const PARCEL_IMPORT_FIELDS = ['code', 'name', 'nameEn', 'landUse', 'heightLimitM', 'farMin', 'farMax', 'densityMax', 'greenRatioMin', 'sunlightHoursMin'] as const;
export type ParcelImportField = (typeof PARCEL_IMPORT_FIELDS)[number];

/** An attribute name of a GeoJSON property or a .dbf column (dBASE: ≤ 10 chars; GeoJSON: anything printable). */
const attributeName = nulSafeText(64, 1).regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'attribute names have no control characters' });

/**
 * Text fields of `POST /api/review/parcels/import` (multipart, before the file): the declared source CRS, the region
 * of the imported parcels, whether density and green ratio are stored as fractions (0.3) or percentages (30), and
 * for each field of {@link PARCEL_IMPORT_FIELDS} an optional attribute name `map.<field>` (else the defaults of
 * server/review/parcels-import.ts are tried).
 */
export const parcelImportFieldsInput = z
  .object({
    crs: z.string().max(16).regex(/^(gcj02|\d{4,5})$/, { error: 'crs: must be gcj02 or an EPSG code such as 4490 or 4548' }),
    regionCode: regionCodeSchema,
    ratios: z.enum(['fraction', 'percent'], { error: 'ratios: must be fraction or percent' }).default('fraction'),
    ...(Object.fromEntries(PARCEL_IMPORT_FIELDS.map((field) => [`map.${field}`, attributeName.optional()])) as Record<`map.${ParcelImportField}`, z.ZodOptional<typeof attributeName>>),
  })
  .strict();
export type ParcelImportFields = z.output<typeof parcelImportFieldsInput>;
