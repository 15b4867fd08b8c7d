import { sql } from 'drizzle-orm';
import { textResponse, throttleAnonymous } from '@server/api/request-limits';
import type { Db } from '@server/db/client';
import { objectResponse } from '@server/storage/object-response';
import type { ObjectStore } from '@server/storage/object-store';
import { SCENE_CONTENT_URI, SCENE_GEOMETRIC_ERROR_M, sceneTilesPrefix } from './scene-tiles-keys';

/**
 * `GET /tiles/villages/<path>`: the historic-building blocks of the published villages, public and anonymous.
 * - `tileset.json`: a root tileset (ADD refinement, no content of its own) whose children are the current builds
 *   (`villages_scene_tilesets`) of every village that is published now, each an external tileset
 *   `<code>/<publishId>/tileset.json` with its `region` bounding volume and geometric error
 *   {@link SCENE_GEOMETRIC_ERROR_M}. `public, max-age=60`: a publish shows within a minute.
 * - `<code>/<publishId>/(tileset.json|buildings.glb)`: a file of the CURRENT version of a published village (an
 *   unpublished village, an older version or any other name answers 404, so nothing that is no longer published
 *   stays reachable by URL). The URL names its version, so its bytes never change: `public, max-age=31536000,
 *   immutable`.
 * Everything comes from the builds of published documents (./publish-scene-tiles.ts), never from working rows.
 * Anonymous callers are throttled per address like the other public routes.
 */

/** A published version id (server/storage/publish-manifest.ts). */
const PUBLISH_ID = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;
/** A village code (villages_villages_code_ck). */
const VILLAGE_CODE = /^36\d{10}$/;
/** Files inside a version. */
const FILES = new Set(['tileset.json', SCENE_CONTENT_URI]);

/** Jiangxi's extent, radians (the volume of an empty root: 113.5–118.5 E, 24.4–30.1 N). */
const EMPTY_REGION = [113.5, 24.4, 118.5, 30.1].map((deg) => (deg * Math.PI) / 180).concat([-10, 0]);

/** Cache lifetime of the composed root, seconds. */
export const SCENE_ROOT_MAX_AGE_S = 60;

/** The composed root tileset JSON of every published village's current build (see the module doc). */
export async function composedSceneTileset(db: Db): Promise<object> {
  const { rows } = await db.execute<{ code: string; prefix: string; bounding_region: number[] }>(sql`
    SELECT v.code, t.prefix, t.bounding_region
      FROM villages_scene_tilesets t JOIN villages_villages v ON v.id = t.village_id
     WHERE v.published IS NOT NULL
     ORDER BY v.code`);
  const children = rows.map((row) => ({
    boundingVolume: { region: row.bounding_region },
    geometricError: SCENE_GEOMETRIC_ERROR_M,
    content: { uri: `${row.code}/${row.prefix.slice(row.prefix.lastIndexOf('/') + 1)}/tileset.json` },
  }));
  const region = children.length
    ? [0, 1, 2, 3, 4, 5].map((i) => (i < 2 || i === 4 ? Math.min : Math.max)(...rows.map((row) => row.bounding_region[i])))
    : EMPTY_REGION;
  const error = 2 * SCENE_GEOMETRIC_ERROR_M + 1;
  return {
    asset: { version: '1.1', generator: 'GanTwin villages scene tiles' },
    geometricError: error,
    root: { boundingVolume: { region }, geometricError: error, refine: 'ADD', ...(children.length ? { children } : {}) },
  };
}

/**
 * Answers one request of the route (see the module doc). Never throws for a bad path (404).
 * @param segments the route's `[...path]` segments
 */
export async function sceneTileResponse(db: Db, store: ObjectStore, request: Request, segments: readonly string[]): Promise<Response> {
  const throttled = await throttleAnonymous(request);
  if (throttled) return throttled;
  if (segments.length === 1 && segments[0] === 'tileset.json') {
    const body = JSON.stringify(await composedSceneTileset(db));
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${SCENE_ROOT_MAX_AGE_S}` } });
  }
  const [code, publishId, file, ...rest] = segments;
  if (rest.length > 0 || !VILLAGE_CODE.test(code ?? '') || !PUBLISH_ID.test(publishId ?? '') || !FILES.has(file ?? '')) return textResponse(404, 'Not found');
  const prefix = `${sceneTilesPrefix(code)}/${publishId}`;
  const { rows } = await db.execute<{ one: number }>(sql`
    SELECT 1 AS one FROM villages_scene_tilesets t JOIN villages_villages v ON v.id = t.village_id
     WHERE v.code = ${code} AND v.published IS NOT NULL AND t.prefix = ${prefix}`);
  if (rows.length === 0) return textResponse(404, 'Not found');
  return objectResponse(store, `${prefix}/${file}`, request, { cacheControl: 'public, max-age=31536000, immutable' });
}
