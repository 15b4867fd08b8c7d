import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import type { NodeKind, PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Test support for the `lifelines` plate: small networks written straight into the tables (not demo rows), with
 * codes unique to the call so that test files never collide.
 */

/** A node of a test network: its name in the test, kind and lon/lat degrees. */
export interface TestNode {
  name: string;
  kind: NodeKind;
  lonDeg: number;
  latDeg: number;
}

/** A segment of a test network between two named nodes, with its length in metres. */
export interface TestPipe {
  name: string;
  from: string;
  to: string;
  lengthM: number;
  diameterMm?: number;
}

/** Ids of a written test network, by the names used in the description. */
export interface TestNetworkIds {
  nodes: Record<string, string>;
  pipes: Record<string, string>;
  /** The prefix of every code of this network. */
  codePrefix: string;
}

/**
 * Writes a network (nodes at 1.5 m depth, pipes as straight LineStringZ between their nodes).
 * @param regionCode region of every row
 */
export async function createTestNetwork(db: Db, regionCode: string, network: PipeNetwork, nodes: TestNode[], pipes: TestPipe[]): Promise<TestNetworkIds> {
  const codePrefix = `TEST-${randomUUID().slice(0, 8)}`;
  const ids: TestNetworkIds = { nodes: {}, pipes: {}, codePrefix };
  const byName = new Map(nodes.map((node) => [node.name, node]));
  for (const node of nodes) {
    const { rows } = await db.execute<{ id: string }>(sql`
      INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
      VALUES (${`${codePrefix}-${node.name}`}, ${network}, ${node.kind}, ST_SetSRID(ST_MakePoint(${node.lonDeg}, ${node.latDeg}, -1.5), 4326), 1.5, ${regionCode})
      RETURNING id`);
    ids.nodes[node.name] = rows[0].id;
  }
  for (const pipe of pipes) {
    const from = byName.get(pipe.from)!;
    const to = byName.get(pipe.to)!;
    const { rows } = await db.execute<{ id: string }>(sql`
      INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner,
                                   pressure_class, cover_from_m, cover_to_m, length_m, region_code)
      VALUES (${`${codePrefix}-${pipe.name}`}, ${network},
              ST_SetSRID(ST_MakeLine(ST_MakePoint(${from.lonDeg}, ${from.latDeg}, -1.5), ST_MakePoint(${to.lonDeg}, ${to.latDeg}, -1.5)), 4326),
              ${ids.nodes[pipe.from]}, ${ids.nodes[pipe.to]}, ${pipe.diameterMm ?? 300}, 'ductile-iron', 2010, '测试', '0.4MPa', 1.35, 1.35,
              ${pipe.lengthM}, ${regionCode})
      RETURNING id`);
    ids.pipes[pipe.name] = rows[0].id;
  }
  return ids;
}

/**
 * The 3 × 3 grid of the isolation test (≈ 100 m spacing around `lonDeg, latDeg`), nodes `N<i><j>` (i east, j
 * north), horizontal pipes `H<i><j>` (N<i><j>–N<i+1><j>), vertical pipes `V<i><j>` (N<i><j>–N<i><j+1>), each 100 m;
 * valves at N10, N11, N02, N22 and on a 50 m branch B from N21 to valve E, continued by pipe EF (50 m) to junction F.
 */
export async function createTestGrid(db: Db, regionCode: string, lonDeg: number, latDeg: number, network: PipeNetwork = 'water'): Promise<TestNetworkIds> {
  const valves = new Set(['N10', 'N11', 'N02', 'N22']);
  const nodes: TestNode[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const name = `N${i}${j}`;
      nodes.push({ name, kind: valves.has(name) ? 'valve' : 'tee', lonDeg: lonDeg + i * 0.001, latDeg: latDeg + j * 0.0009 });
    }
  }
  nodes.push({ name: 'E', kind: 'valve', lonDeg: lonDeg + 0.0025, latDeg: latDeg + 0.0009 }, { name: 'F', kind: 'junction', lonDeg: lonDeg + 0.003, latDeg: latDeg + 0.0009 });
  const pipes: TestPipe[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      if (i < 2) pipes.push({ name: `H${i}${j}`, from: `N${i}${j}`, to: `N${i + 1}${j}`, lengthM: 100 });
      if (j < 2) pipes.push({ name: `V${i}${j}`, from: `N${i}${j}`, to: `N${i}${j + 1}`, lengthM: 100 });
    }
  }
  pipes.push({ name: 'B', from: 'N21', to: 'E', lengthM: 50 }, { name: 'EF', from: 'E', to: 'F', lengthM: 50 });
  return createTestNetwork(db, regionCode, network, nodes, pipes);
}
