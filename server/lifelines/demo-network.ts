import { invariant } from '@kernel/errors';
import { DEMO_CODE_PREFIX, DEMO_CORNER_SETBACK_M, roadClassOf, type DemoNetworkDefinition } from '@data/lifelines/demo-network';
import type { NodeKind, PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Lays the demo utility networks along a road network, engine- and database-free (the seed writes the result).
 *
 * Notes:
 * - Every network has one node per road intersection, placed `|offsetM|` metres from the intersection centre in a
 *   direction of its own (water NE, storm NW, sewage SW, gas SE), so that the networks do not share nodes. A pipe
 *   runs from that node to its offset line (`DEMO_CORNER_SETBACK_M` along the road), along the road at `offsetM`
 *   from the centre line, and back to the node at the far intersection: the topology is exact (every segment ends
 *   on the node it names) and the networks stay apart in plan.
 * - Long roads are split at intermediate nodes (hydrants, manholes) no further apart than the definition's spacing.
 * - Metres ↔ degrees: local equirectangular with the WGS84 meridian and prime-vertical radii at the point (< 1 cm
 *   error over a 5 km road at 28.7° N), good enough for offsets of a few metres.
 * - Heights: pipe axis Z = −(cover + DN / 2000) m, ground ≈ 0 m on the ellipsoid (the twin has no terrain).
 */

/** One road segment between two intersections (lon/lat degrees WGS84). */
export interface DemoRoad {
  id: string;
  fromIntersection: string;
  toIntersection: string;
  from: [number, number];
  to: [number, number];
  speedLimitKmh: number;
  /** Region code of the road's midpoint. */
  regionCode: string;
}

/** One road intersection (lon/lat degrees WGS84). */
export interface DemoIntersection {
  id: string;
  position: [number, number];
  regionCode: string;
}

/** A node row to insert. */
export interface DemoNodeRow {
  code: string;
  network: PipeNetwork;
  kind: NodeKind;
  /** Lon/lat degrees, height metres above the ellipsoid (pipe axis). */
  position: [number, number, number];
  depthM: number;
  regionCode: string;
}

/** A pipe row to insert. */
export interface DemoPipeRow {
  code: string;
  network: PipeNetwork;
  fromCode: string;
  toCode: string;
  /** Lon/lat degrees + height metres above the ellipsoid (pipe axis), from the from-node to the to-node. */
  positions: [number, number, number][];
  diameterMm: number;
  material: string;
  installYear: number;
  owner: string;
  pressureClass: string;
  coverFromM: number;
  coverToM: number;
  /** Horizontal length along `positions`, metres. */
  lengthM: number;
  regionCode: string;
}

/** The whole demo network. */
export interface DemoNetwork {
  nodes: DemoNodeRow[];
  pipes: DemoPipeRow[];
}

const WGS84_A = 6_378_137;
const WGS84_E2 = 6.694_379_990_14e-3;
const DEG = Math.PI / 180;

/** Metres per degree of longitude and latitude at `latDeg`. */
function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const phi = latDeg * DEG;
  const w = Math.sqrt(1 - WGS84_E2 * Math.sin(phi) ** 2);
  return { lon: ((WGS84_A / w) * Math.cos(phi)) * DEG, lat: ((WGS84_A * (1 - WGS84_E2)) / w ** 3) * DEG };
}

/** A stable 0–99 number of a string id (FNV-1a), so that valve placement does not change between runs. */
export function stableHash100(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 100;
}

const NODE_DIRECTION_DEG: Record<PipeNetwork, number> = { water: 45, storm: 135, sewage: 225, gas: 315, heat: 0 };

/**
 * The demo networks laid along `roads`.
 * @param roads road segments; each must name intersections present in `intersections`
 * @param networks the networks to lay (data/lifelines/demo-network.ts)
 * @throws {InvariantError} when a road names an unknown intersection or has zero length
 */
export function layDemoNetworks(roads: readonly DemoRoad[], intersections: readonly DemoIntersection[], networks: readonly DemoNetworkDefinition[]): DemoNetwork {
  const byId = new Map(intersections.map((intersection) => [intersection.id, intersection]));
  const degree = new Map<string, number>();
  for (const road of roads) {
    degree.set(road.fromIntersection, (degree.get(road.fromIntersection) ?? 0) + 1);
    degree.set(road.toIntersection, (degree.get(road.toIntersection) ?? 0) + 1);
  }
  const nodes: DemoNodeRow[] = [];
  const pipes: DemoPipeRow[] = [];
  for (const definition of networks) {
    const prefix = `${DEMO_CODE_PREFIX}-${definition.codeLetter}`;
    let nodeSerial = 0;
    let pipeSerial = 0;
    const nextNodeCode = () => `${prefix}-N-${String(++nodeSerial).padStart(6, '0')}`;
    const intersectionNode = new Map<string, DemoNodeRow>();
    const directionRad = NODE_DIRECTION_DEG[definition.network] * DEG;
    const nodeAt = (intersectionId: string, depthM: number): DemoNodeRow => {
      const existing = intersectionNode.get(intersectionId);
      if (existing) return existing;
      const intersection = byId.get(intersectionId);
      invariant(intersection, `layDemoNetworks: road names unknown intersection ${intersectionId}`);
      const [lon, lat] = intersection.position;
      const scale = metresPerDegree(lat);
      const r = Math.abs(definition.offsetM);
      const node: DemoNodeRow = {
        code: nextNodeCode(),
        network: definition.network,
        kind: definition.intersectionKind(degree.get(intersectionId) ?? 0, stableHash100(intersectionId)),
        position: [lon + (r * Math.sin(directionRad)) / scale.lon, lat + (r * Math.cos(directionRad)) / scale.lat, -depthM],
        depthM,
        regionCode: intersection.regionCode,
      };
      intersectionNode.set(intersectionId, node);
      nodes.push(node);
      return node;
    };
    for (const road of roads) {
      const diameterMm = definition.diameterMm[roadClassOf(road.speedLimitKmh)];
      const radiusM = diameterMm / 2000;
      const scale = metresPerDegree((road.from[1] + road.to[1]) / 2);
      const dx = (road.to[0] - road.from[0]) * scale.lon;
      const dy = (road.to[1] - road.from[1]) * scale.lat;
      const roadM = Math.hypot(dx, dy);
      invariant(roadM > 0, `layDemoNetworks: road ${road.id} has zero length`);
      const [ux, uy] = [dx / roadM, dy / roadM];
      const [rx, ry] = [uy, -ux];
      const setbackM = Math.min(DEMO_CORNER_SETBACK_M, roadM / 4);
      const coverAt = (alongM: number) => definition.coverM + definition.gradeMPerM * alongM;
      const at = (alongM: number): [number, number, number] => [
        road.from[0] + (ux * alongM + rx * definition.offsetM) / scale.lon,
        road.from[1] + (uy * alongM + ry * definition.offsetM) / scale.lat,
        -(coverAt(alongM) + radiusM),
      ];
      const startNode = nodeAt(road.fromIntersection, definition.coverM + radiusM);
      const endNode = nodeAt(road.toIntersection, definition.coverM + radiusM);
      const pieces = Math.max(1, Math.ceil((roadM - 2 * setbackM) / definition.maxSegmentM(diameterMm)));
      const stepM = (roadM - 2 * setbackM) / pieces;
      const installYear = definition.installYears[0] + (stableHash100(`${road.id}-${definition.network}`) % (definition.installYears[1] - definition.installYears[0] + 1));
      let fromNode = startNode;
      for (let piece = 0; piece < pieces; piece++) {
        const startM = setbackM + piece * stepM;
        const endM = startM + stepM;
        const positions: [number, number, number][] = [];
        if (piece === 0) positions.push([startNode.position[0], startNode.position[1], at(0)[2]]);
        positions.push(at(startM));
        positions.push(at(endM));
        let toNode: DemoNodeRow;
        if (piece === pieces - 1) {
          toNode = endNode;
          // Into the manhole / fitting at the pipe's own depth (a drainage manhole has one invert per pipe).
          positions.push([endNode.position[0], endNode.position[1], at(endM)[2]]);
        } else {
          const position = at(endM);
          toNode = { code: nextNodeCode(), network: definition.network, kind: definition.midNodeKind, position, depthM: -position[2], regionCode: road.regionCode };
          nodes.push(toNode);
        }
        pipes.push({
          code: `${prefix}-P-${String(++pipeSerial).padStart(6, '0')}`,
          network: definition.network,
          fromCode: fromNode.code,
          toCode: toNode.code,
          positions,
          diameterMm,
          material: definition.materialOf(diameterMm),
          installYear,
          owner: definition.owner,
          pressureClass: definition.pressureClass,
          coverFromM: round3(piece === 0 ? definition.coverM : coverAt(startM)),
          coverToM: round3(coverAt(endM)),
          lengthM: round3(horizontalLengthM(positions)),
          regionCode: road.regionCode,
        });
        fromNode = toNode;
      }
    }
  }
  return { nodes, pipes };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Horizontal length of a lon/lat polyline, metres (local equirectangular per piece). */
export function horizontalLengthM(positions: readonly (readonly number[])[]): number {
  let total = 0;
  for (let i = 1; i < positions.length; i++) {
    const scale = metresPerDegree((positions[i - 1][1] + positions[i][1]) / 2);
    total += Math.hypot((positions[i][0] - positions[i - 1][0]) * scale.lon, (positions[i][1] - positions[i - 1][1]) * scale.lat);
  }
  return total;
}
