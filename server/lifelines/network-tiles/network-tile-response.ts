import { sql } from 'drizzle-orm';
import { regionScopeSql } from '@server/accounts/region-scope';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Actor } from '@server/api/actor';
import { textResponse } from '@server/api/request-limits';
import type { Db } from '@server/db/client';
import { PIPE_NETWORKS, type PipeNetwork } from '@server/db/schema/lifelines';
import { objectResponse } from '@server/storage/object-response';
import type { ObjectStore } from '@server/storage/object-store';
import { isLifelinesReader } from '../reader-roles';
import { networkTilesPrefix } from './network-tiles-keys';

/**
 * `GET /tiles/lifelines/<network>/<path>`: the network tiles of the regions the caller may read.
 * - `tileset.json`: a root tileset composed for the caller (ADD refinement, no content of its own) whose children
 *   are the published builds (`lifelines_network_tilesets`) of every region in the caller's scope, each an external
 *   tileset `<region>/<publishId>/tileset.json` with its `region` bounding volume. `private, no-cache`: a rebuild
 *   shows at the next load.
 * - `<region>/<publishId>/<file>`: a file of one published version, for a region in the caller's scope that has a
 *   build. The URL names its version, so it never changes: `private, max-age=31536000, immutable`.
 * Private data (like `lifelines.pipes.*`): only signed-in readers (./reader-roles.ts) in region scope. Anyone else
 * gets an empty root (the catalogue layer then draws nothing instead of failing, as the GeoJSON layers answered an
 * empty collection) and 404 for every file (no probing which regions have networks). `Vary: Cookie` throughout.
 */

/** A published version id (server/storage/publish-manifest.ts). */
const PUBLISH_ID = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;
/** A file inside a version: `tileset.json` or `tiles/<level>-<x>-<y>[-<chunk>].glb`. */
const FILE_PATH = /^(tileset\.json|tiles\/\d{1,2}-\d{1,7}-\d{1,7}(-\d{1,6})?\.glb)$/;

/** Jiangxi's extent, radians (the volume of an empty root: 113.5–118.5 E, 24.4–30.1 N). */
const EMPTY_REGION = [113.5, 24.4, 118.5, 30.1].map((deg) => (deg * Math.PI) / 180).concat([-10, 0]);

/**
 * The composed root tileset JSON of `network` for `actor` (`null`: anyone who may not read networks — an empty
 * tileset, as the GeoJSON layers answered such callers an empty collection).
 */
export async function composedNetworkTileset(db: Db, actor: Actor | null, network: PipeNetwork): Promise<object> {
  const { rows } = actor
    ? await db.execute<{ region_code: string; prefix: string; bounding_region: number[]; geometric_error: number }>(sql`
        SELECT region_code, prefix, bounding_region, geometric_error FROM lifelines_network_tilesets
         WHERE network = ${network} AND ${regionScopeSql(sql`region_code`, actor.regionCode)}
         ORDER BY region_code`)
    : { rows: [] };
  const children = rows.map((row) => ({
    boundingVolume: { region: row.bounding_region },
    geometricError: Number(row.geometric_error),
    content: { uri: `${row.region_code}/${row.prefix.slice(row.prefix.lastIndexOf('/') + 1)}/tileset.json` },
  }));
  const region = children.length
    ? [0, 1, 2, 3, 4, 5].map((i) => (i < 2 || i === 4 ? Math.min : Math.max)(...rows.map((row) => row.bounding_region[i])))
    : EMPTY_REGION;
  const error = Math.max(0, ...children.map((c) => c.geometricError));
  return {
    asset: { version: '1.1', generator: 'GanTwin lifelines network tiles' },
    geometricError: 2 * error + 1,
    root: { boundingVolume: { region }, geometricError: 2 * error + 1, refine: 'ADD', ...(children.length ? { children } : {}) },
  };
}

/**
 * Answers one request of the route (see the module doc).
 * @param segments the route's `[...path]` segments
 */
export async function networkTileResponse(db: Db, store: ObjectStore, request: Request, network: string, segments: readonly string[]): Promise<Response> {
  if (!(PIPE_NETWORKS as readonly string[]).includes(network)) return textResponse(404, 'Not found');
  const caller = await actorFromHeaders(db, request.headers);
  const actor = isLifelinesReader(caller) ? caller : null;
  const net = network as PipeNetwork;
  if (segments.length === 1 && segments[0] === 'tileset.json') {
    const body = JSON.stringify(await composedNetworkTileset(db, actor, net));
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'private, no-cache', vary: 'Cookie' } });
  }
  if (!actor) return textResponse(404, 'Not found');
  const [regionCode, publishId, ...rest] = segments;
  const file = rest.join('/');
  if (!/^\d{6}$/.test(regionCode ?? '') || !PUBLISH_ID.test(publishId ?? '') || !FILE_PATH.test(file)) return textResponse(404, 'Not found');
  const { rows } = await db.execute<{ one: number }>(sql`
    SELECT 1 AS one FROM lifelines_network_tilesets
     WHERE network = ${net} AND region_code = ${regionCode} AND ${regionScopeSql(sql`region_code`, actor.regionCode)}`);
  if (rows.length === 0) return textResponse(404, 'Not found');
  const key = `${networkTilesPrefix(net, regionCode)}/${publishId}/${file}`;
  return objectResponse(store, key, request, { cacheControl: 'private, max-age=31536000, immutable', headers: { vary: 'Cookie' } });
}
