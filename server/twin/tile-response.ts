import { readFile } from 'node:fs/promises';
import { errorResponse } from '@server/api/error-response';
import type { Db } from '@server/db/client';
import { NotFoundError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { actorFromHeaders } from '@server/accounts/session-actor';
import { throttleAnonymous } from '@server/api/request-limits';
import { tileFileForModel, type TileFile } from './tile-files';

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
 * The response of `GET /tiles/<modelId>/<path...>`: the file with its content type, exact length and cache policy,
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

/**
 * The response for one tile file found by `find` (shared by the model route and the catalogue's uploaded tilesets,
 * server/twin/catalogue/catalogue-tile-response.ts): anonymous callers throttled, the file with its content type,
 * exact length and cache policy (public files `Access-Control-Allow-Origin: *`, private ones `Vary: Cookie`), or
 * a text error. Never throws.
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
    const body = await readFile(file.absolutePath).catch((error: unknown) => {
      if (!isMissingFileError(error)) throw error;
      throw new NotFoundError(`tiles: no file ${segments.join('/')} for ${Object.values(context).join(' ')}`, { context, cause: error });
    });
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(body.byteLength),
        'Cache-Control': file.cacheControl,
        ...(file.cacheControl.startsWith('public') ? { 'Access-Control-Allow-Origin': '*' } : { Vary: 'Cookie' }),
      },
    });
  } catch (error) {
    return errorResponse('tiles', error, deps.logger);
  }
}
