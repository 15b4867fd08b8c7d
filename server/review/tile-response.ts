import { IMPORT_FOLDER } from '@kernel/properties-file';
import { and, eq } from 'drizzle-orm';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Db } from '@server/db/client';
import { reviewSubmissions } from '@server/db/schema/review';
import { textResponse } from '@server/api/request-limits';
import { assertObjectKey } from '@server/storage/object-key';
import { negotiatedObjectResponse } from '@server/storage/negotiated-object-response';
import type { ObjectStore } from '@server/storage/object-store';
import { submissionScopeSql } from './submission-scope';

/**
 * `GET /tiles/review/<submissionId>/<path>`: a file of a submission's published tileset, from the storage backend
 * under the prefix its row names (published whole, server/storage/publish-manifest.ts). Only the applicant who
 * submitted it and planners/admins of its region may read it; everyone else gets 404 (no probing). Private caching
 * with the object's ETag: a re-publication under a new prefix is seen at the next revalidation. The precompressed
 * siblings the tiler writes (`<file>.br`, `<file>.gz`) are sent by content negotiation
 * (server/storage/negotiated-object-response.ts), never asked for by name; the `import/` folder (the database
 * import's input) is not published (./process-submission.ts) and refused here too.
 */

/** A path inside a tileset: relative segments of safe characters, no `..`. */
const TILE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._\-/]{1,300}$/;

/** Paths never served: the `import/` folder and the precompressed siblings by their own names. */
const REFUSED_PATH = new RegExp(`^${IMPORT_FOLDER}(/|$)|\\.(br|gz)$`, 'i');

/** A submission id: a UUID (anything else would reach PostgreSQL's uuid parser and answer 500). */
const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `key` is a valid object key (empty or reserved `.tmp-` segments are not: 404, not a thrown 500). */
function isObjectKey(key: string): boolean {
  try {
    assertObjectKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers one tile request.
 * @param segments the route's `[...path]` segments
 */
export async function reviewTileResponse(db: Db, store: ObjectStore, request: Request, submissionId: string, segments: readonly string[]): Promise<Response> {
  const relPath = segments.join('/');
  if (!SUBMISSION_ID.test(submissionId) || !TILE_PATH.test(relPath) || REFUSED_PATH.test(relPath)) return textResponse(404, 'Not found');
  const actor = await actorFromHeaders(db, request.headers);
  if (!actor || actor.mustChangePassword) return textResponse(404, 'Not found');
  const [row] = await db
    .select({ prefix: reviewSubmissions.tilesetPrefix })
    .from(reviewSubmissions)
    .where(and(eq(reviewSubmissions.id, submissionId), submissionScopeSql(actor)));
  const key = `${row?.prefix}/${relPath}`;
  if (!row?.prefix || !isObjectKey(key)) return textResponse(404, 'Not found');
  return negotiatedObjectResponse(store, key, request, { cacheControl: 'private, no-cache', headers: { Vary: 'Cookie' } });
}
