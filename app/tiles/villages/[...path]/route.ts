import { getDb } from '@server/db/client';
import { getObjectStore } from '@server/storage/shared-store';
import { sceneTileResponse } from '@server/villages/scene-tiles/scene-tile-response';

/** `GET /tiles/villages/<path>`: the published villages' building blocks, public (server/villages/scene-tiles/scene-tile-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler reads PostgreSQL and the object store. */
export const runtime = 'nodejs';

/** One file of a published village's current build, or the composed root; 404 for anything else. */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  return sceneTileResponse(getDb(), getObjectStore(), request, path);
}
