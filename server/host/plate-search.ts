import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { integerIn } from '@kernel/zod-fields';

/**
 * The search contract between the host and the plates: the header's search box sends one query
 * (`search.query`), the host asks every plate that declares `search` (server/host/server-plate.ts) in parallel,
 * each within {@link PLATE_SEARCH_TIMEOUT_MS}, and answers the results grouped by plate. Each plate applies its own
 * scope (the twin: anonymous callers find public models only, server/twin/model-access.ts).
 * @see docs/api.md `search.query`
 */

/** Longest query accepted, characters (after trimming). */
export const SEARCH_QUERY_MAX_CHARS = 100;
/** Results per plate when the caller names no limit. */
export const SEARCH_LIMIT_DEFAULT = 8;
/** Most results a caller may ask for per plate. */
export const SEARCH_LIMIT_MAX = 20;
/**
 * Time a plate's search may take, ms: its queries run in a read-only transaction with this `statement_timeout`, and
 * the host stops waiting after it (the plate's group then says `timeout`; the other plates still answer).
 */
export const PLATE_SEARCH_TIMEOUT_MS = 1_500;

/** A place to fly to: a sphere around a WGS84 point (lon/lat degrees, centre height m ellipsoidal, radius m > 0). */
export interface SearchPoint {
  lonDeg: number;
  latDeg: number;
  heightEllipsoidalM: number;
  radiusM: number;
}

/**
 * What choosing a result does:
 * - `fly-to-point`: frame a sphere, or with `layerId` that layer's own bounds once loaded (e.g. a model tileset; the
 *   layer is switched on); at least one of `point` and `layerId` is set;
 * - `fly-to-bbox`: frame an extent `[west, south, east, north]`, WGS84 degrees;
 * - `select`: select a feature `{plate, layerId, featureId}` (the selection panel shows it) and fly to `point` when known;
 * - `open-url`: go to a same-site path (starts with one `/`).
 */
export type SearchAction =
  | { type: 'fly-to-point'; point: SearchPoint | null; layerId: string | null }
  | { type: 'fly-to-bbox'; bbox: [west: number, south: number, east: number, north: number] }
  | { type: 'select'; selection: { plate: string; layerId: string; featureId: string }; point: SearchPoint | null }
  | { type: 'open-url'; url: string };

/** Text in both UI locales. */
export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

/** One search result of a plate. */
export interface SearchResult {
  /** What the result is, a plate-defined word (`region`, `model`, `element` …); the UI picks an icon by it. */
  kind: string;
  /** Stable id inside the plate and kind (admin code, model id, `<modelId>:<GlobalId>`): a React key. */
  id: string;
  title: LocalisedText;
  /** A second line (level, file name, IFC class and model), or `null`. */
  subtitle: LocalisedText | null;
  action: SearchAction;
}

/**
 * A plate's search: results for `query` that `actor` may see, at most `limit`, best first.
 * @param db a read-only transaction whose `statement_timeout` is the plate's whole time bound
 * @param query trimmed, 1..{@link SEARCH_QUERY_MAX_CHARS} characters, no NUL (checked by the host)
 * @param limit 1..{@link SEARCH_LIMIT_MAX}
 * @param deadlineMs when the host stops waiting (epoch ms): a search of several statements calls
 *   {@link limitToDeadline} before each further one, so that together they hold the connection no longer than one would
 */
export type PlateSearch = (db: Db, actor: Actor | null, query: string, limit: number, deadlineMs: number) => Promise<SearchResult[]>;

/**
 * Lowers the transaction's `statement_timeout` to the time left until `deadlineMs` (at least 1 ms: with no time left
 * the next statement is cancelled at once, SQLSTATE 57014, which the host reports as `timeout`).
 * @param db the plate's search transaction
 * @param deadlineMs epoch milliseconds
 */
export async function limitToDeadline(db: Db, deadlineMs: number): Promise<void> {
  const leftMs = Math.max(1, Math.floor(deadlineMs - Date.now()));
  // SET cannot take a bind parameter; leftMs is an integer computed here.
  await db.execute(sql.raw(`SET LOCAL statement_timeout = ${leftMs}`));
}

/** How one plate's search ended. */
export type PlateSearchStatus = 'ok' | 'timeout' | 'error';

/** One plate's part of the answer. */
export interface PlateSearchGroup {
  /** Plate slug. */
  plate: string;
  status: PlateSearchStatus;
  results: SearchResult[];
}

/** The answer of `search.query`: the trimmed query and one group per searchable plate, in plate-list order. */
export interface SearchAnswer {
  query: string;
  groups: PlateSearchGroup[];
}

/** `search.query` input. */
export const searchQueryInput = z.object({
  /** Text to look for (trimmed): a place or region name / code, a model name or file name, a GlobalId or element name. */
  q: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(SEARCH_QUERY_MAX_CHARS, { error: (issue) => `must be at most ${SEARCH_QUERY_MAX_CHARS} characters, got ${String(issue.input).length}` })
    .refine((value) => !value.includes('\u0000'), { error: 'must not contain NUL (U+0000)' }),
  /** Results per plate. */
  limit: integerIn(1, SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
});
