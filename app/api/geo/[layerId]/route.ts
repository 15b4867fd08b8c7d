import { httpStatusForError, publicMessageForError } from '@server/api/error-map';
import { getDb } from '@server/db/client';
import { geoLayerGeoJson } from '@server/twin/geo-layers-service';

/** `GET /api/geo/<layerId>`: a catalogue layer as a GeoJSON FeatureCollection (WGS84), built in PostGIS. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(_req: Request, context: { params: Promise<{ layerId: string }> }): Promise<Response> {
  const { layerId } = await context.params;
  try {
    const body = await geoLayerGeoJson(getDb(), null, { layerId });
    return new Response(body, {
      headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
    });
  } catch (error) {
    return new Response(publicMessageForError(error), { status: httpStatusForError(error), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
