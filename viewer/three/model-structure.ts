/**
 * The spatial structure of a converted model (IFC spatial tree + containment), as the model's `properties.json`
 * carries it (`ModelProperties.structure()`, kernel/properties-file.ts; `structure.json` before it), checked where it
 * enters the viewer and ordered for the tree and the storey panel.
 *
 * @see tiling/stages/parse/parsed-model.ts (SpatialNode, containment)
 */
import { z } from 'zod';
import type { ModelProperties } from '@kernel/properties-file';
import type { SpatialTreeNode } from '@viewer/ui/spatial-tree';

/** A spatial node: a {@link SpatialTreeNode} with the storey elevation (tiler ≥ 0.5). */
export interface StructureNode extends SpatialTreeNode {
  /** IfcBuildingStorey Elevation, metres in the building's frame; absent on other nodes and older outputs. */
  elevationM?: number;
  children: readonly StructureNode[];
}

/** The checked, ordered structure. */
export interface ModelStructure {
  /** The spatial tree, storeys of each building ordered by elevation (see {@link orderStoreysByElevation}). */
  spatialTree: StructureNode | null;
  /** Spatial element globalId → globalIds of the elements it contains. */
  containment: Record<string, string[]>;
}

const spatialNodeSchema: z.ZodType<StructureNode> = z.lazy(() =>
  z.object({
    globalId: z.string(),
    ifcClass: z.string(),
    name: z.string().nullable(),
    elevationM: z.number().finite().optional(),
    children: z.array(spatialNodeSchema),
  }),
);

const structureSchema = z.object({
  spatialTree: spatialNodeSchema.nullable(),
  containment: z.record(z.string(), z.array(z.string())),
});

/**
 * Validates a structure in the `structure.json` shape (`{spatialTree, containment}`; extra fields such as
 * `projectName`, `propertySets` or `expressId` are dropped) and orders each building's storeys by elevation.
 *
 * @throws {z.ZodError} when the shape does not match (message lists the paths).
 */
export function parseModelStructure(json: unknown): ModelStructure {
  const parsed = structureSchema.parse(json);
  return { ...parsed, spatialTree: parsed.spatialTree ? orderStoreysByElevation(parsed.spatialTree) : null };
}

/**
 * The structure of a decoded `properties.json` ({@link ModelProperties.structure}), checked and ordered as
 * {@link parseModelStructure} does.
 * @throws {z.ZodError} when the structure does not have the expected shape
 */
export function modelStructureOf(properties: Pick<ModelProperties, 'structure'>): ModelStructure {
  return parseModelStructure(properties.structure());
}

/**
 * The tree with the IfcBuildingStorey children of every node sorted by `elevationM`, lowest first (basement,
 * ground floor, … roof), as a building's storeys stack. Storeys without an elevation keep their file order after
 * those with one; other children (IfcSpace, IfcFacilityPart …) keep their order and stay after the storeys.
 * Pure: returns new nodes, the input is left alone.
 *
 * @see IfcBuildingStorey.Elevation (IFC4 ADD2 TC1 5.4.3.6)
 */
export function orderStoreysByElevation(node: StructureNode): StructureNode {
  const children = node.children.map(orderStoreysByElevation);
  const storeys = children.filter((child) => child.ifcClass === 'IfcBuildingStorey');
  if (storeys.length < 2) return { ...node, children };
  const rest = children.filter((child) => child.ifcClass !== 'IfcBuildingStorey');
  // Array.prototype.sort is stable: equal keys (and the missing ones, at +∞) keep their file order.
  const ordered = [...storeys].sort((a, b) => (a.elevationM ?? Number.POSITIVE_INFINITY) - (b.elevationM ?? Number.POSITIVE_INFINITY));
  return { ...node, children: [...ordered, ...rest] };
}

/**
 * GlobalIds of the elements held by a spatial node and everything below it (a storey's elements with those of its
 * spaces), for "isolate storey".
 *
 * @param containment spatial node GlobalId → GlobalIds of the elements it holds directly
 */
export function elementsBelow(node: SpatialTreeNode, containment: Readonly<Record<string, readonly string[]>>): Set<string> {
  const out = new Set<string>();
  const visit = (current: SpatialTreeNode) => {
    for (const globalId of containment[current.globalId] ?? []) out.add(globalId);
    for (const child of current.children) visit(child);
  };
  visit(node);
  return out;
}

/** A storey of the model for the storey panel. */
export interface StoreyEntry {
  globalId: string;
  name: string | null;
  /** Elevation, metres in the building's frame, or `null` when the file states none. */
  elevationM: number | null;
  /** Elements of the storey and of its spaces (see {@link elementsBelow}). */
  elementGlobalIds: ReadonlySet<string>;
}

/**
 * Every IfcBuildingStorey of an (already ordered) tree in tree order — lowest first within each building — with the
 * elements it holds.
 */
export function listStoreys(root: StructureNode | null, containment: Readonly<Record<string, readonly string[]>>): StoreyEntry[] {
  const out: StoreyEntry[] = [];
  const visit = (current: StructureNode) => {
    if (current.ifcClass === 'IfcBuildingStorey') {
      out.push({ globalId: current.globalId, name: current.name, elevationM: current.elevationM ?? null, elementGlobalIds: elementsBelow(current, containment) });
      return;
    }
    for (const child of current.children) visit(child);
  };
  if (root) visit(root);
  return out;
}
