import { and, eq } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers, type LayerVisibility } from '@server/db/schema/twin';
import { InputError } from '@kernel/errors';
import type { LayerKindOptions } from '@kernel/layer-kinds';
import { canSeeLayer } from './layer-access';
import { originsOfLayerUrl } from './service-url';

/**
 * The third-party origins the twin page (`/`) must allow in `img-src` and `connect-src`: those of the registered
 * layers the visitor may see (./layer-access.ts), each `{s}` subdomain expanded, never a wildcard.
 *
 * Notes: proxy.ts asks for them on every request of `/` (Next.js 16 runs the proxy in the Node.js runtime, so it can
 * reach PostgreSQL). The registered rows are read at most once per {@link CSP_ORIGINS_TTL_MS} per process and kept
 * in memory with their visibility and region; each request filters them by its actor. So a registration, change or
 * removal reaches every web server within 10 s, without a cross-process signal; a failed read keeps serving the
 * last list (or none: the page then loads without third-party layers, the strict policy).
 * - The policy is one response header and lists each origin twice (`img-src`, `connect-src`). Behind nginx, whose
 *   default `proxy_buffer_size` (one memory page: 4 KiB on x86-64) must hold all response headers, a longer one
 *   makes `/` answer 502 to everyone; one registration of 16 subdomains of a long host took ≈ 6.5 KiB. So all
 *   registered origins together get {@link MAX_PAGE_ORIGIN_CHARS} per directive: a registration past it is refused
 *   ({@link assertOriginBudget}), and a page lists only the origins that fit ({@link withinOriginBudget}).
 * @see docs/security.md "Registered origins"
 */

/** How long a web server reuses the registered origins it read, milliseconds. */
export const CSP_ORIGINS_TTL_MS = 10_000;

/** Most characters of registered origins, each with its leading space, in one directive of the page policy. */
export const MAX_PAGE_ORIGIN_CHARS = 1_500;

/** Characters `origins` take in one directive (each with its leading space). */
function originChars(origins: Iterable<string>): number {
  let chars = 0;
  for (const origin of origins) chars += origin.length + 1;
  return chars;
}

/** The leading origins of `origins` that fit in {@link MAX_PAGE_ORIGIN_CHARS}. */
export function withinOriginBudget(origins: readonly string[]): string[] {
  let chars = 0;
  const kept: string[] = [];
  for (const origin of origins) {
    chars += origin.length + 1;
    if (chars > MAX_PAGE_ORIGIN_CHARS) break;
    kept.push(origin);
  }
  return kept;
}

/**
 * Checks that the registered origins stay within {@link MAX_PAGE_ORIGIN_CHARS} once `origins` are added.
 * @throws {InputError} naming the room left when they do not
 */
export async function assertOriginBudget(db: Db, origins: readonly string[]): Promise<void> {
  const registered = new Set((await readRegisteredOrigins(db)).flatMap((row) => row.origins));
  const added = origins.filter((origin) => !registered.has(origin));
  const used = originChars(registered);
  if (added.length > 0 && used + originChars(added) > MAX_PAGE_ORIGIN_CHARS) {
    throw new InputError(
      `url: the twin page's Content-Security-Policy has room for ${MAX_PAGE_ORIGIN_CHARS} characters of registered origins, ${used} are used and this service's ${added.length} new origin(s) need ${originChars(added)}; reuse a registered host, list fewer subdomains or remove a service`,
    );
  }
}

/** One registered layer's origins with who may see them. */
interface OriginRow {
  origins: string[];
  visibility: LayerVisibility;
  regionCode: string | null;
}

let cached: { readAtMs: number; rows: Promise<OriginRow[]> } | null = null;

/** Reads every registered layer's origins (uncached). */
export async function readRegisteredOrigins(db: Db): Promise<OriginRow[]> {
  const rows = await db
    .select({ url: layers.url, options: layers.options, visibility: layers.visibility, regionCode: layers.regionCode })
    .from(layers)
    .where(and(eq(layers.origin, 'registered')));
  return rows.map((row) => ({
    origins: originsOfLayerUrl(row.url, (row.options as LayerKindOptions['imagery'] | null)?.subdomains),
    visibility: row.visibility,
    regionCode: row.regionCode,
  }));
}

/**
 * The origins `actor` may load on the twin page, sorted and deduplicated, cut to {@link MAX_PAGE_ORIGIN_CHARS}
 * (see module notes).
 * @param nowMs the clock, for tests
 */
export async function twinPageOrigins(db: Db, actor: Actor | null, nowMs: number = Date.now()): Promise<string[]> {
  if (!cached || nowMs - cached.readAtMs > CSP_ORIGINS_TTL_MS) {
    const previous = cached?.rows;
    const rows = readRegisteredOrigins(db).catch(async () => (previous ? await previous.catch(() => []) : []));
    cached = { readAtMs: nowMs, rows };
  }
  const rows = await cached.rows;
  const origins = new Set<string>();
  for (const row of rows) if (canSeeLayer(actor, { origin: 'registered', ...row })) for (const origin of row.origins) origins.add(origin);
  return withinOriginBudget([...origins].sort());
}

/** Forgets the cached list (tests). */
export function forgetTwinPageOrigins(): void {
  cached = null;
}
