import { z } from 'zod';

/**
 * Zod input schemas of the twin router (trust boundary, STYLE rule 11). Exported for forms and tests.
 */

/** IFC GlobalId: 22 characters of the IFC base64 alphabet `0-9 A-Z a-z _ $`; the first is 0–3 (128 bits). */
export const GLOBAL_ID_PATTERN = /^[0-3][0-9A-Za-z_$]{21}$/;

/** A GlobalId with a readable error message. */
export const globalIdSchema = z.string().refine((value) => GLOBAL_ID_PATTERN.test(value), {
  error: (issue) =>
    `must be a 22-character IFC GlobalId (alphabet 0-9 A-Z a-z _ $, first character 0-3), got ${JSON.stringify(issue.input)}`,
});

const uuidSchema = z.uuid({ error: (issue) => `must be a UUID, got ${JSON.stringify(issue.input)}` });

export const modelByIdInput = z.object({ id: uuidSchema });

export const elementsListInput = z.object({
  modelId: uuidSchema,
  ifcClass: z.string().min(1).max(100).optional(),
  storey: z.string().min(1).max(200).optional(),
  /** Case-insensitive substring of the element name, or an exact GlobalId. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const elementFacetsInput = z.object({ modelId: uuidSchema });

export const elementByGlobalIdInput = z.object({ globalId: globalIdSchema, modelId: uuidSchema.optional() });

export const regionsListInput = z
  .object({
    level: z.enum(['province', 'city', 'county']).optional(),
    parentCode: z.string().regex(/^\d{6}$/, { error: 'must be a 6-digit admin code' }).optional(),
  })
  .default({});

/** Layer ids served by /api/geo (catalogue ids: lower-case words joined by '-'). */
export const layerIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a layer id like "regions-city"' });
