import { WebIFC } from './web-ifc-module';
import type { SpatialNode } from './parsed-model';
import { numberOf, refOf, refsOf, textOf, type StepLines } from './step-lines';

/**
 * The spatial tree IfcProject → IfcSite → IfcBuilding / IfcFacility (IfcRoad, IfcRailway, IfcBridge …) →
 * IfcBuildingStorey / IfcFacilityPart → IfcSpace, and which spatial element holds each element.
 *
 * Notes: an element that is not itself in an IfcRelContainedInSpatialStructure (a stair flight aggregated in a
 * stair, a window filling an opening that voids a wall) inherits the container of its whole via
 * IfcRelAggregates, IfcRelNests, IfcRelFillsElement and IfcRelVoidsElement, up to {@link MAX_WHOLE_DEPTH}.
 */

const MAX_WHOLE_DEPTH = 8;

/** Spatial structure of a model plus a resolver for element containment. */
export interface SpatialStructure {
  tree: SpatialNode | null;
  /** Resolves the spatial element that holds `elementId` (directly or through its whole), or null. */
  containerOf(elementId: number): number | null;
  /** Name of the nearest IfcBuildingStorey at or above a spatial element, else the element's own name. */
  storeyNameOf(spatialId: number): string | null;
  /** GlobalId of a spatial element. */
  globalIdOf(spatialId: number): string;
  /** Whether `id` is a spatial element (IfcProject, IfcSite … IfcSpace, IfcFacilityPart …). */
  isSpatial(id: number): boolean;
}

/** Type codes of all spatial elements; some are missing in older schemas (then undefined). */
const SPATIAL_ROOT_TYPES = [WebIFC.IFCSPATIALSTRUCTUREELEMENT, WebIFC.IFCSPATIALELEMENT];

/**
 * Reads the spatial tree and containment relations.
 *
 * @param lines the open model
 * @param projectId express id of the IfcProject (tree root), or null
 * @param lengthUnitM metres per project length unit (scales IfcBuildingStorey Elevation; default 1)
 * @returns the tree (null without IfcProject) and resolvers for element → spatial container → storey name
 * @see IfcRelAggregates, IfcRelContainedInSpatialStructure, IfcSpatialStructureElement, IfcFacilityPart (IFC4X3)
 */
export function readSpatialStructure(lines: StepLines, projectId: number | null, lengthUnitM = 1): SpatialStructure {
  const spatialIds = new Set<number>();
  for (const code of SPATIAL_ROOT_TYPES) {
    // IfcSpatialElement is IFC4+; on IFC2X3 web-ifc returns no ids for it and the other code finds all.
    for (const id of lines.idsOfType(code, true)) spatialIds.add(id);
  }
  if (projectId !== null) spatialIds.add(projectId);

  const childrenOf = new Map<number, number[]>();
  const wholeOf = new Map<number, number>();
  const addPart = (whole: number | null, parts: number[]) => {
    if (whole === null) return;
    for (const part of parts) {
      if (!wholeOf.has(part)) wholeOf.set(part, whole);
      if (spatialIds.has(part) && spatialIds.has(whole)) {
        let list = childrenOf.get(whole);
        if (!list) childrenOf.set(whole, (list = []));
        list.push(part);
      }
    }
  };
  for (const code of [WebIFC.IFCRELAGGREGATES, WebIFC.IFCRELNESTS]) {
    for (const relId of lines.idsOfType(code)) {
      const args = lines.args(relId);
      addPart(refOf(args[4]), refsOf(args[5]));
    }
  }
  // Window → opening (fills), opening → wall (voids): the window inherits the wall's container.
  for (const relId of lines.idsOfType(WebIFC.IFCRELFILLSELEMENT)) {
    const args = lines.args(relId);
    addPart(refOf(args[4]), refsOf(args[5]));
  }
  for (const relId of lines.idsOfType(WebIFC.IFCRELVOIDSELEMENT)) {
    const args = lines.args(relId);
    addPart(refOf(args[4]), refsOf(args[5]));
  }

  const directContainer = new Map<number, number>();
  for (const relId of lines.idsOfType(WebIFC.IFCRELCONTAINEDINSPATIALSTRUCTURE)) {
    const args = lines.args(relId);
    const structure = refOf(args[5]);
    if (structure === null) continue;
    for (const id of refsOf(args[4])) directContainer.set(id, structure);
  }

  const names = new Map<number, string | null>();
  const globalIds = new Map<number, string>();
  const readRoot = (id: number) => {
    if (!names.has(id)) {
      const args = lines.args(id);
      names.set(id, textOf(args[2]));
      globalIds.set(id, textOf(args[0]) ?? `#${id}`);
    }
  };

  const visited = new Set<number>();
  const build = (id: number): SpatialNode => {
    visited.add(id);
    readRoot(id);
    const ifcClass = lines.className(id);
    // IfcBuildingStorey.Elevation is attribute 9 in IFC2X3 and IFC4 (optional, project length units).
    const elevation = ifcClass === 'IfcBuildingStorey' ? numberOf(lines.args(id)[9]) : null;
    return {
      expressId: id,
      globalId: globalIds.get(id) ?? `#${id}`,
      ifcClass,
      name: names.get(id) ?? null,
      ...(elevation !== null && Number.isFinite(elevation) ? { elevationM: elevation * lengthUnitM } : {}),
      children: (childrenOf.get(id) ?? []).filter((c) => !visited.has(c)).map(build),
    };
  };
  const tree = projectId === null ? null : build(projectId);

  const containerOf = (elementId: number): number | null => {
    let id = elementId;
    for (let depth = 0; depth <= MAX_WHOLE_DEPTH; depth += 1) {
      const direct = directContainer.get(id);
      if (direct !== undefined) return direct;
      const whole = wholeOf.get(id);
      if (whole === undefined) return null;
      if (spatialIds.has(whole)) return whole; // an element aggregated directly into a spatial element
      id = whole;
    }
    return null;
  };

  const storeyNameOf = (spatialId: number): string | null => {
    let id: number | undefined = spatialId;
    for (let depth = 0; id !== undefined && depth <= MAX_WHOLE_DEPTH; depth += 1) {
      if (lines.className(id) === 'IfcBuildingStorey') {
        readRoot(id);
        return names.get(id) ?? null;
      }
      id = wholeOf.get(id);
    }
    readRoot(spatialId);
    return names.get(spatialId) ?? null;
  };

  const globalIdOf = (spatialId: number): string => {
    readRoot(spatialId);
    return globalIds.get(spatialId) ?? `#${spatialId}`;
  };

  return { tree, containerOf, storeyNameOf, globalIdOf, isSpatial: (id) => spatialIds.has(id) };
}
