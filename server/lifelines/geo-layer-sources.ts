import { sql } from 'drizzle-orm';
import { LAYER_MIN_DIAMETER_MM, pipeLayerId } from '@data/lifelines/layers';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { GeoLayerSource } from '@server/host/server-plate';
import { PIPE_NETWORKS, type PipeNetwork } from '@server/db/schema/lifelines';
import { isLifelinesReader } from './reader-roles';

/**
 * The `lifelines` plate's GeoJSON sources: one per network (`lifelines-<network>-pipes`), the mains of the caller's
 * region (diameter ≥ data/lifelines/layers.ts `LAYER_MIN_DIAMETER_MM`), largest first, at most
 * {@link MAX_LAYER_FEATURES} features, coordinates to 6 decimals (≈ 0.1 m) and heights to 0.01 m, feature id =
 * segment id; anonymous callers and roles that may not read the networks (applicants, ./reader-roles.ts) get an
 * empty collection. Payload measured on the demo network: server/lifelines/README.md.
 */

/** Most features of one network layer answer. */
export const MAX_LAYER_FEATURES = 8000;

function networkSource(network: PipeNetwork): GeoLayerSource {
  return {
    cache: 'private',
    query: (actor) => sql<string>`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f.feature ORDER BY f.diameter_mm DESC, f.code), '[]'::json))::text AS body
        FROM (SELECT p.diameter_mm, p.code,
                     json_build_object('type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 6)::json,
                       'properties', json_build_object('code', p.code, 'network', p.network, 'diameterMm', p.diameter_mm,
                         'material', p.material, 'coverFromM', p.cover_from_m, 'coverToM', p.cover_to_m, 'isDemo', p.is_demo)) AS feature
                FROM lifelines_pipes p
               WHERE p.network = ${network} AND p.diameter_mm >= ${LAYER_MIN_DIAMETER_MM[network]}
                 AND ${actor && isLifelinesReader(actor.role) ? regionScopeSql(sql`p.region_code`, actor.regionCode) : sql`false`}
               ORDER BY p.diameter_mm DESC, p.code
               LIMIT ${MAX_LAYER_FEATURES}) f`,
  };
}

/** The sources by layer id. */
export const LIFELINES_GEO_LAYERS: Readonly<Record<string, GeoLayerSource>> = Object.fromEntries(
  PIPE_NETWORKS.map((network) => [pipeLayerId(network), networkSource(network)]),
);
