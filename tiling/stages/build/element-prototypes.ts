/**
 * Element-level instancing: elements whose whole set of placed geometries repeats (same geometries by content,
 * same colours, same placements relative to the element's first geometry) share one multi-part mesh and are
 * drawn as one instance each.
 *
 * Notes
 * - Revit and ArchiCAD write one family/object instance as several mapped items (a chair: 7 parts of 2–7 k
 *   triangles; a window: 8 frames and panes). Instancing each part alone costs one glTF mesh, node and four
 *   instance accessors per part per tile (≈ 3 KB of JSON) and 7 transforms per chair; small parts (< 1 000
 *   vertices saved) were baked per copy instead. One prototype per repeated element cuts both.
 * - Parts are compared by `partToFirst` = first⁻¹ · part (float64) rounded to 1e-5 (metres for the
 *   translation, unitless for the linear part): copies within that tolerance are drawn with the first copy's
 *   parts, so a vertex may move by at most ≈ 1e-5 × the element's size (0.03 mm on a 3 m element).
 * - Only the first part's placement must be a similarity (it becomes the instance transform); the others may be
 *   mirrored or sheared, they are baked into the prototype mesh.
 */
import type { IfcElement, MeshGeometry, ParsedModel, PlacedGeometry } from '@tiling/stages/parse/parsed-model';
import { bakeMesh, emptyBoundsEnu, meshCenter } from './bake-geometry';
import { invertAffineMatrix4, type Matrix4, multiplyMatrix4 } from '@tiling/math/matrix4';
import type { ColorRgba } from './built-model';
import { colorKey } from './color-key';
import { mergeVertices } from './merge-vertices';


/** A repeated element shape: the first element's parts relative to its first placed geometry. */
export interface ElementPrototype {
  /** Express ids of the elements drawn with it (≥ 2), in model order. */
  elementIds: number[];
  parts: { geometryExpressId: number; color: ColorRgba; partToFirst: Matrix4 }[];
  /** Triangles of one copy (all parts). */
  triangles: number;
}

/** A prototype's mesh: one part per colour, in the first geometry's local frame minus `center`, metres. */
export interface PrototypeMesh {
  parts: { color: ColorRgba; mesh: MeshGeometry }[];
  /** Centre of the AABB of all parts, first geometry's local frame, metres. */
  center: [number, number, number];
  vertices: number;
}

const ROUND = 1e5;

function matrixKey(m: Matrix4): string {
  return [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14].map((i) => Math.round(m[i] * ROUND)).join(',');
}

/**
 * Groups elements by the shape of their placed geometry.
 * @param isInstanceable whether a placement (geometry-local → model frame) can be an instance transform
 * @param canonical maps a geometryExpressId to the first id with the same content
 * @param minUses elements needed for a prototype (≥ 2)
 * @param minTriangles triangles of one copy needed for a prototype
 * @returns the prototypes and, per element expressId, its prototype's index
 */
export function findElementPrototypes(
  model: ParsedModel,
  isInstanceable: (transform: Matrix4) => boolean,
  canonical: (geometryExpressId: number) => number,
  minUses: number,
  minTriangles: number,
): { prototypes: ElementPrototype[]; byElement: Map<number, number> } {
  const placedByElement = new Map(model.elementGeometries.map((eg) => [eg.expressId, eg.placed]));
  const candidates = new Map<string, { element: IfcElement; placed: PlacedGeometry[]; parts: ElementPrototype['parts']; triangles: number }[]>();
  for (const element of model.elements) {
    const placed = placedByElement.get(element.expressId);
    if (!placed || placed.length === 0) continue;
    if (placed.some((pg) => (model.geometries.get(pg.geometryExpressId)?.indices.length ?? 0) < 3)) continue;
    const first = placed[0].transform;
    if (!isInstanceable(first)) continue;
    const firstInverse = invertAffineMatrix4(first);
    if (!firstInverse.every(Number.isFinite)) continue;
    const parts: ElementPrototype['parts'] = [];
    const keys: string[] = [];
    let triangles = 0;
    for (const pg of placed) {
      const partToFirst = multiplyMatrix4(firstInverse, pg.transform);
      const id = canonical(pg.geometryExpressId);
      parts.push({ geometryExpressId: id, color: pg.color, partToFirst });
      keys.push(`${id}|${colorKey(pg.color)}|${matrixKey(partToFirst)}`);
      triangles += model.geometries.get(pg.geometryExpressId)!.indices.length / 3;
    }
    const key = keys.join(';');
    const list = candidates.get(key) ?? [];
    list.push({ element, placed, parts, triangles });
    candidates.set(key, list);
  }
  const prototypes: ElementPrototype[] = [];
  const byElement = new Map<number, number>();
  for (const list of candidates.values()) {
    if (list.length < Math.max(2, minUses) || list[0].triangles < minTriangles) continue;
    const index = prototypes.length;
    prototypes.push({ elementIds: list.map((c) => c.element.expressId), parts: list[0].parts, triangles: list[0].triangles });
    for (const c of list) byElement.set(c.element.expressId, index);
  }
  return { prototypes, byElement };
}

/**
 * Bakes a prototype's parts into its local frame (the first part's geometry frame), one mesh per colour,
 * re-centred on the AABB centre and vertex-merged.
 * @returns null when a part yields non-finite coordinates or every triangle collapses
 */
export function bakePrototype(
  prototype: ElementPrototype,
  geometries: ReadonlyMap<number, MeshGeometry>,
  creaseAngleDeg: number,
): PrototypeMesh | null {
  const byColor = new Map<string, { color: ColorRgba; meshes: MeshGeometry[] }>();
  for (const part of prototype.parts) {
    const baked = bakeMesh(geometries.get(part.geometryExpressId)!, part.partToFirst, emptyBoundsEnu(), [0, 0, 0]);
    if (!baked) return null;
    const key = colorKey(part.color);
    const entry = byColor.get(key) ?? { color: part.color, meshes: [] };
    entry.meshes.push(baked);
    byColor.set(key, entry);
  }
  const all = concatMeshes([...byColor.values()].flatMap((e) => e.meshes));
  const center = meshCenter(all);
  const parts: PrototypeMesh['parts'] = [];
  let vertices = 0;
  for (const { color, meshes } of byColor.values()) {
    const mesh = concatMeshes(meshes);
    for (let i = 0; i < mesh.positions.length; i++) mesh.positions[i] -= center[i % 3];
    const merged = mergeVertices(mesh, creaseAngleDeg);
    if (merged.indices.length === 0) continue;
    parts.push({ color, mesh: merged });
    vertices += merged.positions.length / 3;
  }
  return parts.length > 0 ? { parts, center, vertices } : null;
}

/** Concatenates meshes (new arrays; indices shifted). */
export function concatMeshes(meshes: readonly MeshGeometry[]): MeshGeometry {
  let vertexCount = 0;
  let indexCount = 0;
  for (const m of meshes) {
    vertexCount += m.positions.length / 3;
    indexCount += m.indices.length;
  }
  const positions = new Float32Array(vertexCount * 3);
  const normals = new Float32Array(vertexCount * 3);
  const indices = new Uint32Array(indexCount);
  let v = 0;
  let k = 0;
  for (const m of meshes) {
    positions.set(m.positions, v * 3);
    normals.set(m.normals, v * 3);
    for (let i = 0; i < m.indices.length; i++) indices[k + i] = m.indices[i] + v;
    v += m.positions.length / 3;
    k += m.indices.length;
  }
  return { positions, normals, indices };
}
