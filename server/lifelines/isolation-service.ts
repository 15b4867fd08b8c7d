import { sql } from 'drizzle-orm';
import { InputError, NotFoundError } from '@kernel/errors';
import type { Actor } from '@server/api/actor';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Db } from '@server/db/client';
import { lifelinesPipes, type PipeNetwork } from '@server/db/schema/lifelines';
import { buildingsNear, type NearbyBuilding } from '@server/twin/building-footprints';
import { AFFECTED_BUILDING_SERVICE_DISTANCE_M } from '@data/lifelines/import-attributes';

/**
 * Valve isolation (关阀分析) of a burst segment of a pressure network (water; gas and heat alike): the valves to
 * close, the segments that lose pressure and their length.
 *
 * Notes:
 * - Rule: a closed valve stops flow through its node; every other node (tee, hydrant, junction) passes it. The
 *   isolated area is every segment reachable from the burst one without passing a valve (or a source, which is
 *   shut at its own outlet valve and reported); the valves to close are the valves reached on that walk.
 * - One recursive CTE walks the nodes reached with `UNION` (each node once, so cycles end, and a node is expanded
 *   once whatever its degree: walking (segment, node) pairs expanded a node once per segment, 16 M rows for 4 000
 *   pipes on one tee); each step finds a node's segments by two index lookups (from / to node) in a LATERAL
 *   `UNION ALL`, the network tested after it (`OFFSET 0` keeps that test out of the lookups: an `OR` join, or a
 *   network test the planner combined with the network index, read every segment of the network per step — 19 s
 *   for a 5 000-segment chain; server/lifelines/attack.test.ts). The outer `LIMIT` stops the walk itself
 *   (PostgreSQL evaluates a recursive CTE only as far as its reader fetches), which bounds the work by
 *   `maxSegments` whatever the network; the segments are then those of the network at the open nodes passed.
 *   pgRouting is not installed; the graph is small per query (an isolation area is a few blocks).
 * - Affected buildings (停水影响建筑): the twin's buildings (model footprints, server/twin/building-footprints.ts) the
 *   actor may see within {@link AFFECTED_BUILDING_SERVICE_DISTANCE_M} m (data/lifelines/import-attributes.ts, an
 *   assumption: no service-connection table exists) of any isolated segment, nearest first. A building near the
 *   burst area but fed from another main is listed too: the rule over-reports rather than misses.
 * - Measured on the demo network (13 k water segments): see server/lifelines/README.md.
 */

/** Networks whose valves can isolate a segment (drainage is gravity flow: no valves). */
export const ISOLATION_NETWORKS: readonly PipeNetwork[] = ['water', 'gas', 'heat'];

/** Most segments one isolation may visit before it stops with an error. */
export const MAX_ISOLATION_SEGMENTS = 5000;

/** A valve to close (or a source to shut). */
export type IsolationValve = {
  id: string;
  code: string;
  kind: 'valve' | 'source';
  /** Lon/lat degrees, height metres above the ellipsoid (pipe axis). */
  position: [number, number, number];
  regionCode: string;
};

/** One isolated segment. */
export type IsolatedSegment = {
  id: string;
  code: string;
  diameterMm: number;
  lengthM: number;
  regionCode: string;
};

/** The answer of an isolation. */
export interface IsolationResult {
  burst: { id: string; code: string; network: PipeNetwork };
  /** Valves (and sources) to close, by code. */
  valves: IsolationValve[];
  /** Segments out of service, the burst one included, by code. */
  segments: IsolatedSegment[];
  /** Sum of the isolated segments' horizontal lengths, metres. */
  isolatedLengthM: number;
}

/** A building that loses supply (see module notes), with its footprint for the map. */
export type AffectedBuilding = NearbyBuilding;

/** The answer of an isolation for an actor: {@link IsolationResult} plus the affected buildings. */
export interface ActorIsolationResult extends IsolationResult {
  /** Buildings within the service distance of an isolated segment, nearest first (at most 500). */
  affectedBuildings: AffectedBuilding[];
  /** The service distance used, metres. */
  serviceDistanceM: number;
}

/**
 * The isolation of segment `pipeId` for an actor: the segment must lie in the actor's region (the answer may
 * reach over a county border: a valve to close is shown wherever it is).
 * @throws {NotFoundError} when the segment does not exist or lies outside the actor's region
 * @throws {InputError} see {@link isolateSegment}
 */
export async function isolationForSegment(db: Db, actor: Actor, input: { id: string }): Promise<ActorIsolationResult> {
  const visible = await db
    .select({ id: lifelinesPipes.id })
    .from(lifelinesPipes)
    .where(sql`${lifelinesPipes.id} = ${input.id} AND ${regionScopeSql(lifelinesPipes.regionCode, actor.regionCode)}`);
  if (visible.length === 0) throw new NotFoundError(`lifelines: pipe segment ${input.id} not found`);
  const result = await isolateSegment(db, input.id);
  const affectedBuildings = await affectedBuildingsOf(db, actor, result.segments.map((segment) => segment.id));
  return { ...result, affectedBuildings, serviceDistanceM: AFFECTED_BUILDING_SERVICE_DISTANCE_M };
}

/**
 * The buildings served by segments `pipeIds` as the actor sees them: footprints within `serviceDistanceM` metres
 * of any of the segments (see module notes), nearest first.
 * @param serviceDistanceM default {@link AFFECTED_BUILDING_SERVICE_DISTANCE_M}
 */
export async function affectedBuildingsOf(db: Db, actor: Actor, pipeIds: string[], serviceDistanceM = AFFECTED_BUILDING_SERVICE_DISTANCE_M): Promise<AffectedBuilding[]> {
  if (pipeIds.length === 0) return [];
  return buildingsNear(db, actor, sql`(SELECT ST_Collect(geom) FROM lifelines_pipes WHERE id = ANY(${toUuidArray(pipeIds)}))`, serviceDistanceM);
}

/**
 * The isolation of segment `pipeId`, unscoped (the caller checks scope).
 * @param maxSegments most segments visited (default {@link MAX_ISOLATION_SEGMENTS}), 1–100 000
 * @throws {NotFoundError} when the segment does not exist
 * @throws {InputError} when its network has no valves (drainage), or more than `maxSegments` segments are
 *   reachable without passing a valve
 */
export async function isolateSegment(db: Db, pipeId: string, maxSegments = MAX_ISOLATION_SEGMENTS): Promise<IsolationResult> {
  if (!Number.isInteger(maxSegments) || maxSegments < 1 || maxSegments > 100_000) throw new InputError(`isolation: maxSegments must be 1–100000, got ${maxSegments}`);
  const [burst] = (
    await db.execute<{ id: string; code: string; network: PipeNetwork }>(sql`SELECT id, code, network FROM lifelines_pipes WHERE id = ${pipeId}`)
  ).rows;
  if (!burst) throw new NotFoundError(`lifelines: pipe segment ${pipeId} not found`);
  if (!ISOLATION_NETWORKS.includes(burst.network)) {
    throw new InputError(`isolation: segment ${burst.code} is in the ${burst.network} network, which has no valves (only ${ISOLATION_NETWORKS.join(', ')})`);
  }
  // The reached nodes are the ends of the isolated segments, which connect them: more than maxSegments + 1 nodes
  // means more than maxSegments segments.
  const nodeLimit = maxSegments + 2;
  const { rows: reached } = await db.execute<{ node_id: string }>(reachedNodesSql(pipeId, burst.network, nodeLimit));
  const tooMany = () =>
    new InputError(`isolation: more than ${maxSegments} segments are reachable from ${burst.code} without passing a valve; too few valves in this network to isolate it`);
  if (reached.length >= nodeLimit) throw tooMany();
  const { rows: nodes } = await db.execute<Omit<IsolationValve, 'kind'> & { kind: string }>(sql`
    SELECT id, code, kind, ARRAY[ST_X(geom), ST_Y(geom), ST_Z(geom)] AS position, region_code AS "regionCode"
      FROM lifelines_nodes WHERE id = ANY(${toUuidArray(reached.map((row) => row.node_id))}) ORDER BY code`);
  const valves = nodes.filter((node): node is IsolationValve => node.kind === 'valve' || node.kind === 'source');
  const open = toUuidArray(nodes.filter((node) => node.kind !== 'valve' && node.kind !== 'source').map((node) => node.id));
  // The burst segment and every segment of the network at a node the walk passed (parallel pipes included).
  const { rows: segments } = await db.execute<IsolatedSegment>(sql`
    SELECT p.id, p.code, p.diameter_mm AS "diameterMm", p.length_m AS "lengthM", p.region_code AS "regionCode"
      FROM lifelines_pipes p
     WHERE p.id IN (
             SELECT ${pipeId}::uuid
             UNION
             SELECT e.id FROM unnest(${open}) AS o(node_id)
               CROSS JOIN LATERAL (
                 SELECT q.id, q.network FROM lifelines_pipes q WHERE q.from_node_id = o.node_id
                 UNION ALL
                 SELECT q.id, q.network FROM lifelines_pipes q WHERE q.to_node_id = o.node_id
                 OFFSET 0
               ) AS e
              WHERE e.network = ${burst.network})
     ORDER BY p.code LIMIT ${maxSegments + 1}`);
  if (segments.length > maxSegments) throw tooMany();
  return { burst, valves, segments, isolatedLengthM: segments.reduce((sum, segment) => sum + segment.lengthM, 0) };
}

/**
 * The walk of 关阀分析 as one statement: the nodes reached from segment `pipeId`'s two ends through segments of
 * `network` without passing a valve or a source, at most `nodeLimit` rows. Each step is two index lookups (from / to
 * node) per node, each node expanded once; exported so the attack tests can measure its work (buffers) with EXPLAIN.
 */
export function reachedNodesSql(pipeId: string, network: PipeNetwork, nodeLimit: number) {
  return sql`
    WITH RECURSIVE reached(node_id) AS (
      SELECT unnest(ARRAY[p.from_node_id, p.to_node_id]) FROM lifelines_pipes p WHERE p.id = ${pipeId}
      UNION
      SELECT e.other_id
        FROM reached r
        JOIN lifelines_nodes n ON n.id = r.node_id AND n.kind NOT IN ('valve', 'source')
        CROSS JOIN LATERAL (
          SELECT p.to_node_id, p.network FROM lifelines_pipes p WHERE p.from_node_id = r.node_id
          UNION ALL
          SELECT p.from_node_id, p.network FROM lifelines_pipes p WHERE p.to_node_id = r.node_id
          OFFSET 0
        ) AS e(other_id, network)
       WHERE e.network = ${network}
    )
    SELECT node_id FROM reached LIMIT ${nodeLimit}`;
}

/** A `uuid[]` parameter (as a Postgres array literal: node-postgres sends a JS array as one). */
function toUuidArray(ids: string[]) {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
