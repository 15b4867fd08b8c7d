import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { GeoLayerSource } from '@server/host/server-plate';
import { layers } from '@server/db/schema/twin';
import { visibleLayersSql } from './layer-access';

/**
 * GeoJSON sources of uploaded vector layers (`catalogue_features`), served by the host at `GET /api/geo/<layerId>`
 * (the twin plate's `runtimeGeoLayer`). A public layer is one answer for everyone (kept in memory by the host with
 * an ETag, versioned by the layer's `updated_at`); an internal one is built per request and yields no row — so
 * 404 — for a caller outside its scope (./layer-access.ts). Coordinates with 7 decimals (≈ 1 cm).
 * @see docs/api.md "GET /api/geo/<layerId>"
 */

function collection(layerId: string, visible: SQL): SQL<string> {
  return sql<string>`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce((
             SELECT json_agg(json_build_object('type', 'Feature', 'id', f.feature_index,
                      'geometry', ST_AsGeoJSON(f.geom, 7)::json, 'properties', f.properties) ORDER BY f.feature_index)
               FROM catalogue_features f WHERE f.layer_id = ${layerId}), '[]'::json))::text AS body
      FROM ${layers} WHERE ${layers.id} = ${layerId} AND ${visible}`;
}

/** The source of an uploaded vector layer, or `undefined` for any other row. */
export function catalogueGeoSource(layer: { id: string; origin: string; visibility: string }): GeoLayerSource | undefined {
  if (layer.origin !== 'uploaded') return undefined;
  if (layer.visibility === 'public') return { cache: 'public', query: () => collection(layer.id, sql`true`) };
  return { cache: 'private', query: (actor: Actor | null) => collection(layer.id, visibleLayersSql(actor)) };
}
