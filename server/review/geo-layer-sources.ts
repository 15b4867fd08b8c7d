import { sql } from 'drizzle-orm';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { GeoLayerSource } from '@server/host/server-plate';
import { reviewParcels } from '@server/db/schema/review';

/**
 * The `review` plate's GeoJSON sources: `review-parcels` — parcels of the caller's region with their code, name,
 * land use and main limits (feature id = parcel id); anonymous callers get an empty collection (planning conditions
 * are shown to staff and applicants of the region only).
 */
export const REVIEW_GEO_LAYERS: Readonly<Record<string, GeoLayerSource>> = {
  'review-parcels': {
    cache: 'private',
    query: (actor) => sql<string>`
      SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
               'type', 'Feature', 'id', id,
               'geometry', ST_AsGeoJSON(boundary, 7)::json,
               'properties', json_build_object('code', code, 'name', name, 'nameEn', name_en, 'landUse', land_use,
                 'heightLimitM', height_limit_m, 'farMin', far_min, 'farMax', far_max, 'densityMax', density_max,
                 'greenRatioMin', green_ratio_min, 'isDemo', is_demo))
               ORDER BY code), '[]'::json))::text AS body
        FROM ${reviewParcels}
       WHERE ${actor ? regionScopeSql(reviewParcels.regionCode, actor.regionCode) : sql`false`}`,
  },
};
