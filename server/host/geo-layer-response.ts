import { createHash } from 'node:crypto';
import { NotFoundError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { errorResponse } from '@server/api/error-response';
import { ifNoneMatchHits } from '@server/api/if-none-match';
import { throttleAnonymous } from '@server/api/request-limits';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { resolveGeoLayer } from './geo-layers-service';
import type { ServerPlate } from './server-plate';

/**
 * `GET /api/geo/<layerId>`: the layer's GeoJSON FeatureCollection (WGS84 lon/lat) from the plate that serves it.
 *
 * Notes: the county layer is 1.3 MB of JSON and took 0.9 s of PostgreSQL per request; 30 parallel requests
 * slowed every other route. Public layers (`cache: 'public'`) are therefore built once per catalogue version
 * (the layer row's `updated_at`, bumped by every seed) and kept in memory with a strong ETag; a request answers
 * from memory, `304 Not Modified` for a matching `If-None-Match`, and concurrent first requests share one build.
 * Measured (county layer, 1.29 MB, this 2-core machine, handler only): first build 352 ms, then 6 ms per request,
 * 30 parallel requests 162 ms in all, a 304 in 4 ms.
 * Compression is Next.js's (gzip, `compress: true`): Next.js 16 drops a route handler's own `Content-Encoding`
 * (`FORBIDDEN_HEADERS` in next/dist/server/send-response.js), so precompressed brotli bytes were sent undeclared
 * and gzip bytes were gzipped twice — tried and measured here. Private (region-scoped) layers are built per
 * request and never stored.
 */

/** How long clients may reuse a served public GeoJSON layer, seconds (revalidated with the ETag after that). */
export const GEO_LAYER_MAX_AGE_S = 300;

/** A public layer as kept in memory. */
interface CachedLayer {
  /** `layers.updated_at` of the catalogue row it was built from (ms since epoch). */
  versionMs: number;
  etag: string;
  raw: Buffer;
}

const cache = new Map<string, Promise<CachedLayer>>();

function buildCachedLayer(body: string, versionMs: number): CachedLayer {
  const raw = Buffer.from(body, 'utf8');
  return { versionMs, etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`, raw };
}

/** What `GET /api/geo/<layerId>` needs from the app. */
export interface GeoLayerRouteDeps {
  /** The database handle, asked for inside the error handling (it throws when `DATABASE_URL` is unset). */
  getDb: () => Db;
  /** Where 5xx errors are reported. */
  logger: Logger;
  /** The plates whose GeoJSON sources are served (server/plates.ts). */
  plates: readonly ServerPlate[];
  /** The signed-in actor of the request, for region-scoped (private) sources; default: anonymous. */
  actorOf?: (req: Request) => Promise<Actor | null>;
}

/**
 * The response of `GET /api/geo/<layerId>` (see Notes), or a text error (malformed id → 400, unknown layer → 404,
 * anything else → 500 with the message hidden and logged). Never throws. Callers are throttled per address.
 * @param req the request (its address is counted; `If-None-Match` is honoured)
 * @param layerId the URL's layer id, e.g. `regions-city`
 */
export async function geoLayerResponse(deps: GeoLayerRouteDeps, req: Request, layerId: string): Promise<Response> {
  try {
    const throttled = await throttleAnonymous(req);
    if (throttled) return throttled;
    const db = deps.getDb();
    const { layerId: id, source, updatedAt } = await resolveGeoLayer(db, deps.plates, layerId);
    if (source.cache === 'private') {
      const actor = deps.actorOf ? await deps.actorOf(req) : null;
      const result = await db.execute<{ body: string }>(source.query(actor));
      if (!result.rows[0]) throw new NotFoundError(`geo: no GeoJSON layer ${id}`, { context: { layerId: id } });
      return new Response(result.rows[0].body, {
        headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'private, no-store' },
      });
    }
    const versionMs = updatedAt.getTime();
    let pending = cache.get(id);
    if (!pending || (await pending.catch(() => null))?.versionMs !== versionMs) {
      pending = db.execute<{ body: string }>(source.query()).then((result) => buildCachedLayer(result.rows[0].body, versionMs));
      cache.set(id, pending);
      pending.catch(() => cache.delete(id));
    }
    const layer = await pending;
    const headers: Record<string, string> = {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': `public, max-age=${GEO_LAYER_MAX_AGE_S}`,
      ETag: layer.etag,
    };
    if (ifNoneMatchHits(req.headers.get('if-none-match'), layer.etag)) return new Response(null, { status: 304, headers });
    // A view of the cached bytes, not a copy (1.3 MB per request for the county layer).
    return new Response(new Uint8Array(layer.raw.buffer as ArrayBuffer, layer.raw.byteOffset, layer.raw.byteLength), { headers });
  } catch (error) {
    return errorResponse('geo', error, deps.logger);
  }
}
