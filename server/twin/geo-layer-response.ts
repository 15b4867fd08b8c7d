import { throttleAnonymous } from '@server/api/request-limits';
import { errorResponse } from '@server/api/error-response';
import type { Db } from '@server/db/client';
import type { Logger } from '@kernel/logger';
import { geoLayerGeoJson } from './geo-layers-service';

/** How long clients may reuse a served GeoJSON layer, seconds (catalogue data changes only on seeding). */
export const GEO_LAYER_MAX_AGE_S = 300;

/** What `GET /api/geo/<layerId>` needs from the app. */
export interface GeoLayerRouteDeps {
  /** The database handle, asked for inside the error handling (it throws when `DATABASE_URL` is unset). */
  getDb: () => Db;
  /** Where 5xx errors are reported. */
  logger: Logger;
}

/**
 * The response of `GET /api/geo/<layerId>`: the layer's GeoJSON FeatureCollection (WGS84 lon/lat), or a text
 * error (malformed id → 400, unknown layer → 404, anything else → 500 with the message hidden and logged).
 * Never throws. The layers are public base geography; callers are throttled per address (request-limits.ts).
 * @param req the request (its address is counted)
 * @param layerId the URL's layer id, e.g. `regions-city`
 * @see ./geo-layers-service.ts; /work/notes/API.md "GET /api/geo/<layerId>"
 */
export async function geoLayerResponse(deps: GeoLayerRouteDeps, req: Request, layerId: string): Promise<Response> {
  try {
    const throttled = await throttleAnonymous(req);
    if (throttled) return throttled;
    const body = await geoLayerGeoJson(deps.getDb(), null, { layerId });
    return new Response(body, {
      headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': `public, max-age=${GEO_LAYER_MAX_AGE_S}` },
    });
  } catch (error) {
    return errorResponse('geo', error, deps.logger);
  }
}
