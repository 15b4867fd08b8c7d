import { getDb } from '@server/db/client';
import { reviewTileResponse } from '@server/review/tile-response';
import { getObjectStore } from '@server/storage/shared-store';

/** `GET /tiles/review/<submissionId>/<path>`: a submission's published tileset (server/review/tile-response.ts). */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One file of the tileset, scope-checked. */
export async function GET(request: Request, { params }: { params: Promise<{ submissionId: string; path: string[] }> }): Promise<Response> {
  const { submissionId, path } = await params;
  return reviewTileResponse(getDb(), getObjectStore(), request, submissionId, path);
}
