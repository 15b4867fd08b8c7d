import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import type { Logger } from '@kernel/logger';
import { invariant } from '@kernel/errors';
import {
  PLATE_SEARCH_TIMEOUT_MS,
  type PlateSearch,
  type PlateSearchGroup,
  type SearchAnswer,
  type searchQueryInput,
} from './plate-search';

/**
 * The host's search (`search.query`): asks every searchable plate in parallel and groups the answers.
 *
 * Notes: each plate's search runs in its own read-only transaction with `SET LOCAL statement_timeout`, so a slow
 * plate's SQL is cancelled by PostgreSQL (not only abandoned by us) and cannot write; the host also stops waiting
 * after the same bound plus {@link TIMEOUT_MARGIN_MS} (a plate may be slow outside SQL). A failing plate answers
 * `error` (logged) and does not fail the whole search: the box still shows the other plates' results. A plate slow
 * outside SQL holds its pooled connection until it returns: plate searches must not wait on anything but the database.
 */

/** Extra wait after a plate's statement timeout before the host gives up on it, ms. */
export const TIMEOUT_MARGIN_MS = 250;

/** A plate that searches: its slug and its search. */
export interface SearchablePlate {
  slug: string;
  search: PlateSearch;
}

/** What {@link searchPlates} needs besides the query. */
export interface SearchContext {
  plates: readonly SearchablePlate[];
  logger: Logger;
  /** Per-plate time bound, ms (default {@link PLATE_SEARCH_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/** PostgreSQL SQLSTATE of a statement cancelled by `statement_timeout`. */
const QUERY_CANCELED = '57014';

function isStatementTimeout(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    if ('code' in current && current.code === QUERY_CANCELED) return true;
  }
  return false;
}

/** The message of an error and of its causes (a Drizzle query error holds the PostgreSQL message as its cause). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; depth < 4 && current !== undefined; current = current instanceof Error ? current.cause : undefined, depth++) {
    parts.push(current instanceof Error ? current.message.split('\n')[0] : String(current));
  }
  return parts.join(': ');
}

/** Runs one plate's search within the time bound; never rejects. */
async function searchOnePlate(db: Db, actor: Actor | null, input: z.output<typeof searchQueryInput>, plate: SearchablePlate, ctx: SearchContext, timeoutMs: number): Promise<PlateSearchGroup> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs + TIMEOUT_MARGIN_MS);
  });
  const deadlineMs = Date.now() + timeoutMs;
  const work = db.transaction(
    async (tx) => {
      // SET cannot take a bind parameter; timeoutMs is an integer checked above.
      await tx.execute(sql.raw(`SET LOCAL statement_timeout = ${timeoutMs}`));
      return plate.search(tx, actor, input.q, input.limit, deadlineMs);
    },
    { accessMode: 'read only' },
  );
  try {
    const outcome = await Promise.race([work, timedOut]);
    if (outcome === 'timeout') {
      // The transaction ends on its own when PostgreSQL cancels the statement; keep its rejection from going unhandled.
      work.catch(() => undefined);
      ctx.logger.warn(`search: plate ${plate.slug} gave no answer within ${timeoutMs} ms`);
      return { plate: plate.slug, status: 'timeout', results: [] };
    }
    return { plate: plate.slug, status: 'ok', results: outcome.slice(0, input.limit) };
  } catch (error) {
    if (isStatementTimeout(error)) {
      ctx.logger.warn(`search: plate ${plate.slug} was cancelled after ${timeoutMs} ms`);
      return { plate: plate.slug, status: 'timeout', results: [] };
    }
    ctx.logger.error(`search: plate ${plate.slug} failed: ${describeError(error)}`);
    return { plate: plate.slug, status: 'error', results: [] };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Searches every plate of `ctx.plates` for `input.q` in parallel.
 * @returns one group per plate in list order; a plate that timed out or failed has `status` `timeout`/`error` and no
 *   results; each group holds at most `input.limit` results
 * @throws {InvariantError} when `timeoutMs` is not an integer 1..60 000
 */
export async function searchPlates(db: Db, actor: Actor | null, input: z.output<typeof searchQueryInput>, ctx: SearchContext): Promise<SearchAnswer> {
  const timeoutMs = ctx.timeoutMs ?? PLATE_SEARCH_TIMEOUT_MS;
  invariant(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 60_000, `search: timeoutMs must be an integer 1..60000, got ${timeoutMs}`);
  const groups = await Promise.all(ctx.plates.map((plate) => searchOnePlate(db, actor, input, plate, ctx, timeoutMs)));
  return { query: input.q, groups };
}
