import { z } from 'zod';
import { describeInput, hasNoNul, layerIdSchema } from './zod-fields';

/**
 * A saved view (保存的视角): a name, a camera pose and the layers switched away from their default. One schema for
 * both stores: the server's `twin.savedViews.create` input (table `saved_views`) and what the twin keeps in
 * `localStorage` for anonymous visitors, checked again when read back (a stored value is as hostile as a request).
 * Camera ranges are those of the `?cam=` codec (viewer/core/camera-url.ts).
 */

/** Longest view name, characters (after trimming). */
export const SAVED_VIEW_NAME_MAX_CHARS = 80;
/** Most layers a view may record. */
export const SAVED_VIEW_MAX_LAYERS = 200;
/** Most views per signed-in account (server) and per browser (localStorage). */
export const SAVED_VIEWS_MAX_PER_ACCOUNT = 50;

/** A number in `min..max` (finite) with a message naming the range. */
function numberIn(min: number, max: number) {
  const error = (issue: { input?: unknown }) => `must be a number ${min}..${max}, got ${describeInput(issue.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** A view name: trimmed, 1..{@link SAVED_VIEW_NAME_MAX_CHARS} characters, no NUL. */
export const savedViewNameSchema = z
  .string({ error: (issue) => `must be a string, got ${describeInput(issue.input)}` })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(SAVED_VIEW_NAME_MAX_CHARS, { error: (issue) => `must be at most ${SAVED_VIEW_NAME_MAX_CHARS} characters, got ${String(issue.input).length}` })
  .refine(hasNoNul, { error: 'must not contain NUL (U+0000)' });

/**
 * A camera pose: WGS84 lon/lat degrees, ellipsoidal height metres, heading/pitch/roll degrees (CesiumJS's). Heading and
 * roll accept −360..360: CesiumJS reports both in [0, 360) (a level camera's roll reads 360 as often as 0).
 */
export const savedViewCameraSchema = z.object({
  lonDeg: numberIn(-180, 180),
  latDeg: numberIn(-90, 90),
  heightEllipsoidalM: numberIn(-10_000, 50_000_000),
  headingDeg: numberIn(-360, 360),
  pitchDeg: numberIn(-90, 90),
  rollDeg: numberIn(-360, 360),
});

/** Layer visibility by catalogue layer id, at most {@link SAVED_VIEW_MAX_LAYERS} entries. */
export const savedViewLayersSchema = z
  .record(layerIdSchema, z.boolean({ error: 'must be true or false' }))
  .refine((value) => Object.keys(value).length <= SAVED_VIEW_MAX_LAYERS, { error: `must name at most ${SAVED_VIEW_MAX_LAYERS} layers` });

/** What a saved view holds besides its id and time: the `twin.savedViews.create` input. */
export const savedViewInputSchema = z.object({
  name: savedViewNameSchema,
  camera: savedViewCameraSchema,
  layerVisibility: savedViewLayersSchema.default({}),
});

/** A saved view as listed (server rows and localStorage entries alike). */
export const savedViewSchema = savedViewInputSchema.extend({
  /** Server: a UUID; localStorage: `local-<random>`. */
  id: z.string().min(1).max(64),
  createdAt: z.coerce.date(),
});

/** A saved view (see {@link savedViewSchema}). */
export type SavedView = z.output<typeof savedViewSchema>;

/** Where the twin keeps anonymous visitors' views in `localStorage` (a JSON array of {@link SavedView}). */
export const LOCAL_SAVED_VIEWS_KEY = 'gantwin.savedViews.v1';

/**
 * Reads the views an anonymous visitor stored in this browser: entries that fail {@link savedViewSchema} are dropped
 * (a stored value may have been edited by hand or by another script), duplicates of an id keep the first, and at
 * most {@link SAVED_VIEWS_MAX_PER_ACCOUNT} are kept.
 * @param text the stored JSON, or `null` when nothing is stored
 * @returns the valid views in stored order (an empty list for anything that is not a JSON array)
 */
export function parseStoredViews(text: string | null): SavedView[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const views: SavedView[] = [];
  for (const entry of value.slice(0, SAVED_VIEWS_MAX_PER_ACCOUNT * 2)) {
    const parsed = savedViewSchema.safeParse(entry);
    if (parsed.success && !views.some((view) => view.id === parsed.data.id)) views.push(parsed.data);
    if (views.length === SAVED_VIEWS_MAX_PER_ACCOUNT) break;
  }
  return views;
}
