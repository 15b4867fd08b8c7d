import { sql } from 'drizzle-orm';
import { VILLAGES_LAYER_IDS } from '@data/villages/layers';
import type { GeoLayerSource } from '@server/host/server-plate';
import type { SqlExecutor } from '@server/jobs/queue';

/**
 * The `villages` plate's GeoJSON sources, public (the same for every caller) and built from the villages' PUBLISHED
 * documents only (`villages_villages.published`, ./public-village-types.ts) — never from working rows:
 * - `villages-points`: every published village at its position (feature id = 12-digit code), properties `code`,
 *   `name`, `nameEn`, `county`, `isPositionVerified`, `positionState` (`verified` / `unverified`: the marker colour),
 *   `nationalBatch`, `coverUrl` (the cover's smallest non-AVIF variant, or null) and `isDemo`;
 * - `villages-boundaries`: the published boundaries (feature id = code), properties `code`, `name`;
 * - `villages-pois`: every published point of interest (feature id = POI id), properties `villageCode`,
 *   `villageName`, `kind`, `name`, `nameEn`, `description`, `descriptionEn`.
 *
 * Cache: the host keeps public sources in memory per catalogue version (the layer row's `updated_at`,
 * server/host/geo-layer-response.ts). A publish must therefore call {@link markVillagesLayersChanged} in its
 * transaction, or the map keeps showing the previous documents until the next seed.
 */

const pointsQuery = () => sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', v.code,
           'geometry', json_build_object('type', 'Point', 'coordinates', v.published->'position'),
           'properties', json_build_object(
             'code', v.code, 'name', v.published->>'nameZh', 'nameEn', v.published->>'nameEn', 'county', v.published->>'county',
             'isPositionVerified', coalesce((v.published->>'isPositionVerified')::boolean, false),
             'positionState', CASE WHEN (v.published->>'isPositionVerified')::boolean THEN 'verified' ELSE 'unverified' END,
             'nationalBatch', (v.published->>'nationalBatch')::int,
             'coverUrl', (SELECT variant->>'url' FROM jsonb_array_elements(coalesce(v.published->'cover'->'variants', '[]'::jsonb)) variant
                           ORDER BY variant->>'format' = 'avif', (variant->>'width')::int LIMIT 1),
             'isDemo', coalesce((v.published->>'isDemo')::boolean, false)))
         ORDER BY v.code), '[]'::json))::text AS body
    FROM villages_villages v
   WHERE v.published IS NOT NULL`;

const boundariesQuery = () => sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', v.code, 'geometry', v.published->'boundary',
           'properties', json_build_object('code', v.code, 'name', v.published->>'nameZh'))
         ORDER BY v.code), '[]'::json))::text AS body
    FROM villages_villages v
   WHERE v.published IS NOT NULL AND jsonb_typeof(v.published->'boundary') = 'object'`;

const poisQuery = () => sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', poi->>'id',
           'geometry', json_build_object('type', 'Point', 'coordinates', poi->'position'),
           'properties', json_build_object(
             'villageCode', v.code, 'villageName', v.published->>'nameZh', 'kind', poi->>'kind',
             'name', poi->>'nameZh', 'nameEn', poi->>'nameEn', 'description', poi->>'descriptionZh', 'descriptionEn', poi->>'descriptionEn'))
         ORDER BY v.code, poi->>'id'), '[]'::json))::text AS body
    FROM villages_villages v, jsonb_array_elements(coalesce(v.published->'pois', '[]'::jsonb)) poi
   WHERE v.published IS NOT NULL`;

/** The plate's GeoJSON sources by catalogue layer id (see module doc). */
export const VILLAGES_GEO_LAYERS: Readonly<Record<string, GeoLayerSource>> = {
  [VILLAGES_LAYER_IDS.points]: { cache: 'public', query: pointsQuery },
  [VILLAGES_LAYER_IDS.boundaries]: { cache: 'public', query: boundariesQuery },
  [VILLAGES_LAYER_IDS.pois]: { cache: 'public', query: poisQuery },
};

/**
 * Marks the plate's catalogue layers as changed (`layers.updated_at = now()`), so every web server rebuilds its
 * cached public GeoJSON at the next request. Call it in the transaction that publishes or unpublishes a village.
 * @param tx a Drizzle transaction or database
 * @returns how many layer rows were touched (0 before the catalogue is seeded)
 */
export async function markVillagesLayersChanged(tx: SqlExecutor): Promise<number> {
  const result = await tx.execute(sql`UPDATE layers SET updated_at = now() WHERE plate = 'villages'`);
  return (result as { rowCount?: number | null }).rowCount ?? 0;
}
