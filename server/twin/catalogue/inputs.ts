import { z } from 'zod';
import { integerIn, layerIdSchema, nulSafeText, regionCodeSchema } from '@kernel/zod-fields';

/**
 * Zod inputs of `twin.catalogue.*` and of the upload routes' form fields (trust boundary, STYLE rule 11). URLs are
 * checked further by ./service-url.ts (syntax per kind, origins); kind options are checked here.
 * @see docs/api.md "twin.catalogue"
 */

/** Longest layer title, characters. */
export const TITLE_MAX_CHARS = 120;
/** Longest attribution, characters. */
export const ATTRIBUTION_MAX_CHARS = 300;
/** Largest `sortOrder` (layer-tree position). */
export const SORT_ORDER_MAX = 100_000;
/** Largest external-tileset height offset magnitude, metres (more is a georeferencing error, not an offset). */
export const HEIGHT_OFFSET_MAX_M = 10_000;

const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #3fa9f5' });
const identifier = (maxChars: number) =>
  z.string().max(maxChars).regex(/^[A-Za-z0-9_.:-]+$/, { error: 'must be letters, digits, _ . : or -' });

/** Fields every registered or uploaded layer has. */
export const layerMetadataFields = {
  title: nulSafeText(TITLE_MAX_CHARS, 1),
  titleEn: nulSafeText(TITLE_MAX_CHARS, 1),
  /** CIM level 1–7 (DOMAIN.md) or null. */
  cimLevel: integerIn(1, 7).nullable(),
  /** Jiangxi region the layer belongs to (the admin's own region or one inside it). */
  regionCode: regionCodeSchema,
  visibility: z.enum(['public', 'internal'], { error: 'must be public or internal' }),
  attribution: nulSafeText(ATTRIBUTION_MAX_CHARS).default(''),
  defaultVisible: z.boolean().default(false),
  sortOrder: integerIn(0, SORT_ORDER_MAX).default(1000),
};

/** Imagery options (kernel/layer-kinds.ts `LayerKindOptions['imagery']`), strict: unknown keys are refused. */
export const imageryOptionsSchema = z.strictObject({
  scheme: z.enum(['xyz', 'tms', 'wmts'], { error: 'must be xyz, tms or wmts' }),
  layer: identifier(100).optional(),
  wmtsStyle: identifier(100).optional(),
  tileMatrixSetId: identifier(100).optional(),
  tilingScheme: z.enum(['webmercator', 'geographic']).optional(),
  maximumLevel: integerIn(0, 22).optional(),
  alpha: z.number().min(0).max(1).optional(),
  subdomains: z.array(z.string().max(63)).max(16).optional(),
});

/** What `twin.catalogue.register` accepts: one service, by kind. */
export const registerInput = z.discriminatedUnion('kind', [
  z.object({ ...layerMetadataFields, kind: z.literal('imagery'), url: z.string().max(4096), options: imageryOptionsSchema }),
  z.object({
    ...layerMetadataFields,
    kind: z.literal('terrain'),
    url: z.string().max(4096),
    options: z.strictObject({ requestVertexNormals: z.boolean().optional() }).nullable().default(null),
  }),
  z.object({
    ...layerMetadataFields,
    kind: z.literal('external-tileset'),
    url: z.string().max(4096),
    options: z
      .strictObject({
        maximumScreenSpaceErrorPx: z.number().min(1).max(256).optional(),
        heightOffsetM: z.number().min(-HEIGHT_OFFSET_MAX_M).max(HEIGHT_OFFSET_MAX_M).optional(),
      })
      .nullable()
      .default(null),
  }),
  z.object({ ...layerMetadataFields, kind: z.literal('geojson'), url: z.string().max(4096), stroke: colourSchema.optional() }),
], { error: 'kind must be imagery, terrain, external-tileset or geojson' });

/** `twin.catalogue.update`: the layer id and the metadata to change (the URL and kind stay; register anew to change them). */
export const updateInput = z.object({
  id: layerIdSchema,
  title: layerMetadataFields.title.optional(),
  titleEn: layerMetadataFields.titleEn.optional(),
  cimLevel: layerMetadataFields.cimLevel.optional(),
  regionCode: regionCodeSchema.optional(),
  visibility: layerMetadataFields.visibility.optional(),
  attribution: nulSafeText(ATTRIBUTION_MAX_CHARS).optional(),
  defaultVisible: z.boolean().optional(),
  sortOrder: integerIn(0, SORT_ORDER_MAX).optional(),
});

/** `twin.catalogue.remove`. */
export const removeInput = z.object({ id: layerIdSchema });

/** The form fields of both upload routes (strings from multipart, coerced). */
export const uploadFieldsSchema = z.object({
  title: layerMetadataFields.title,
  titleEn: layerMetadataFields.titleEn,
  cimLevel: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .pipe(integerIn(1, 7).nullable()),
  regionCode: regionCodeSchema,
  visibility: layerMetadataFields.visibility,
  attribution: nulSafeText(ATTRIBUTION_MAX_CHARS).default(''),
  defaultVisible: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  sortOrder: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 1000 : Number(v)))
    .pipe(integerIn(0, SORT_ORDER_MAX)),
});

/** Extra form fields of the vector upload. */
export const vectorUploadFieldsSchema = uploadFieldsSchema.extend({
  /** Declared source CRS: `gcj02` or an EPSG code of server/geo/source-crs.ts. */
  crs: z.string().max(16).regex(/^(gcj02|\d{4,5})$/, { error: 'must be gcj02 or an EPSG code such as 4490 or 4547' }),
  stroke: colourSchema.optional(),
});

/** Output of {@link registerInput}. */
export type RegisterInput = z.output<typeof registerInput>;
/** Output of {@link updateInput}. */
export type UpdateInput = z.output<typeof updateInput>;
/** Output of {@link uploadFieldsSchema}. */
export type UploadFields = z.output<typeof uploadFieldsSchema>;
