import { getDb } from '@server/db/client';
import { networkTileResponse } from '@server/lifelines/network-tiles/network-tile-response';
import { getObjectStore } from '@server/storage/shared-store';

/** `GET /tiles/lifelines/<network>/<path>`: network 3D Tiles of the caller's regions (server/lifelines/network-tiles/network-tile-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler reads PostgreSQL and the object store. */
export const runtime = 'nodejs';

/** One file, scope-checked; 404 for anyone who may not read it. */
export async function GET(request: Request, { params }: { params: Promise<{ network: string; path: string[] }> }): Promise<Response> {
  const { network, path } = await params;
  return networkTileResponse(getDb(), getObjectStore(), request, network, path);
}
