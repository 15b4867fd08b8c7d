import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { PROVINCE, REGION_LEVELS, REGION_SOURCE_CRS, type RegionLevelDefinition } from '@data/twin/region-levels';
import type { Db } from '@server/db/client';
import { WGS84_SRID } from '@server/db/columns/geo';
import type { GeoJsonMultiPolygon } from '@server/db/columns/geojson';
import { regions } from '@server/db/schema/regions';
import { InputError } from '@kernel/errors';
import { readFeatureCollectionFile } from './feature-collection-file';
import { gcj02PositionToWgs84, gcj02ToWgs84 } from './gcj02-geometry';

/**
 * Seeds Jiangxi's region tree (1 province, 11 cities, 100 counties) from the echarts GeoJSON files, converting
 * every vertex and label point from GCJ-02 to WGS84. Idempotent: upserts by admin code in one transaction.
 *
 * Notes: the echarts boundaries are quantised to 1/1024° and some become invalid after conversion (touching
 * rings); they are repaired with `ST_MakeValid` + `ST_CollectionExtract(…, 3)`. The province boundary is the
 * union of the city boundaries, so the tree nests exactly.
 * @see data/twin/region-levels.ts, ../shared/data/SOURCES.md (outside this repository) "geo/"
 */

/**
 * Smallest part of the merged city boundaries kept in the province outline, m² (10 km²): drops the slivers left
 * by independently quantised city edges; Jiangxi's smallest real part is far larger.
 */
export const PROVINCE_MIN_PART_AREA_M2 = 1e7;

/** Where the region sources are read from. */
export interface SeedRegionsOptions {
  /** Absolute directory of the shared data (`env.SHARED_DATA_DIR`). */
  sharedDataDir: string;
}

/** How many rows of each level exist after seeding. */
export interface SeedRegionsResult {
  province: number;
  city: number;
  county: number;
}

const positionSchema = z.array(z.number()).min(2);
const featureSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.object({
    name: z.string().min(1),
    cp: z.tuple([z.number(), z.number()]).optional(),
    adcode: z.union([z.string(), z.number()]).optional(),
  }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(positionSchema)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(positionSchema))) }),
  ]),
});

type RegionRow = typeof regions.$inferInsert;

async function readFeatures(file: string): Promise<z.infer<typeof featureSchema>[]> {
  const features = await readFeatureCollectionFile(file, 'seed-regions');
  return features.map((feature, i) => {
    const parsed = featureSchema.safeParse(feature);
    if (!parsed.success) throw new InputError(`seed-regions: ${file}: feature ${i} is not a named (Multi)Polygon: ${parsed.error.message}`);
    return parsed.data;
  });
}

function toMultiPolygon(geometry: z.infer<typeof featureSchema>['geometry']): GeoJsonMultiPolygon {
  return geometry.type === 'Polygon'
    ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates };
}

function codeOf(feature: z.infer<typeof featureSchema>, file: string): string {
  const code = String(feature.properties.adcode ?? feature.id ?? '');
  if (!/^36\d{4}$/.test(code)) throw new InputError(`seed-regions: ${file}: ${feature.properties.name} has no Jiangxi 6-digit code, got "${code}"`);
  return code;
}

async function rowsOfLevel(level: RegionLevelDefinition, sharedDataDir: string): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for (const relative of level.files) {
    const file = path.join(sharedDataDir, relative);
    for (const feature of await readFeatures(file)) {
      const code = codeOf(feature, relative);
      const boundary = gcj02ToWgs84(toMultiPolygon(feature.geometry));
      const labelGcj = feature.properties.cp ?? (boundary.coordinates[0][0][0] as [number, number]);
      rows.push({
        code,
        name: feature.properties.name,
        level: level.level,
        parentCode: level.level === 'city' ? PROVINCE.code : `${code.slice(0, 4)}00`,
        center: { type: 'Point', coordinates: gcj02PositionToWgs84(labelGcj) },
        boundary,
        source: `${level.source}; ${relative}`,
        sourceCrs: REGION_SOURCE_CRS,
      });
    }
  }
  if (rows.length !== level.expectedCount) {
    throw new InputError(`seed-regions: expected ${level.expectedCount} ${level.level} regions, read ${rows.length}`);
  }
  return rows;
}

async function provinceLabel(sharedDataDir: string): Promise<[number, number]> {
  const features = await readFeatures(path.join(sharedDataDir, PROVINCE.labelFile));
  const jiangxi = features.find((f) => String(f.properties.adcode ?? f.id) === PROVINCE.code);
  if (!jiangxi?.properties.cp) throw new InputError(`seed-regions: ${PROVINCE.labelFile} has no feature ${PROVINCE.code} with a cp`);
  return gcj02PositionToWgs84(jiangxi.properties.cp);
}

/**
 * Upserts all regions and repairs invalid boundaries.
 * @returns the number of rows per level afterwards
 * @throws {InputError} when a source file is missing or malformed, or a level has the wrong feature count
 */
export async function seedRegions(db: Db, options: SeedRegionsOptions): Promise<SeedRegionsResult> {
  const [, cityLevel, countyLevel] = REGION_LEVELS;
  const cities = await rowsOfLevel(cityLevel, options.sharedDataDir);
  const counties = await rowsOfLevel(countyLevel, options.sharedDataDir);
  const cityCodes = new Set(cities.map((c) => c.code));
  const orphan = counties.find((c) => !cityCodes.has(c.parentCode ?? ''));
  if (orphan) throw new InputError(`seed-regions: county ${orphan.name} ${orphan.code} has no city ${orphan.parentCode}`);
  const [labelLon, labelLat] = await provinceLabel(options.sharedDataDir);
  const provinceSource = REGION_LEVELS[0].source;

  await db.transaction(async (tx) => {
    for (const row of [...cities, ...counties]) {
      await tx
        .insert(regions)
        .values(row)
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: row.name,
            level: row.level,
            parentCode: row.parentCode,
            center: row.center,
            boundary: row.boundary,
            source: row.source,
            sourceCrs: row.sourceCrs,
            updatedAt: sql`now()`,
          },
        });
    }
    await tx.execute(sql`
      UPDATE regions SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(boundary), 3))
       WHERE level IN ('city', 'county') AND NOT ST_IsValid(boundary)`);
    // Union of the cities, without the ≈140 sliver holes/islands left by independently quantised city edges
    // (Jiangxi has no enclaves): exterior rings of parts larger than PROVINCE_MIN_PART_AREA_M2.
    await tx.execute(sql`
      WITH merged AS (
        SELECT ST_CollectionExtract(ST_MakeValid(ST_Union(boundary)), 3) AS g FROM regions WHERE level = 'city'
      ), parts AS (
        SELECT ST_MakePolygon(ST_ExteriorRing((ST_Dump(g)).geom)) AS p FROM merged
      )
      INSERT INTO regions (code, name, level, parent_code, center, boundary, source, source_crs, updated_at)
      SELECT ${PROVINCE.code}, ${PROVINCE.name}, 'province', NULL,
             ST_SetSRID(ST_MakePoint(${labelLon}, ${labelLat}), ${sql.raw(String(WGS84_SRID))}),
             ST_Multi(ST_Union(p)), ${provinceSource}, ${REGION_SOURCE_CRS}, now()
        FROM parts WHERE ST_Area(p::geography) > ${PROVINCE_MIN_PART_AREA_M2}
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, center = EXCLUDED.center, boundary = EXCLUDED.boundary,
             source = EXCLUDED.source, source_crs = EXCLUDED.source_crs, updated_at = now()`);
  });

  const counts = await db.execute<{ level: string; n: number }>(sql`SELECT level, count(*)::int AS n FROM regions GROUP BY level`);
  const byLevel = Object.fromEntries(counts.rows.map((r) => [r.level, r.n]));
  return { province: byLevel.province ?? 0, city: byLevel.city ?? 0, county: byLevel.county ?? 0 };
}
