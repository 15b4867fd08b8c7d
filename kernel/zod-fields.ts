import { z } from 'zod';

/**
 * Zod fields every plate's inputs share (trust boundary, STYLE rule 11). Every message names what the field must
 * be and quotes the value it got, cut to {@link MAX_ECHOED_INPUT_CHARS} so that a hostile 100 kB string is not
 * sent back. Text refuses NUL (U+0000), which PostgreSQL `text` cannot hold (the query would fail with a 500).
 */

/** Longest excerpt of a rejected value quoted back in an error message, characters. */
export const MAX_ECHOED_INPUT_CHARS = 40;

/**
 * A rejected value as quoted in an error message: JSON of a string or number, `an object` / `an array` for
 * structured values (never walked: a hostile input may be huge or deeply shared), cut to
 * {@link MAX_ECHOED_INPUT_CHARS} characters with `…`; `nothing` for a missing value.
 * @param value the raw input value
 */
export function describeInput(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, MAX_ECHOED_INPUT_CHARS + 1)) : String(value);
  return text.length > MAX_ECHOED_INPUT_CHARS ? `${text.slice(0, MAX_ECHOED_INPUT_CHARS)}…` : text;
}

/** Whether a string is free of NUL (U+0000). */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}

/**
 * Text of at most `maxChars` characters without NUL; empty allowed unless `minChars` ≥ 1.
 * @param maxChars longest accepted value, characters
 * @param minChars shortest accepted value, characters (default 0)
 */
export function nulSafeText(maxChars: number, minChars = 0) {
  return z
    .string({ error: (issue) => `must be a string, got ${describeInput(issue.input)}` })
    .min(minChars, { error: minChars <= 1 ? 'must not be empty' : `must be at least ${minChars} characters` })
    .max(maxChars, { error: (issue) => `must be at most ${maxChars} characters, got ${String(issue.input).length}` })
    .refine(hasNoNul, { error: 'must not contain NUL (U+0000)' });
}

/**
 * An integer in `min..max` with a message naming the range.
 * @param min smallest accepted value
 * @param max largest accepted value
 */
export function integerIn(min: number, max: number) {
  const error = (issue: { input?: unknown }) => `must be an integer ${min}..${max}, got ${describeInput(issue.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A rejected date as quoted in an error message: its ISO 8601 text, `an invalid date`, or {@link describeInput}. */
function describeDate(value: unknown): string {
  if (!(value instanceof Date)) return describeInput(value);
  return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
}

/**
 * A `Date` from `min` to `max` inclusive, with a message naming the range (days in UTC); an Invalid Date is
 * refused. Keep the bounds within years 0001–9999: a JS date outside them is written with a 6-digit year
 * (`+275760-09-13T…`), which PostgreSQL does not read (the query would fail with a 500).
 * @param min earliest accepted instant
 * @param max latest accepted instant
 */
export function dateIn(min: Date, max: Date) {
  const range = `from ${min.toISOString().slice(0, 10)} to ${max.toISOString().slice(0, 10)} (UTC)`;
  const error = (issue: { input?: unknown }) => `must be a date ${range}, got ${describeDate(issue.input)}`;
  return z.date({ error }).min(min, { error }).max(max, { error });
}

/** A 6-digit administrative division code (GB/T 2260), any province. */
export const adminCodeSchema = z
  .string()
  .regex(/^\d{6}$/, { error: (issue) => `must be a 6-digit admin code, got ${describeInput(issue.input)}` });

/** A 6-digit administrative code inside Jiangxi (36xxxx: the province, its cities and counties). */
export const regionCodeSchema = z
  .string()
  .regex(/^36\d{4}$/, { error: (issue) => `must be a 6-digit Jiangxi region code (36xxxx), got ${describeInput(issue.input)}` });

/** A record id (`models.id` …): an RFC 9562 UUID, any case. */
export const uuidSchema = z.uuid({ error: (issue) => `must be a UUID, got ${describeInput(issue.input)}` });

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

/** Longest catalogue layer id, characters. */
export const LAYER_ID_MAX_CHARS = 64;

/** A catalogue layer id: lower-case words joined by `-` (`regions-city`, `model-<uuid>`). */
export const layerIdSchema = z
  .string()
  .max(LAYER_ID_MAX_CHARS)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a layer id like "regions-city"' });
