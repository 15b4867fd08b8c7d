import { actorFromHeaders } from '@server/accounts/session-actor';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { geoLayerResponse } from '@server/host/geo-layer-response';
import { SERVER_PLATES } from '@server/plates';

/** `GET /api/geo/<layerId>`: a catalogue layer as a GeoJSON FeatureCollection (WGS84), built by its plate. */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler queries PostgreSQL. */
export const runtime = 'nodejs';

/** Serves one GeoJSON layer; errors answer 400/404/500 as text, never a stack. */
export async function GET(req: Request, context: { params: Promise<{ layerId: string }> }): Promise<Response> {
  const { layerId } = await context.params;
  return geoLayerResponse(
    { getDb, logger: SERVER_LOGGER, plates: SERVER_PLATES, actorOf: (request) => actorFromHeaders(getDb(), request.headers) },
    req,
    layerId,
  );
}
