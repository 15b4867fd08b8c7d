import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { NANCHANG_ROAD_NETWORK } from '@data/twin/road-network';
import { gcj02ToWgs84 } from './gcj02-geometry';
import { seedRoads } from './seed-roads';
import type { GeoJsonMultiPolygon, GeoJsonPolygon } from '@server/db/columns/geojson';

const countiesFile = path.join(env.SHARED_DATA_DIR, 'geo/jiangxi_counties_by_city/jiang1_xi1_nan2_chang1.geojson');
const hasData = existsSync(path.join(env.SHARED_DATA_DIR, NANCHANG_ROAD_NETWORK.file)) && existsSync(countiesFile);
const connection = connectTestDb();
afterAll(() => connection.pool.end());

/**
 * Share of district-border length within `bufferM` of a road, in the old-city window where Nanchang's district
 * borders follow streets. Computed in UTM 50N (EPSG:32650) metres.
 */
async function borderShareNearRoads(borders: (GeoJsonPolygon | GeoJsonMultiPolygon)[], bufferM: number): Promise<number> {
  const { rows } = await connection.pool.query<{ share: number }>(
    `WITH win AS (SELECT ST_Transform(ST_MakeEnvelope(115.88, 28.65, 115.94, 28.70, 4326), 32650) AS e),
          roads AS (SELECT ST_Union(ST_Buffer(ST_Transform(geom, 32650), $2)) AS g FROM road_segments, win
                     WHERE ST_Intersects(ST_Transform(geom, 32650), ST_Expand(win.e, 500))),
          borders AS (SELECT ST_Intersection(ST_Boundary(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(b), 4326), 32650)), win.e) AS l
                        FROM json_array_elements_text($1::json) b, win)
     SELECT sum(ST_Length(ST_Intersection(l, roads.g))) / sum(ST_Length(l)) AS share FROM borders, roads`,
    [JSON.stringify(borders), bufferM],
  );
  return rows[0].share;
}

describe.skipIf(!hasData)('seedRoads (needs ../shared/data/geo)', () => {
  beforeAll(async () => {
    await seedRoads(connection.db, { sharedDataDir: env.SHARED_DATA_DIR });
  });

  it('stores all 3,041 segments idempotently, inside the documented bbox, lengths matching geometry ± 5 %', async () => {
    expect(await seedRoads(connection.db, { sharedDataDir: env.SHARED_DATA_DIR })).toBe(3041);
    const { rows } = await connection.pool.query(
      `SELECT ST_XMin(e) AS "minLon", ST_XMax(e) AS "maxLon", ST_YMin(e) AS "minLat", ST_YMax(e) AS "maxLat",
              (SELECT sum(length_m) / 1000 FROM road_segments) AS "totalKm",
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ST_Length(geom::geography) / NULLIF(length_m, 0))
                 FROM road_segments WHERE length_m > 50) AS "medianRatio"
         FROM (SELECT ST_Extent(geom)::geometry AS e FROM road_segments) x`,
    );
    expect(rows[0].minLon).toBeCloseTo(115.7502, 3);
    expect(rows[0].maxLon).toBeCloseTo(115.9876, 3);
    expect(rows[0].minLat).toBeCloseTo(28.5952, 3);
    expect(rows[0].maxLat).toBeCloseTo(28.7407, 3);
    expect(rows[0].totalKm).toBeGreaterThan(1_290);
    expect(rows[0].totalKm).toBeLessThan(1_315);
    expect(rows[0].medianRatio).toBeGreaterThan(0.95);
    expect(rows[0].medianRatio).toBeLessThan(1.05);
  });

  it('datum check: district borders follow the roads only after GCJ-02 → WGS84 conversion (roads are WGS84)', async () => {
    const raw = JSON.parse(readFileSync(countiesFile, 'utf8')) as { features: { geometry: GeoJsonPolygon | GeoJsonMultiPolygon }[] };
    const gcj = raw.features.map((f) => f.geometry);
    const wgs = gcj.map((g) => gcj02ToWgs84(g));
    const shareConverted = await borderShareNearRoads(wgs, 30);
    const shareRaw = await borderShareNearRoads(gcj, 30);
    expect(NANCHANG_ROAD_NETWORK.sourceDatum).toBe('WGS84');
    expect(shareConverted).toBeGreaterThan(0.22);
    expect(shareConverted - shareRaw).toBeGreaterThan(0.07);
  });
});
