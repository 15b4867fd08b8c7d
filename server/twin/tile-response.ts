import { readFile } from 'node:fs/promises';
import { errorResponse } from '@server/api/error-response';
import type { Db } from '@server/db/client';
import { NotFoundError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { actorFromHeaders } from '@server/accounts/session-actor';
import { throttleAnonymous } from '@server/api/request-limits';
import { ifNoneMatchHits } from '@server/api/if-none-match';
import { chooseRepresentation, CONTENT_CODINGS, VARY_ACCEPT_ENCODING } from '@server/storage/content-coding';
import { entityTagOf, TileEtagCache, type FileVersion } from './tile-etag';
import { tileFileForModel, type TileFile } from './tile-files';

/** The process's memo of tile entity tags (./tile-etag.ts): one hash per file version, not per request. */
const TILE_ETAGS = new TileEtagCache();

/** What `GET /tiles/<modelId>/<path...>` needs from the app. */
export interface TileRouteDeps {
  /** The database handle, asked for inside the error handling (it throws when `DATABASE_URL` is unset). */
  getDb: () => Db;
  /** Absolute `TILES_DIR`. */
  tilesRoot: string;
  /** Where 5xx errors are reported. */
  logger: Logger;
}

/** Whether a file-system error means the file is gone (deleted between resolution and read). */
function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The response of `GET /tiles/<modelId>/<path...>`: the file (or its precompressed sibling) with its content type,
 * encoding, exact length, entity tag and cache policy (see {@link tileFileResponse}),
 * or a text error (bad model id → 400, unknown model / unsafe or missing path → 404, anything else → 500 with the
 * message hidden and logged). Never throws.
 * Only models the request's actor may see are served (anonymous callers: public models, throttled per address).
 * @param req the request (its session cookie decides the actor)
 * @param modelId the URL's model id (checked to be a UUID)
 * @param segments the decoded URL path segments after the model id
 * @see ./tile-files.ts for the path checks; docs/api.md "GET /tiles/<modelId>/<path...>"
 */
export async function tileResponse(deps: TileRouteDeps, req: Request, modelId: string, segments: readonly string[]): Promise<Response> {
  return tileFileResponse(deps, req, segments, (db, actor) => tileFileForModel(db, actor, deps.tilesRoot, modelId, segments), { modelId });
}

/** Reads a file; a file gone since its resolution is a `NotFoundError` (404), other errors pass through. */
function readTileBytes(file: FileVersion, notFoundMessage: string, context: Record<string, string>): Promise<Buffer> {
  return readFile(file.absolutePath).catch((error: unknown) => {
    if (!isMissingFileError(error)) throw error;
    throw new NotFoundError(notFoundMessage, { context, cause: error });
  });
}

/**
 * The response for one tile file found by `find` (shared by the model route and the catalogue's uploaded tilesets,
 * server/twin/catalogue/catalogue-tile-response.ts): anonymous callers throttled; the representation the request's
 * `Accept-Encoding` prefers among the file and its stored `.br`/`.gz` siblings (server/storage/content-coding.ts),
 * with `Content-Encoding`, the file's own content type, the exact length of the bytes sent, an entity tag of those
 * bytes (./tile-etag.ts) and the file's cache policy; `304` without a body when `If-None-Match` matches. Every answer
 * carries `Vary: Accept-Encoding` (private ones also `Cookie`; public ones `Access-Control-Allow-Origin: *`).
 * `HEAD` gets the same headers and no body (the file is not read once its tag is memoised). A `Range` header is
 * ignored (200 with the whole representation, RFC 9110 §14.2). Errors answer as text. Never throws.
 * @param find resolves the file for the request's actor; throws `NotFoundError`/`InputError` as the route answers
 * @param context names the record in a "file vanished" message
 */
export async function tileFileResponse(
  deps: TileRouteDeps,
  req: Request,
  segments: readonly string[],
  find: (db: Db, actor: Awaited<ReturnType<typeof actorFromHeaders>>) => Promise<TileFile>,
  context: Record<string, string>,
): Promise<Response> {
  try {
    const db = deps.getDb();
    const actor = await actorFromHeaders(db, req.headers);
    if (!actor) {
      const throttled = await throttleAnonymous(req);
      if (throttled) return throttled;
    }
    const file = await find(db, actor);
    const stored = CONTENT_CODINGS.filter((coding) => file.encoded[coding] !== undefined);
    const chosen = chooseRepresentation(req.headers.get('accept-encoding'), stored);
    const version = chosen === 'identity' ? file : (file.encoded[chosen] as FileVersion);
    const weak = chosen === 'identity';
    const notFound = `tiles: no file ${segments.join('/')} for ${Object.values(context).join(' ')}`;

    let body: Buffer | null = null;
    let etag = TILE_ETAGS.get(version, weak);
    if (etag === undefined) {
      body = await readTileBytes(version, notFound, context);
      etag = entityTagOf(body, weak);
      // Remember only bytes that match what stat saw (a file replaced between stat and read is hashed again next time).
      if (body.byteLength === version.sizeBytes) TILE_ETAGS.set(version, weak, etag);
    }
    const isPublic = file.cacheControl.startsWith('public');
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': file.cacheControl,
      Vary: isPublic ? VARY_ACCEPT_ENCODING : `${VARY_ACCEPT_ENCODING}, Cookie`,
      ...(isPublic ? { 'Access-Control-Allow-Origin': '*' } : {}),
    };
    if (ifNoneMatchHits(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });

    const representationHeaders = { 'Content-Type': file.contentType, ...(chosen === 'identity' ? {} : { 'Content-Encoding': chosen }) };
    // HEAD with a known tag: the headers of what GET would send, without reading the file.
    if (body === null && req.method === 'HEAD') {
      return new Response(null, { headers: { ...headers, ...representationHeaders, 'Content-Length': String(version.sizeBytes) } });
    }
    if (body === null) {
      body = await readTileBytes(version, notFound, context);
      if (body.byteLength !== version.sizeBytes) headers.ETag = entityTagOf(body, weak); // replaced since stat
    }
    const sent = req.method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
    return new Response(sent, { headers: { ...headers, ...representationHeaders, 'Content-Length': String(body.byteLength) } });
  } catch (error) {
    return errorResponse('tiles', error, deps.logger);
  }
}
