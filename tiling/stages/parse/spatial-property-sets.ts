import type { SpatialNode } from './parsed-model';
import { readElementSemantics } from './properties';
import { textOf, type StepLines } from './step-lines';

/**
 * Attaches to every node of the spatial tree (IfcSite, IfcBuilding, IfcBuildingStorey, IfcSpace …) its property and
 * quantity sets and its `ObjectType`, for callers that measure the model (the parse option `spatialPropertySets`,
 * set by `convertIfc`'s `measure` hook): e.g. Pset_BuildingCommon.OccupancyType, Qto_BuildingStoreyBaseQuantities,
 * Qto_SpaceBaseQuantities. One more pass over IfcRelDefinesByProperties, restricted to the spatial elements.
 *
 * @param lines the open model
 * @param tree the tree from `readSpatialStructure`; changed in place
 * @see IfcObject.ObjectType (attribute 4), IfcRelDefinesByProperties, IfcElementQuantity
 */
export function attachSpatialPropertySets(lines: StepLines, tree: SpatialNode): void {
  const nodes: SpatialNode[] = [];
  const walk = (node: SpatialNode) => {
    nodes.push(node);
    for (const child of node.children) walk(child);
  };
  walk(tree);
  const semantics = readElementSemantics(lines, new Set(nodes.map((n) => n.expressId)));
  for (const node of nodes) {
    node.propertySets = semantics.get(node.expressId)?.propertySets ?? {};
    // IfcProject has no ObjectType (attribute 4 is its ObjectType too in IFC4: IfcContext); read it for all.
    node.objectType = textOf(lines.args(node.expressId)[4]);
  }
}
