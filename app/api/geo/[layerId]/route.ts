import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { geoLayerResponse } from '@server/twin/geo-layer-response';

/** `GET /api/geo/<layerId>`: a catalogue layer as a GeoJSON FeatureCollection (WGS84), built in PostGIS. */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler queries PostgreSQL. */
export const runtime = 'nodejs';

/** Serves one GeoJSON layer; errors answer 400/404/500 as text, never a stack. */
export async function GET(req: Request, context: { params: Promise<{ layerId: string }> }): Promise<Response> {
  const { layerId } = await context.params;
  return geoLayerResponse({ getDb, logger: SERVER_LOGGER }, req, layerId);
}
