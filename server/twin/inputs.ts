import { z } from 'zod';
import { ELEMENTS_PAGE_LIMIT_DEFAULT, ELEMENTS_PAGE_LIMIT_MAX } from './page-limits';

/**
 * Zod input schemas of the twin router (trust boundary, STYLE rule 11). Exported for forms and tests.
 *
 * Every message names what the field must be and echoes the value it got, cut to
 * {@link MAX_ECHOED_INPUT_CHARS} so that a hostile 100 kB string is not sent back. Free-text fields refuse
 * NUL (U+0000), which PostgreSQL `text` cannot hold: it would otherwise fail the query with a 500.
 * @see /work/notes/API.md "tRPC routers"
 */

/** Longest excerpt of a rejected value quoted back in an error message, characters. */
export const MAX_ECHOED_INPUT_CHARS = 40;
/** Longest IFC class name accepted as a filter, characters (the longest IFC4X3 entity name has 45). */
export const IFC_CLASS_MAX_CHARS = 100;
/** Longest storey name or name search accepted as a filter, characters. */
export const FILTER_TEXT_MAX_CHARS = 200;
/** Longest catalogue layer id, characters. */
export const LAYER_ID_MAX_CHARS = 64;

/**
 * A rejected value as quoted in an error message: JSON, cut to {@link MAX_ECHOED_INPUT_CHARS} characters
 * with `…`; `nothing` for a missing value.
 * @param value the raw input value
 */
export function describeInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null ? objectText(value) : String(value);
  return text.length > MAX_ECHOED_INPUT_CHARS ? `${text.slice(0, MAX_ECHOED_INPUT_CHARS)}…` : text;
}

/** JSON of an object; its `[object Type]` tag when it cannot be JSON (cycles, BigInt members: superjson allows both). */
function objectText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** IFC GlobalId: 22 characters of the IFC base64 alphabet `0-9 A-Z a-z _ $`; the first is 0–3 (128 bits). */
export const GLOBAL_ID_PATTERN = /^[0-3][0-9A-Za-z_$]{21}$/;

/**
 * A GlobalId with a readable error message.
 * @see https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/schema/ifcutilityresource/lexical/ifcgloballyuniqueid.htm
 */
export const globalIdSchema = z.string().refine((value) => GLOBAL_ID_PATTERN.test(value), {
  error: (issue) =>
    `must be a 22-character IFC GlobalId (alphabet 0-9 A-Z a-z _ $, first character 0-3), got ${describeInput(issue.input)}`,
});

/** A record id (`models.id` …): an RFC 9562 UUID, any case. */
export const uuidSchema = z.uuid({ error: (issue) => `must be a UUID, got ${describeInput(issue.input)}` });

/**
 * A free-text filter of at most `maxChars` characters, not empty, without NUL.
 * @param maxChars longest accepted value, characters
 */
function filterText(maxChars: number) {
  return z
    .string({ error: (issue) => `must be a string, got ${describeInput(issue.input)}` })
    .min(1, { error: 'must not be empty' })
    .max(maxChars, { error: (issue) => `must be at most ${maxChars} characters, got ${String(issue.input).length}` })
    .refine((value) => !value.includes('\u0000'), { error: 'must not contain NUL (U+0000)' });
}

/**
 * An integer in `min..max` with a message naming the range.
 * @param min smallest accepted value
 * @param max largest accepted value
 */
function integerIn(min: number, max: number) {
  const error = (issue: { input?: unknown }) => `must be an integer ${min}..${max}, got ${describeInput(issue.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** `twin.models.byId` input. */
export const modelByIdInput = z.object({ id: uuidSchema });

/** `twin.elements.list` input: filters (all optional, combined with AND) and a page. */
export const elementsListInput = z.object({
  modelId: uuidSchema,
  /** Exact IFC class as listed by `twin.elements.facets` (e.g. `IfcWall`). */
  ifcClass: filterText(IFC_CLASS_MAX_CHARS).optional(),
  /** Exact storey name as listed by `twin.elements.facets`. */
  storey: filterText(FILTER_TEXT_MAX_CHARS).optional(),
  /** Case-insensitive substring of the element name, or an exact GlobalId (trimmed). */
  q: z.string().trim().pipe(filterText(FILTER_TEXT_MAX_CHARS)).optional(),
  /** Page size, elements. */
  limit: integerIn(1, ELEMENTS_PAGE_LIMIT_MAX).default(ELEMENTS_PAGE_LIMIT_DEFAULT),
  /** Elements skipped before the page. */
  offset: integerIn(0, Number.MAX_SAFE_INTEGER).default(0),
});

/** `twin.elements.facets` input. */
export const elementFacetsInput = z.object({ modelId: uuidSchema });

/** `twin.elements.byGlobalId` input; without `modelId` the most recent ready model with that GlobalId answers. */
export const elementByGlobalIdInput = z.object({ globalId: globalIdSchema, modelId: uuidSchema.optional() });

/** `twin.regions.list` input (may be omitted: all regions). */
export const regionsListInput = z
  .object({
    level: z
      .enum(['province', 'city', 'county'], { error: (issue) => `must be province, city or county, got ${describeInput(issue.input)}` })
      .optional(),
    /** 6-digit admin code of the parent (360000 = the province). */
    parentCode: z
      .string()
      .regex(/^\d{6}$/, { error: (issue) => `must be a 6-digit admin code, got ${describeInput(issue.input)}` })
      .optional(),
  })
  .default({});

/** Layer ids served by /api/geo (catalogue ids: lower-case words joined by '-'). */
export const layerIdSchema = z
  .string()
  .max(LAYER_ID_MAX_CHARS)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a layer id like "regions-city"' });
