import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { getObjectStore } from '@server/storage/shared-store';
import { mediaResponse } from '@server/villages/media/media-response';

/** `GET /media/villages/media/<sha256>/<width>.<format>` (= `/media/<key>`): a stored variant of a village image, published or the caller's drafts (server/villages/media/media-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler reads PostgreSQL and the object store. */
export const runtime = 'nodejs';

type Params = { params: Promise<{ key: string[] }> };

/** The variant, or 404 for anyone who may not see it. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return mediaResponse({ getDb, getStore: getObjectStore, logger: SERVER_LOGGER }, request, (await params).key);
}

/** As GET, without the body. */
export async function HEAD(request: Request, { params }: Params): Promise<Response> {
  return mediaResponse({ getDb, getStore: getObjectStore, logger: SERVER_LOGGER }, request, (await params).key);
}
