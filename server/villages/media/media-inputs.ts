import { z } from 'zod';
import { describeInput, integerIn, nulSafeText, uuidSchema } from '@kernel/zod-fields';

/**
 * Input schemas of the village media procedures and of the upload's text fields (validated before any service
 * runs; messages name the field).
 * @see ./media-service.ts
 */

/** Longest alternative text, characters (a sentence or two: screen readers read it whole). */
export const MAX_ALT_CHARS = 300;
/** Longest caption, characters. */
export const MAX_CAPTION_CHARS = 2000;
/** Longest credit line, characters. */
export const MAX_CREDIT_CHARS = 200;

const trimmed = (maxChars: number, minChars = 0) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be a string, got ${describeInput(issue.input)}`) }).transform((value) => value.trim()).pipe(nulSafeText(maxChars, minChars));
const mediaKind = z.enum(['photo', 'panorama'], { error: 'must be photo or panorama' });
const sortOrder = integerIn(-100_000, 100_000);

/** The editable text of a media row (alt text required in Chinese). */
const mediaTextFields = {
  altZh: trimmed(MAX_ALT_CHARS, 1),
  altEn: trimmed(MAX_ALT_CHARS).nullable().optional(),
  captionZh: trimmed(MAX_CAPTION_CHARS).optional(),
  captionEn: trimmed(MAX_CAPTION_CHARS).nullable().optional(),
  credit: trimmed(MAX_CREDIT_CHARS).optional(),
};

/** What a new media row says about its image (the bytes come separately). */
export const createMediaInput = z
  .object({
    villageId: uuidSchema,
    kind: mediaKind,
    ...mediaTextFields,
    /** The building it shows (of the same village), absent = the village in general. */
    buildingId: uuidSchema.nullable().optional(),
    sortOrder: sortOrder.optional(),
  })
  .strict();
export type CreateMediaInput = z.output<typeof createMediaInput>;

/**
 * The text fields of `POST /api/villages/media` (all strings, as a form sends them): {@link createMediaInput} with
 * `sortOrder` as decimal text; an empty optional field counts as absent.
 */
export const mediaUploadFieldsInput = z.preprocess(
  (fields) => (fields && typeof fields === 'object' ? Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '')) : fields),
  createMediaInput.extend({ sortOrder: z.string().regex(/^-?\d{1,6}$/, { error: 'must be an integer' }).transform(Number).pipe(sortOrder).optional() }),
);

/** `villages.media.update`: the fields to change (at least one). */
export const updateMediaInput = z
  .object({
    id: uuidSchema,
    altZh: mediaTextFields.altZh.optional(),
    altEn: mediaTextFields.altEn,
    captionZh: mediaTextFields.captionZh,
    captionEn: mediaTextFields.captionEn,
    credit: mediaTextFields.credit,
    buildingId: uuidSchema.nullable().optional(),
    sortOrder: sortOrder.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).some((key) => key !== 'id' && input[key as keyof typeof input] !== undefined), { error: 'nothing to change: give at least one field besides id' });
export type UpdateMediaInput = z.output<typeof updateMediaInput>;

/** One media row. */
export const mediaIdInput = z.object({ id: uuidSchema }).strict();

/** The media of one village. */
export const villageMediaInput = z.object({ villageId: uuidSchema }).strict();
