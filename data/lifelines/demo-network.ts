import type { NodeKind, PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Seed definitions of the demo utility networks of central Nanchang (示例数据: invented, laid along the real road
 * network of data/twin/road-network.ts; no real utility data). Read by server/lifelines/seed-network.ts.
 *
 * Sources of the rules (typical values, not a survey):
 * - Lateral positions: GB 50289-2016 城市工程管线综合规划规范 §4.1 (water and gas under the sidewalks / outer
 *   lanes, drainage under the carriageway); offsets here are metres from the road centre line, + = right of the
 *   road's from→to direction.
 * - Cover (覆土深度): GB 50289-2016 §4.1.1 table 4.1.1 minimum cover under carriageways (water 0.70 m, gas 0.90 m,
 *   drainage 0.70 m) — the demo uses deeper, common municipal values.
 * - Hydrant spacing ≤ 120 m: GB 50974-2014 §7.2.5. Drainage manhole spacing by diameter: GB 50014-2021 table 5.4.2
 *   (DN ≤ 600: 75 m, 700–1000: 100 m, 1100–1500: 150 m).
 */

/** Road classes of the CityBrain network, by speed limit (all its segments have 3 + 3 lanes). */
export type RoadClass = 'expressway' | 'arterial' | 'secondary' | 'branch' | 'access';

/** The road class of a segment from its speed limit, km/h: ≥ 80 expressway, ≥ 60 arterial, ≥ 50 secondary, ≥ 40 branch. */
export function roadClassOf(speedLimitKmh: number): RoadClass {
  if (speedLimitKmh >= 80) return 'expressway';
  if (speedLimitKmh >= 60) return 'arterial';
  if (speedLimitKmh >= 50) return 'secondary';
  if (speedLimitKmh >= 40) return 'branch';
  return 'access';
}

/** How one demo network is laid. */
export interface DemoNetworkDefinition {
  network: PipeNetwork;
  /** Letter in node and segment codes (`DEMO1-W-P-000001`). */
  codeLetter: string;
  /** Lateral offset from the road centre line, metres, + = right of the road's direction. */
  offsetM: number;
  /** Depth of cover to the pipe crown at the upstream end, metres. */
  coverM: number;
  /** Gravity networks: fall of the cover along a road, m/m (0 = pressure pipe, constant cover). */
  gradeMPerM: number;
  /** Nominal diameter per road class, millimetres. */
  diameterMm: Record<RoadClass, number>;
  /** Material for a diameter, millimetres → material code. */
  materialOf(diameterMm: number): string;
  /** Pressure class (压力级制) text. */
  pressureClass: string;
  owner: string;
  /** Segments between two intersections are split at intermediate nodes no further apart than this, metres. */
  maxSegmentM(diameterMm: number): number;
  /** Kind of the intermediate nodes. */
  midNodeKind: NodeKind;
  /**
   * Kind of the node at a road intersection of `degree` roads; `hash` is a stable 0–99 number of the intersection
   * (picks which intersections get valves).
   */
  intersectionKind(degree: number, hash: number): NodeKind;
  /** Year range the demo install years are spread over. */
  installYears: [number, number];
}

const drainageSpacingM = (diameterMm: number): number => (diameterMm <= 600 ? 75 : diameterMm <= 1000 ? 100 : 150);

/** The four demo networks (central Nanchang has no district heating: no heat network). */
export const DEMO_NETWORKS: readonly DemoNetworkDefinition[] = [
  {
    network: 'water',
    codeLetter: 'W',
    offsetM: 9,
    coverM: 1.2,
    gradeMPerM: 0,
    diameterMm: { expressway: 600, arterial: 500, secondary: 400, branch: 300, access: 200 },
    materialOf: () => 'ductile-iron',
    pressureClass: '0.4MPa',
    owner: '示例数据：南昌水业集团（虚构）',
    maxSegmentM: () => 120,
    midNodeKind: 'hydrant',
    // Valves at two intersections in three (tees at the others), so an isolation area spans several blocks.
    intersectionKind: (degree, hash) => (degree >= 3 ? (hash % 3 === 0 ? 'tee' : 'valve') : 'junction'),
    installYears: [1995, 2020],
  },
  {
    network: 'storm',
    codeLetter: 'Y',
    offsetM: 4,
    coverM: 1.8,
    gradeMPerM: 0.002,
    diameterMm: { expressway: 1200, arterial: 1000, secondary: 800, branch: 600, access: 400 },
    materialOf: () => 'concrete',
    pressureClass: 'gravity',
    owner: '示例数据：南昌市城市排水管理单位（虚构）',
    maxSegmentM: drainageSpacingM,
    midNodeKind: 'manhole',
    intersectionKind: () => 'manhole',
    installYears: [1990, 2020],
  },
  {
    network: 'sewage',
    codeLetter: 'S',
    offsetM: -4,
    coverM: 2.5,
    gradeMPerM: 0.002,
    diameterMm: { expressway: 800, arterial: 600, secondary: 500, branch: 400, access: 300 },
    materialOf: (diameterMm) => (diameterMm <= 500 ? 'hdpe' : 'concrete'),
    pressureClass: 'gravity',
    owner: '示例数据：南昌市城市排水管理单位（虚构）',
    maxSegmentM: drainageSpacingM,
    midNodeKind: 'manhole',
    intersectionKind: () => 'manhole',
    installYears: [1990, 2020],
  },
  {
    network: 'gas',
    codeLetter: 'G',
    offsetM: -9,
    coverM: 1.0,
    gradeMPerM: 0,
    diameterMm: { expressway: 400, arterial: 300, secondary: 250, branch: 200, access: 160 },
    materialOf: (diameterMm) => (diameterMm <= 250 ? 'pe' : 'steel'),
    pressureClass: '中压A',
    owner: '示例数据：南昌燃气集团（虚构）',
    maxSegmentM: () => 500,
    midNodeKind: 'junction',
    intersectionKind: (degree, hash) => (degree >= 3 && hash % 2 === 0 ? 'valve' : degree >= 3 ? 'tee' : 'junction'),
    installYears: [2000, 2022],
  },
];

/** Prefix of every demo code; bump the digit when the definitions change (the seed then replaces the demo rows). */
export const DEMO_CODE_PREFIX = 'DEMO1';

/** Horizontal distance from an intersection at which a pipe reaches its offset line, metres (the corner piece). */
export const DEMO_CORNER_SETBACK_M = 10;
