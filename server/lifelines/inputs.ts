import { z } from 'zod';
import { describeInput, integerIn, nulSafeText, uuidSchema } from '@kernel/zod-fields';
import { PIPE_IMPORT_FIELDS } from '@data/lifelines/import-attributes';
import { PIPE_NETWORKS } from '@server/db/schema/lifelines';

/**
 * Input schemas of the `lifelines` plate's procedures (validated before any service runs; messages name the field).
 * @see docs/api.md "lifelines"
 */

/** Largest bbox side of `pipes.inBbox`, degrees (0.05° ≈ 5.5 km north–south, 4.9 km east–west at 28.7° N). */
export const MAX_BBOX_SIDE_DEG = 0.05;
/** Most features one `pipes.inBbox` answer holds (default {@link DEFAULT_BBOX_FEATURES}). */
export const MAX_BBOX_FEATURES = 5000;
export const DEFAULT_BBOX_FEATURES = 2000;

const finite = (what: string) => z.number({ error: (issue) => `${what}: must be a number, got ${describeInput(issue.input)}` }).refine(Number.isFinite, { error: `${what}: must be finite` });
const lon = finite('longitude').pipe(z.number().min(110, { error: 'longitude must be 110–121°E (Jiangxi)' }).max(121, { error: 'longitude must be 110–121°E (Jiangxi)' }));
const lat = finite('latitude').pipe(z.number().min(22, { error: 'latitude must be 22–32°N (Jiangxi)' }).max(32, { error: 'latitude must be 22–32°N (Jiangxi)' }));

/** `[west, south, east, north]`, degrees WGS84, inside Jiangxi's neighbourhood, each side ≤ {@link MAX_BBOX_SIDE_DEG}. */
export const bboxSchema = z
  .tuple([lon, lat, lon, lat], { error: 'bbox: must be [west, south, east, north] in degrees' })
  .refine(([west, south, east, north]) => west < east && south < north, { error: 'bbox: west must be < east and south < north' })
  .refine(([west, south, east, north]) => east - west <= MAX_BBOX_SIDE_DEG && north - south <= MAX_BBOX_SIDE_DEG, {
    error: `bbox: each side must be ≤ ${MAX_BBOX_SIDE_DEG}° (zoom in, or use the network layers)`,
  });

/** `lifelines.pipes.inBbox`. */
export const pipesInBboxInput = z
  .object({
    bbox: bboxSchema,
    /** Networks to include (default all). */
    networks: z.array(z.enum(PIPE_NETWORKS, { error: `networks: each must be one of ${PIPE_NETWORKS.join(', ')}` })).min(1).max(PIPE_NETWORKS.length).optional(),
    /** Smallest diameter included, millimetres (default 0). */
    minDiameterMm: integerIn(0, 10_000).optional(),
    /** Most features (default {@link DEFAULT_BBOX_FEATURES}); the largest diameters come first. */
    limit: integerIn(1, MAX_BBOX_FEATURES).optional(),
  })
  .strict();
export type PipesInBboxInput = z.infer<typeof pipesInBboxInput>;

/** A pipe segment id. */
export const pipeIdInput = z.object({ id: uuidSchema }).strict();

/** Import fields the form may map to an attribute name (`map.<field>`): the pipe fields plus the node kind. */
export const IMPORT_MAPPABLE_FIELDS = [...PIPE_IMPORT_FIELDS, 'kind'] as const;
export type ImportMappableField = (typeof IMPORT_MAPPABLE_FIELDS)[number];

/** Largest snapping tolerance of an import, metres. */
export const MAX_SNAP_TOLERANCE_M = 5;
/** Default snapping tolerance of an import, metres (survey points are ±5 cm; digitised ends often miss by decimetres). */
export const DEFAULT_SNAP_TOLERANCE_M = 0.5;

/** An attribute name of a GeoJSON property or a .dbf column (no control characters). */
const attributeName = nulSafeText(64, 1).regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'attribute names have no control characters' });

/**
 * Text fields of `POST /api/lifelines/import` (multipart, before the file): the declared source CRS (EPSG code such
 * as 4326, 4490, 4547/4548, or gcj02), the network of features without a network attribute, the snapping tolerance,
 * how depths are measured (`auto`: crown for pressure networks, invert for drainage; data/lifelines/import-attributes.ts)
 * and optional attribute names `map.<field>` (else the defaults of data/lifelines/import-attributes.ts).
 */
export const networkImportFieldsInput = z
  .object({
    crs: z.string().max(16).regex(/^(gcj02|\d{4,5})$/, { error: 'crs: must be gcj02 or an EPSG code such as 4490 or 4548' }),
    network: z.enum(PIPE_NETWORKS, { error: `network: must be one of ${PIPE_NETWORKS.join(', ')}` }).optional(),
    snapToleranceM: z.coerce
      .number({ error: 'snapToleranceM: must be a number of metres' })
      .min(0, { error: `snapToleranceM: must be 0–${MAX_SNAP_TOLERANCE_M} m` })
      .max(MAX_SNAP_TOLERANCE_M, { error: `snapToleranceM: must be 0–${MAX_SNAP_TOLERANCE_M} m` })
      .default(DEFAULT_SNAP_TOLERANCE_M),
    depthTo: z.enum(['auto', 'crown', 'invert'], { error: 'depthTo: must be auto, crown or invert' }).default('auto'),
    ...(Object.fromEntries(IMPORT_MAPPABLE_FIELDS.map((field) => [`map.${field}`, attributeName.optional()])) as Record<`map.${ImportMappableField}`, z.ZodOptional<typeof attributeName>>),
  })
  .strict();
export type NetworkImportFields = z.output<typeof networkImportFieldsInput>;
