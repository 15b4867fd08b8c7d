import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { InputError } from '@kernel/errors';
import { DEMO_CODE_PREFIX, DEMO_NETWORKS, type DemoNetworkDefinition } from '@data/lifelines/demo-network';
import type { Db } from '@server/db/client';
import { parseGeoJsonText } from '@server/geo/vector-file';
import { layDemoNetworks, type DemoIntersection, type DemoNetwork, type DemoRoad } from './demo-network';

/**
 * Seeds the demo utility networks of central Nanchang (示例数据, data/lifelines/demo-network.ts) along the CityBrain
 * road network (`geo/nanchang_roadnet_citybrain.geojson` in the shared data, WGS84, see data/twin/road-network.ts).
 *
 * Idempotent and fast: the codes carry a version prefix (`DEMO1-`); when the table already holds exactly the
 * demo rows of this version the seed does nothing, otherwise it replaces every demo row in one transaction
 * (imported rows are never touched). Rows go in with one `INSERT … SELECT FROM json_to_recordset` per batch.
 */

/** The road network file, relative to the shared data folder. */
export const ROAD_NETWORK_FILE = 'geo/nanchang_roadnet_citybrain.geojson';

/** Rows per INSERT statement (one JSON parameter each). */
const INSERT_BATCH_ROWS = 10_000;

/** Region of every point that lies in no county (the road network is all in 南昌市). */
export const FALLBACK_REGION_CODE = '360100';

const roadSchema = z.object({
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()]).rest(z.number())).min(2) }),
  properties: z.object({ from_intersection: z.string().min(1), to_intersection: z.string().min(1), speed_limit_mps: z.number().positive(), road_id_forward: z.string().min(1) }),
});
const intersectionSchema = z.object({
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
  properties: z.object({ id: z.string().min(1) }),
});

/** What {@link seedDemoNetwork} did. */
export interface SeedNetworkResult {
  /** `skipped` when the demo rows of this version were all present. */
  action: 'inserted' | 'skipped';
  nodes: number;
  pipes: number;
  /** Total pipe length per network, kilometres. */
  kmByNetwork: Record<string, number>;
}

/**
 * Reads the road network and lays the demo networks (no database writes).
 * @param regionOf region codes of points (lon/lat degrees), in input order — the caller's lookup (SQL in the seed)
 * @throws {InputError} when the file is missing, not GeoJSON, or has a malformed road or intersection
 */
export async function buildDemoNetwork(
  sharedDataDir: string,
  regionOf: (points: [number, number][]) => Promise<string[]>,
  networks: readonly DemoNetworkDefinition[] = DEMO_NETWORKS,
): Promise<DemoNetwork> {
  const file = path.join(sharedDataDir, ROAD_NETWORK_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputError(`seed-network: cannot read ${file} (is SHARED_DATA_DIR right?)`, { cause, context: { file } });
  }
  const features = parseGeoJsonText(text);
  const rawRoads: Omit<DemoRoad, 'regionCode'>[] = [];
  const rawIntersections: Omit<DemoIntersection, 'regionCode'>[] = [];
  features.forEach((feature, index) => {
    const type = (feature.geometry as { type?: unknown } | undefined)?.type;
    if (type === 'LineString') {
      const parsed = roadSchema.safeParse(feature);
      if (!parsed.success) throw new InputError(`seed-network: ${file}: road feature ${index} is malformed: ${parsed.error.message}`);
      const { coordinates } = parsed.data.geometry;
      const p = parsed.data.properties;
      const first = coordinates[0];
      const last = coordinates[coordinates.length - 1];
      rawRoads.push({
        id: p.road_id_forward,
        fromIntersection: p.from_intersection,
        toIntersection: p.to_intersection,
        from: [first[0], first[1]],
        to: [last[0], last[1]],
        speedLimitKmh: p.speed_limit_mps * 3.6,
      });
    } else if (type === 'Point') {
      const parsed = intersectionSchema.safeParse(feature);
      if (!parsed.success) throw new InputError(`seed-network: ${file}: intersection feature ${index} is malformed: ${parsed.error.message}`);
      const [lon, lat] = parsed.data.geometry.coordinates;
      rawIntersections.push({ id: parsed.data.properties.id, position: [lon, lat] });
    }
  });
  const regionCodes = await regionOf([
    ...rawRoads.map((road): [number, number] => [(road.from[0] + road.to[0]) / 2, (road.from[1] + road.to[1]) / 2]),
    ...rawIntersections.map((intersection) => intersection.position),
  ]);
  const roads = rawRoads.map((road, i) => ({ ...road, regionCode: regionCodes[i] }));
  const intersections = rawIntersections.map((intersection, i) => ({ ...intersection, regionCode: regionCodes[rawRoads.length + i] }));
  return layDemoNetworks(roads, intersections, networks);
}

/**
 * The county (else {@link FALLBACK_REGION_CODE}) containing each point, from the shared `regions` table.
 * @param points lon/lat degrees WGS84
 */
export async function countyCodesOf(db: Db, points: [number, number][]): Promise<string[]> {
  if (points.length === 0) return [];
  const { rows } = await db.execute<{ i: number; code: string | null }>(sql`
    SELECT p.i::int AS i,
           (SELECT r.code FROM regions r WHERE r.level = 'county' AND ST_Contains(r.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY r.code LIMIT 1) AS code
      FROM json_to_recordset(${JSON.stringify(points.map(([lon, lat], i) => ({ i, lon, lat })))}::json) AS p(i int, lon float8, lat float8)`);
  const codes = new Array<string>(points.length).fill(FALLBACK_REGION_CODE);
  for (const row of rows) if (row.code) codes[row.i] = row.code;
  return codes;
}

/**
 * Inserts (or confirms) the demo networks.
 * @param sharedDataDir absolute folder of the shared data (`SHARED_DATA_DIR`)
 * @throws {InputError} when the road network cannot be read
 */
export async function seedDemoNetwork(db: Db, sharedDataDir: string): Promise<SeedNetworkResult> {
  // Regions do not change the counts: lay the network without them first (≈ 0.1 s), so that a seed with nothing to
  // do skips the county lookup (3–4 s against the 100 real county boundaries).
  let network = await buildDemoNetwork(sharedDataDir, async (points) => points.map(() => FALLBACK_REGION_CODE));
  const kmByNetwork: Record<string, number> = {};
  for (const pipe of network.pipes) kmByNetwork[pipe.network] = (kmByNetwork[pipe.network] ?? 0) + pipe.lengthM / 1000;
  for (const key of Object.keys(kmByNetwork)) kmByNetwork[key] = Math.round(kmByNetwork[key] * 10) / 10;
  const result = { nodes: network.nodes.length, pipes: network.pipes.length, kmByNetwork };
  const like = `${DEMO_CODE_PREFIX}-%`;
  const [present] = (
    await db.execute<{ nodes: number; pipes: number; demo: number }>(sql`
      SELECT (SELECT count(*)::int FROM lifelines_nodes WHERE is_demo AND code LIKE ${like}) AS nodes,
             (SELECT count(*)::int FROM lifelines_pipes WHERE is_demo AND code LIKE ${like}) AS pipes,
             (SELECT count(*)::int FROM lifelines_pipes WHERE is_demo) AS demo`)
  ).rows;
  if (present.nodes === result.nodes && present.pipes === result.pipes && present.demo === result.pipes) return { action: 'skipped', ...result };
  network = await buildDemoNetwork(sharedDataDir, (points) => countyCodesOf(db, points));
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM lifelines_pipes WHERE is_demo`);
    await tx.execute(sql`DELETE FROM lifelines_nodes WHERE is_demo`);
    for (let i = 0; i < network.nodes.length; i += INSERT_BATCH_ROWS) {
      const batch = network.nodes.slice(i, i + INSERT_BATCH_ROWS).map((node) => ({
        code: node.code, network: node.network, kind: node.kind, lon: node.position[0], lat: node.position[1], h: node.position[2], depth: node.depthM, region: node.regionCode,
      }));
      await tx.execute(sql`
        INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code, is_demo)
        SELECT r.code, r.network, r.kind, ST_SetSRID(ST_MakePoint(r.lon, r.lat, r.h), 4326), r.depth, r.region, true
          FROM json_to_recordset(${JSON.stringify(batch)}::json)
            AS r(code text, network text, kind text, lon float8, lat float8, h float8, depth float8, region text)`);
    }
    for (let i = 0; i < network.pipes.length; i += INSERT_BATCH_ROWS) {
      const batch = network.pipes.slice(i, i + INSERT_BATCH_ROWS).map((pipe) => ({
        code: pipe.code,
        network: pipe.network,
        from: pipe.fromCode,
        to: pipe.toCode,
        wkt: `LINESTRING Z (${pipe.positions.map((p) => `${p[0].toFixed(8)} ${p[1].toFixed(8)} ${p[2].toFixed(3)}`).join(',')})`,
        dn: pipe.diameterMm,
        material: pipe.material,
        year: pipe.installYear,
        owner: pipe.owner,
        pressure: pipe.pressureClass,
        cf: pipe.coverFromM,
        ct: pipe.coverToM,
        len: pipe.lengthM,
        region: pipe.regionCode,
      }));
      await tx.execute(sql`
        INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner,
                                     pressure_class, cover_from_m, cover_to_m, length_m, region_code, is_demo)
        SELECT r.code, r.network, ST_GeomFromText(r.wkt, 4326), f.id, t.id, r.dn, r.material, r.year, r.owner,
               r.pressure, r.cf, r.ct, r.len, r.region, true
          FROM json_to_recordset(${JSON.stringify(batch)}::json)
            AS r(code text, network text, "from" text, "to" text, wkt text, dn int, material text, year int, owner text,
                 pressure text, cf float8, ct float8, len float8, region text)
          JOIN lifelines_nodes f ON f.code = r."from"
          JOIN lifelines_nodes t ON t.code = r."to"`);
    }
  });
  return { action: 'inserted', ...result };
}
