/**
 * What the review reads off a building model (`ModelMeasures`, JSON-serialisable) and the pure derivation of it from
 * the per-element plan data and the spatial tree. I/O (the conversion) is in measure-model.ts.
 *
 * Frames and units: plans are `[east, north]` metres in ENU at the tileset anchor; heights are metres above the
 * model's ±0.000, which is taken as the ENU height of the IFC world origin (z = 0): IfcBuildingStorey.Elevation is
 * relative to it when the IfcBuilding stands at z = 0, as in every sample here. Areas m²; quantities from the file are
 * taken as m² (IfcSIUnit AREAUNIT SQUARE_METRE, the IFC default).
 */
import type { SpatialRecord as SpatialNode } from '@kernel/properties-file';
import { outerRings, planAreaM2, roundPlan, simplifyPlan, unionPlans, type PlanMultiPolygon } from './plan-geometry';

/** Elements whose bottom lies within this of ±0.000 (m) touch the ground; storeys above −this are above ground. */
export const GROUND_TOLERANCE_M = 1.0;

/**
 * IFC classes whose plan makes the building's base (GB/T 50353-2013 建筑基底: the outer outline at ground level).
 * Not IfcSite, IfcSpace, IfcOpeningElement, furniture, IfcAnnotation, terrain (IfcGeographicElement), foundations,
 * nor doors and windows (they fill wall openings; frames standing proud of the façade are not the outline: on the
 * Nanchang sample they added 0.97 m² in 4 slivers).
 */
export const FOOTPRINT_CLASSES: ReadonlySet<string> = new Set([
  'IfcWall', 'IfcWallStandardCase', 'IfcWallElementedCase', 'IfcSlab', 'IfcSlabStandardCase', 'IfcSlabElementedCase',
  'IfcColumn', 'IfcColumnStandardCase', 'IfcCurtainWall', 'IfcPlate', 'IfcMember',
]);
/** Classes that do not count for the building height (not part of the building body). */
export const NOT_BUILDING_CLASSES: ReadonlySet<string> = new Set([
  'IfcSite', 'IfcSpace', 'IfcOpeningElement', 'IfcAnnotation', 'IfcGeographicElement', 'IfcFurnishingElement', 'IfcFurniture', 'IfcVirtualElement',
]);
const SLAB_CLASSES = new Set(['IfcSlab', 'IfcSlabStandardCase', 'IfcSlabElementedCase']);

/** One element as reduced by the measure hook: enough to point at it. */
export interface ElementMeasure {
  globalId: string;
  ifcClass: string;
  name: string | null;
  storey: string | null;
  /** Lowest and highest point, metres above ±0.000. */
  bottomM: number;
  topM: number;
  /** Union of the plan projections of its triangles, ENU metres at the anchor, rounded to 1 mm, collinear points dropped. */
  plan: PlanMultiPolygon;
}

/** An entity named by a pre-check failure. */
export interface EntityRef {
  globalId: string;
  ifcClass: string;
  name: string | null;
  reason: string;
}

/** One pre-check of the submitted model (the model must carry this for the indicators to be trusted). */
export interface PreCheck {
  id: 'schema-valid' | 'storey-elevations' | 'floor-areas' | 'building-use';
  passed: boolean;
  failures: EntityRef[];
}

/** How the gross floor area was obtained. */
export type GfaMethod = 'spaces' | 'storey-quantities' | 'slab-geometry';

/** The measures of one model; see measure-model.ts `measureModel`. */
export interface ModelMeasures {
  fileName: string;
  schema: string;
  /** ENU origin of the tileset and how the model was placed. */
  anchor: { lonDeg: number; latDeg: number; heightM: number; headingDeg: number; method: string; epsg: number | null };
  /** ENU up coordinate (m, at the anchor) of ±0.000. */
  groundEnuZM: number;
  /** Base outline (outer rings of the union of ground-touching elements' plans), ENU metres, 1 mm, 5 mm simplified. */
  footprint: { type: 'MultiPolygon'; coordinates: PlanMultiPolygon; areaM2: number };
  /** Above-ground gross floor area, m², or null when nothing gives one. */
  gfa: { areaM2: number | null; method: GfaMethod | null; perStorey: { globalId: string; name: string | null; areaM2: number }[] };
  /** Top of the highest building element above ±0.000, m; null without elements. */
  heightM: number | null;
  storeys: { aboveGround: number; list: { globalId: string; name: string | null; elevationM: number | null; aboveGround: boolean }[] };
  /** IfcBuilding(s) with their use (Pset_BuildingCommon.OccupancyType, else ObjectType). */
  buildings: { globalId: string; name: string | null; use: string | null }[];
  elements: ElementMeasure[];
  preChecks: PreCheck[];
}

/** Input of {@link deriveModelMeasures}. */
export interface DeriveInput {
  fileName: string;
  schema: string;
  anchor: ModelMeasures['anchor'];
  groundEnuZM: number;
  elements: ElementMeasure[];
  spatialTree: SpatialNode | null;
  /** Per-element conversion failures (report.json `failures`). */
  failures: EntityRef[];
}

function spatialNodes(tree: SpatialNode | null, ifcClass: string, out: SpatialNode[] = []): SpatialNode[] {
  if (!tree) return out;
  if (tree.ifcClass === ifcClass) out.push(tree);
  for (const child of tree.children) spatialNodes(child, ifcClass, out);
  return out;
}

/** A numeric quantity `name` from the first of `sets` that has it (Qto_… or IFC2X3 BaseQuantities). */
function quantity(node: SpatialNode, sets: readonly string[], names: readonly string[]): number | null {
  for (const name of names) {
    for (const set of sets) {
      const value = node.propertySets?.[set]?.[name];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    }
  }
  return null;
}

const entity = (node: SpatialNode, reason: string): EntityRef => ({ globalId: node.globalId, ifcClass: node.ifcClass, name: node.name, reason });

/**
 * Derives the measures from reduced elements and the spatial tree (pure).
 *
 * GFA method, first that covers every above-ground storey: `spaces` (Σ IfcSpace Qto_SpaceBaseQuantities
 * GrossFloorArea, else NetFloorArea, of the spaces under each storey), `storey-quantities`
 * (Qto_BuildingStoreyBaseQuantities.GrossFloorArea), `slab-geometry` (per storey, area of the union of the plans of
 * its IfcSlab elements). A model without storeys has no GFA (null). Basements (storeys at or below −1.0 m) do not
 * count (FAR counts above-ground area, GB 50180-2018 附录A).
 * @see GB/T 50353-2013 §3.0.1 (areas by the outer outline); IFC Qto_SpaceBaseQuantities, Qto_BuildingStoreyBaseQuantities
 */
export function deriveModelMeasures(input: DeriveInput): ModelMeasures {
  const { elements, spatialTree } = input;
  const storeyNodes = spatialNodes(spatialTree, 'IfcBuildingStorey');
  const isAbove = (n: SpatialNode) => n.elevationM === undefined || n.elevationM > -GROUND_TOLERANCE_M;
  const above = storeyNodes.filter(isAbove);

  const ground = elements.filter((e) => FOOTPRINT_CLASSES.has(e.ifcClass) && Math.abs(e.bottomM) <= GROUND_TOLERANCE_M);
  const footprint = roundPlan(simplifyPlan(outerRings(unionPlans(ground.map((e) => e.plan))), 0.005), 0.001);

  const spaceArea = (storey: SpatialNode) => {
    const spaces = spatialNodes(storey, 'IfcSpace');
    const areas = spaces.map((s) => quantity(s, ['Qto_SpaceBaseQuantities', 'BaseQuantities'], ['GrossFloorArea', 'NetFloorArea']));
    return areas.some((a) => a !== null) ? areas.reduce<number>((sum, a) => sum + (a ?? 0), 0) : null;
  };
  const storeyArea = (storey: SpatialNode) => quantity(storey, ['Qto_BuildingStoreyBaseQuantities', 'BaseQuantities'], ['GrossFloorArea']);
  const slabArea = (storey: SpatialNode) =>
    planAreaM2(unionPlans(elements.filter((e) => SLAB_CLASSES.has(e.ifcClass) && e.storey === storey.name).map((e) => e.plan)));
  let gfa: ModelMeasures['gfa'] = { areaM2: null, method: null, perStorey: [] };
  const methods: [GfaMethod, (s: SpatialNode) => number | null][] = [['spaces', spaceArea], ['storey-quantities', storeyArea], ['slab-geometry', slabArea]];
  for (const [method, areaOf] of above.length > 0 ? methods : []) {
    const areas = above.map(areaOf);
    if (areas.every((a) => a !== null && a > 0)) {
      const perStorey = above.map((s, i) => ({ globalId: s.globalId, name: s.name, areaM2: round(areas[i]!, 0.01) }));
      gfa = { areaM2: round(areas.reduce<number>((sum, a) => sum + a!, 0), 0.01), method, perStorey };
      break;
    }
  }

  const body = elements.filter((e) => !NOT_BUILDING_CLASSES.has(e.ifcClass));
  const heightM = body.length > 0 ? round(Math.max(...body.map((e) => e.topM)), 0.001) : null;
  const buildings = spatialNodes(spatialTree, 'IfcBuilding').map((b) => {
    const occupancy = b.propertySets?.Pset_BuildingCommon?.OccupancyType;
    const use = typeof occupancy === 'string' && occupancy.trim() ? occupancy : b.objectType?.trim() ? b.objectType : null;
    return { node: b, summary: { globalId: b.globalId, name: b.name, use } };
  });

  const preChecks: PreCheck[] = [
    { id: 'schema-valid', passed: input.failures.length === 0, failures: input.failures },
    {
      id: 'storey-elevations',
      passed: storeyNodes.length > 0 && storeyNodes.every((s) => s.elevationM !== undefined),
      failures:
        storeyNodes.length === 0
          ? (buildings.length > 0 ? buildings.map((b) => entity(b.node, 'no IfcBuildingStorey')) : [{ globalId: '', ifcClass: 'IfcProject', name: null, reason: 'no IfcBuildingStorey' }])
          : storeyNodes.filter((s) => s.elevationM === undefined).map((s) => entity(s, 'IfcBuildingStorey without Elevation')),
    },
    {
      id: 'floor-areas',
      passed: above.length > 0 && above.every((s) => spaceArea(s) !== null || storeyArea(s) !== null),
      failures: above
        .filter((s) => spaceArea(s) === null && storeyArea(s) === null)
        .map((s) => entity(s, 'no IfcSpace with Qto_SpaceBaseQuantities GrossFloorArea/NetFloorArea and no Qto_BuildingStoreyBaseQuantities.GrossFloorArea')),
    },
    {
      id: 'building-use',
      passed: buildings.length > 0 && buildings.every((b) => b.summary.use !== null),
      failures: buildings.filter((b) => b.summary.use === null).map((b) => entity(b.node, 'no Pset_BuildingCommon.OccupancyType and no ObjectType')),
    },
  ];

  return {
    fileName: input.fileName,
    schema: input.schema,
    anchor: input.anchor,
    groundEnuZM: input.groundEnuZM,
    footprint: { type: 'MultiPolygon', coordinates: footprint, areaM2: round(planAreaM2(footprint), 0.01) },
    gfa,
    heightM,
    storeys: {
      aboveGround: above.length,
      list: storeyNodes.map((s) => ({ globalId: s.globalId, name: s.name, elevationM: s.elevationM ?? null, aboveGround: isAbove(s) })),
    },
    buildings: buildings.map((b) => b.summary),
    elements,
    preChecks,
  };
}

function round(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(6));
}
