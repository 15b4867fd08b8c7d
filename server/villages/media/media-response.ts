import { sql } from 'drizzle-orm';
import { regionCovers } from '@server/accounts/region-scope';
import { actorFromHeaders } from '@server/accounts/session-actor';
import { errorResponse } from '@server/api/error-response';
import { textResponse, throttleAnonymous } from '@server/api/request-limits';
import type { Db } from '@server/db/client';
import { objectResponse } from '@server/storage/object-response';
import type { ObjectStore } from '@server/storage/object-store';
import type { Logger } from '@kernel/logger';
import { isVillagesCurator } from '../curator-roles';

/**
 * `GET /media/<key>` with `<key>` = `villages/media/<sha256>/<width>.<avif|webp|jpeg>` (./image-variants.ts; the URL
 * is `mediaVariantUrl` of ../public-village.ts, the route app/media/villages/[...key]): one stored variant of a
 * village image.
 * - Public: when a media row with that variant belongs to a village whose published document
 *   (`villages_villages.published`) names the row's id — `Cache-Control: public, max-age=31536000, immutable`
 *   (the key is content-addressed, so its bytes never change).
 * - Curators (officer/admin) whose region covers a village holding such a row see drafts too: `private, no-store`.
 * - Also public: a key a published document still names after its row was deleted (an unpublished edit), until the
 *   next publish (`isNamedByPublishedDocument`).
 * - Everyone else: 404, the same answer as for a key that does not exist (drafts are not revealed).
 * Anonymous callers are throttled per address like the tile routes. ETag (the store's, strong) and
 * `If-None-Match` → 304, byte ranges: server/storage/object-response.ts.
 */

/** A variant key (the URL path after `/media/`). */
const KEY_PATTERN = /^villages\/media\/[0-9a-f]{64}\/[1-9]\d{0,4}\.(avif|webp|jpeg)$/;

/** What the route needs from the app. */
export interface MediaRouteDeps {
  getDb: () => Db;
  getStore: () => ObjectStore;
  logger: Logger;
}

/** Who may read the variant `key`: everyone (published), curators of these regions (drafts), or nobody (no row). */
async function readersOf(db: Db, key: string): Promise<{ isPublished: boolean; regionCodes: string[] }> {
  const sha256 = key.split('/')[2];
  const { rows } = await db.execute<{ region_code: string; is_published: boolean }>(sql`
    SELECT v.region_code, coalesce(strpos(v.published::text, m.id::text) > 0, false) AS is_published
      FROM villages_media m JOIN villages_villages v ON v.id = m.village_id
     WHERE m.source_sha256 = ${sha256} AND m.variants @> ${JSON.stringify([{ key }])}::jsonb`);
  return { isPublished: rows.some((row) => row.is_published), regionCodes: rows.map((row) => row.region_code) };
}

/**
 * Whether a published document names the variant `key` although no media row of its village does any more: a medium
 * deleted from the working rows stays on the public page until the next publish. Fix of the 2026-12 review
 * (../attack.test.ts): the route required the row, so deleting a photo in the editor (an unpublished edit) broke the
 * published page at once. A scan of the published documents, so it runs only for keys the store holds (a random
 * key costs one `exists`), after the row check; anonymous callers are throttled.
 */
async function isNamedByPublishedDocument(db: Db, key: string): Promise<boolean> {
  const { rows } = await db.execute<{ one: number }>(sql`SELECT 1 AS one FROM villages_villages WHERE published IS NOT NULL AND strpos(published::text, ${`/media/${key}"`}) > 0 LIMIT 1`);
  return rows.length > 0;
}

/**
 * Answers one `GET`/`HEAD` of the route (see the module doc). Never throws: errors become text answers (500
 * hidden and logged).
 * @param segments the route's `[...key]` segments (decoded): the key's segments after `villages/`
 */
export async function mediaResponse(deps: MediaRouteDeps, request: Request, segments: readonly string[]): Promise<Response> {
  try {
    const db = deps.getDb();
    const actor = await actorFromHeaders(db, request.headers);
    if (!actor) {
      const throttled = await throttleAnonymous(request);
      if (throttled) return throttled;
    }
    const key = `villages/${segments.join('/')}`;
    if (!KEY_PATTERN.test(key)) return textResponse(404, 'Not found');
    const readers = await readersOf(db, key);
    if (readers.isPublished) return await objectResponse(deps.getStore(), key, request, { cacheControl: 'public, max-age=31536000, immutable' });
    const curator = isVillagesCurator(actor) ? actor : null;
    if (curator && readers.regionCodes.some((region) => regionCovers(curator.regionCode, region))) {
      return await objectResponse(deps.getStore(), key, request, { cacheControl: 'private, no-store', headers: { Vary: 'Cookie' } });
    }
    if ((await deps.getStore().exists(key)) && (await isNamedByPublishedDocument(db, key))) {
      return await objectResponse(deps.getStore(), key, request, { cacheControl: 'public, max-age=31536000, immutable' });
    }
    return textResponse(404, 'Not found');
  } catch (error) {
    return errorResponse('villages-media', error, deps.logger);
  }
}
