import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { NANCHANG_ROAD_NETWORK } from '@data/twin/road-network';
import type { Db } from '@server/db/client';
import { roadSegments } from '@server/db/schema/twin';
import { InputError } from '@kernel/errors';
import { readFeatureCollectionFile } from './feature-collection-file';
import { gcj02ToWgs84 } from './gcj02-geometry';

/**
 * Seeds the central-Nanchang road network (KDD Cup 2021 CityBrain, 3,041 straight segments) into
 * `road_segments`. The source datum and its evidence are in data/twin/road-network.ts and data/twin/README.md;
 * GCJ-02 input would be converted here, WGS84 input is stored as is. Idempotent upsert by road id, one transaction.
 */

/** Road rows per INSERT statement (500 × 9 columns, far below PostgreSQL's 65,535 bind parameters). */
export const ROAD_INSERT_BATCH_SIZE = 500;

/** Where the road network is read from, and how it is written. */
export interface SeedRoadsOptions {
  /** Absolute directory of the shared data (`env.SHARED_DATA_DIR`). */
  sharedDataDir: string;
  /** Rows per INSERT statement (default {@link ROAD_INSERT_BATCH_SIZE}). */
  batchSize?: number;
}

const lineStringProbe = z.object({ geometry: z.object({ type: z.literal('LineString') }) });
const roadFeatureSchema = z.object({
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number()).min(2)).min(2) }),
  properties: z.object({
    from_intersection: z.string(),
    to_intersection: z.string(),
    length_m: z.number().nonnegative(),
    speed_limit_mps: z.number().positive(),
    lanes_forward: z.number().int().nonnegative(),
    lanes_reverse: z.number().int().nonnegative(),
    road_id_forward: z.string(),
    road_id_reverse: z.string().nullable().optional(),
  }),
});

/**
 * Upserts every road segment of the network.
 * @returns the number of segments in the table afterwards
 * @throws {InputError} when the file is missing or not a FeatureCollection, or a LineString feature is malformed
 */
export async function seedRoads(db: Db, options: SeedRoadsOptions): Promise<number> {
  const file = path.join(options.sharedDataDir, NANCHANG_ROAD_NETWORK.file);
  const features = await readFeatureCollectionFile(file, 'seed-roads');
  const isLineString = (f: unknown): boolean => lineStringProbe.safeParse(f).success;
  const rows = features
    .filter(isLineString)
    .map((f, i) => {
      const parsed = roadFeatureSchema.safeParse(f);
      if (!parsed.success) throw new InputError(`seed-roads: ${file}: road ${i} is malformed: ${parsed.error.message}`);
      const p = parsed.data.properties;
      const raw = { type: 'LineString' as const, coordinates: parsed.data.geometry.coordinates };
      const reverse = p.road_id_reverse && p.road_id_reverse !== '-1' ? p.road_id_reverse : null;
      return {
        id: p.road_id_forward,
        reverseRoadId: reverse,
        fromIntersection: p.from_intersection,
        toIntersection: p.to_intersection,
        lengthM: p.length_m,
        lanesForward: p.lanes_forward,
        lanesReverse: p.lanes_reverse,
        speedLimitMps: p.speed_limit_mps,
        geom: NANCHANG_ROAD_NETWORK.sourceDatum === 'GCJ-02' ? gcj02ToWgs84(raw) : raw,
      };
    });
  const batchSize = options.batchSize ?? ROAD_INSERT_BATCH_SIZE;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      await tx
        .insert(roadSegments)
        .values(rows.slice(i, i + batchSize))
        .onConflictDoUpdate({
          target: roadSegments.id,
          set: {
            reverseRoadId: sql`excluded.reverse_road_id`,
            fromIntersection: sql`excluded.from_intersection`,
            toIntersection: sql`excluded.to_intersection`,
            lengthM: sql`excluded.length_m`,
            lanesForward: sql`excluded.lanes_forward`,
            lanesReverse: sql`excluded.lanes_reverse`,
            speedLimitMps: sql`excluded.speed_limit_mps`,
            geom: sql`excluded.geom`,
          },
        });
    }
  });
  const [{ n }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM road_segments`)).rows;
  return n;
}
