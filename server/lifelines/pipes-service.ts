import { sql, type SQL } from 'drizzle-orm';
import { NotFoundError } from '@kernel/errors';
import type { Actor } from '@server/api/actor';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Db } from '@server/db/client';
import type { GeoJsonLineString } from '@server/db/columns/geojson';
import { lifelinesPipes, type NodeKind, type PipeNetwork } from '@server/db/schema/lifelines';
import { DEFAULT_BBOX_FEATURES, type PipesInBboxInput } from './inputs';

/**
 * Reading pipe segments for an actor: the segments of the actor's region (server/accounts/region-scope.ts), by bbox
 * (on the GiST index), by id, and the kilometres per network and region.
 */

/**
 * The survey attributes of a pipe segment (columns of `lifelines_pipes`): diameter in millimetres, cover from the
 * ground to the crown at the first / last vertex in metres. Shared by what a pick shows and what an import reads.
 */
export interface PipeAttributes {
  network: PipeNetwork;
  diameterMm: number;
  material: string;
  installYear: number | null;
  owner: string;
  pressureClass: string;
  coverFromM: number;
  coverToM: number;
}

/** The properties of a pipe feature (what a pick shows; units in the names). */
export interface PipeProperties extends PipeAttributes {
  code: string;
  lengthM: number;
  regionCode: string;
  /** Demonstration data (示例数据). */
  isDemo: boolean;
}

/** A pipe segment as a GeoJSON feature (id = segment id; geometry lon/lat degrees + axis height m above the ellipsoid). */
export interface PipeFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJsonLineString;
  properties: PipeProperties;
}

/** The answer of `pipes.inBbox`: a FeatureCollection, and whether the limit cut it. */
export interface PipesInBbox {
  type: 'FeatureCollection';
  features: PipeFeature[];
  /** True when more segments matched than `limit` (the largest diameters were kept). */
  truncated: boolean;
}

/** SQL of the feature properties of `lifelines_pipes` row alias `p`. */
export const PIPE_PROPERTIES_SQL: SQL = sql`json_build_object('code', p.code, 'network', p.network, 'diameterMm', p.diameter_mm,
  'material', p.material, 'installYear', p.install_year, 'owner', p.owner, 'pressureClass', p.pressure_class,
  'coverFromM', p.cover_from_m, 'coverToM', p.cover_to_m, 'lengthM', round(p.length_m::numeric, 2), 'regionCode', p.region_code, 'isDemo', p.is_demo)`;

/**
 * The actor's segments that intersect `bbox` (bbox-limited on the GiST index), largest diameters first.
 * @returns at most `limit` features (default {@link DEFAULT_BBOX_FEATURES}); `truncated` when more matched
 */
export async function pipesInBbox(db: Db, actor: Actor, input: PipesInBboxInput): Promise<PipesInBbox> {
  const [west, south, east, north] = input.bbox;
  const limit = input.limit ?? DEFAULT_BBOX_FEATURES;
  const networks = input.networks ? sql`AND p.network IN (${sql.join(input.networks.map((network) => sql`${network}`), sql`, `)})` : sql``;
  const { rows } = await db.execute<{ feature: PipeFeature }>(sql`
    SELECT json_build_object('type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 7)::json, 'properties', ${PIPE_PROPERTIES_SQL}) AS feature
      FROM lifelines_pipes p
     WHERE p.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)
       AND ${regionScopeSql(sql`p.region_code`, actor.regionCode)}
       AND p.diameter_mm >= ${input.minDiameterMm ?? 0} ${networks}
     ORDER BY p.diameter_mm DESC, p.code
     LIMIT ${limit + 1}`);
  return { type: 'FeatureCollection', features: rows.slice(0, limit).map((row) => row.feature), truncated: rows.length > limit };
}

/** A node at one end of a segment. */
export interface PipeEnd {
  id: string;
  code: string;
  kind: NodeKind;
  depthM: number;
}

/** One segment with its end nodes. */
export interface PipeDetail extends PipeFeature {
  fromNode: PipeEnd;
  toNode: PipeEnd;
}

/**
 * One segment of the actor's region, with its end nodes.
 * @throws {NotFoundError} when it does not exist or lies outside the actor's region
 */
export async function pipeById(db: Db, actor: Actor, id: string): Promise<PipeDetail> {
  const { rows } = await db.execute<{ detail: PipeDetail }>(sql`
    SELECT json_build_object('type', 'Feature', 'id', p.id, 'geometry', ST_AsGeoJSON(p.geom, 7)::json, 'properties', ${PIPE_PROPERTIES_SQL},
             'fromNode', json_build_object('id', f.id, 'code', f.code, 'kind', f.kind, 'depthM', f.depth_m),
             'toNode', json_build_object('id', t.id, 'code', t.code, 'kind', t.kind, 'depthM', t.depth_m)) AS detail
      FROM lifelines_pipes p JOIN lifelines_nodes f ON f.id = p.from_node_id JOIN lifelines_nodes t ON t.id = p.to_node_id
     WHERE p.id = ${id} AND ${regionScopeSql(sql`p.region_code`, actor.regionCode)}`);
  if (rows.length === 0) throw new NotFoundError(`lifelines: pipe segment ${id} not found`);
  return rows[0].detail;
}

/** Kilometres of one network in one region. */
export interface NetworkSummaryRow {
  network: PipeNetwork;
  regionCode: string;
  /** Total horizontal length, kilometres (3 decimals). */
  km: number;
  segments: number;
  /** Of which demonstration data (示例数据), kilometres. */
  demoKm: number;
}

/** Kilometres and segment counts per network and region, in the actor's scope, by network then region. */
export async function networksSummary(db: Db, actor: Actor): Promise<NetworkSummaryRow[]> {
  const { rows } = await db.execute<{ network: PipeNetwork; regionCode: string; km: number; segments: number; demoKm: number }>(sql`
    SELECT network, region_code AS "regionCode", round((sum(length_m) / 1000)::numeric, 3)::float8 AS km, count(*)::int AS segments,
           round((coalesce(sum(length_m) FILTER (WHERE is_demo), 0) / 1000)::numeric, 3)::float8 AS "demoKm"
      FROM ${lifelinesPipes}
     WHERE ${regionScopeSql(lifelinesPipes.regionCode, actor.regionCode)}
     GROUP BY network, region_code ORDER BY network, region_code`);
  return rows;
}
