import { WebIFC } from './web-ifc-module';
import type { IfcAPI, FlatMesh } from 'web-ifc';
import { GeometryArena } from './geometry-arena';
import type { ElementGeometry, MeshGeometry, PlacedGeometry } from './parsed-model';
import { geometriesReversedByWebIfc, reverseTriangles } from './face-winding';

/**
 * Streams web-ifc's triangulated geometry into {@link MeshGeometry} (one per distinct geometryExpressID) and
 * per-element {@link PlacedGeometry} lists.
 *
 * Notes:
 * - web-ifc 0.0.78 applies the project's linear scaling factor by default (`applyLinearScalingFactor`), so
 *   vertices and transforms are already in metres: nanchang (mm) streams 30.6 m × 12.6 m × 18.03 m,
 *   FZK-Haus (m) 18 m × 16 m, janesville (ft) 73.2 m × 62.0 m (parse.test.ts checks all three).
 * - StreamAllMeshes skips IfcOpeningElement and IfcSpace; spaces are streamed separately when asked for.
 * - Interleaved (x, y, z, nx, ny, nz) float32 is split in one pass without per-vertex allocation; the index
 *   array is copied out of the wasm heap (the view dies with `geom.delete()`). All arrays are views into a
 *   {@link GeometryArena} (a few 16 MiB chunks), so the worker transfers a few buffers, not three per mesh.
 * - On the ACCA railway 28,891 placed geometries share 463 meshes (62×), so dedupe by geometryExpressID matters.
 */

/** What streaming produced. */
export interface StreamedGeometry {
  geometries: Map<number, MeshGeometry>;
  elementGeometries: ElementGeometry[];
  /** Elements whose meshes had no triangles, or whose geometry web-ifc could not read. */
  failures: Array<{ expressId: number; reason: string }>;
  /** Model-level problems (without the `parse:` prefix). */
  warnings: string[];
  /** Every product web-ifc streamed, with or without triangles. */
  streamedIds: Set<number>;
}

/** IFC classes never turned into features (openings are subtracted from their hosts). */
export const ALWAYS_EXCLUDED: ReadonlySet<string> = new Set(['IfcOpeningElement', 'IfcOpeningStandardCase', 'IfcVoidingFeature']);

/** Splits web-ifc's interleaved vertex data into positions and normals (views into the arena). */
function deinterleave(vertexData: Float32Array, arena: GeometryArena): { positions: Float32Array; normals: Float32Array } {
  const count = vertexData.length / 6;
  const positions = arena.allocFloat32(count * 3);
  const normals = arena.allocFloat32(count * 3);
  for (let v = 0, src = 0, dst = 0; v < count; v += 1, src += 6, dst += 3) {
    positions[dst] = vertexData[src];
    positions[dst + 1] = vertexData[src + 1];
    positions[dst + 2] = vertexData[src + 2];
    normals[dst] = vertexData[src + 3];
    normals[dst + 1] = vertexData[src + 4];
    normals[dst + 2] = vertexData[src + 5];
  }
  return { positions, normals };
}

/** Options of {@link streamGeometry}. */
export interface StreamGeometryOptions {
  includeSpaces: boolean;
  /** IFC class name per type code (cached by the caller). */
  classNameOf: (expressId: number) => string;
  /** Progress of streaming, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Stream only these products (web-ifc `StreamMeshes`) instead of all of them; spaces are not added. */
  onlyIds?: readonly number[];
  /**
   * Key of a mesh in `geometries` and in `placed` for a web-ifc geometry express id (default: the id itself); a
   * second meshing of the same file (fine-curves.ts) keeps its meshes apart with negative keys.
   */
  geometryKey?: (geometryExpressId: number) => number;
}

/**
 * Streams all body geometry of an open model.
 *
 * @param api initialised IfcAPI
 * @param modelId open model
 * @param options spaces on/off, class lookup, progress
 * @returns unique meshes (metres, geometry-local, Y-up), placements per element and per-element failures
 * @see https://github.com/ThatOpen/engine_web-ifc (IfcAPI.StreamAllMeshes, GetGeometry)
 */
export function streamGeometry(api: IfcAPI, modelId: number, options: StreamGeometryOptions): StreamedGeometry {
  const geometries = new Map<number, MeshGeometry>();
  const elementGeometries: ElementGeometry[] = [];
  // Colours repeat (a model has tens of them, not one per placement): one shared array per colour.
  const colors = new Map<string, [number, number, number, number]>();
  const failures: StreamedGeometry['failures'] = [];
  const warnings: string[] = [];
  const seen = new Set<number>();
  const arena = new GeometryArena();

  const keyOf = options.geometryKey ?? ((id: number) => id);
  const readMesh = (geometryExpressId: number, isReversed: () => boolean): MeshGeometry => {
    let mesh = geometries.get(keyOf(geometryExpressId));
    if (mesh) return mesh;
    const geom = api.GetGeometry(modelId, geometryExpressId);
    try {
      const vertexData = api.GetVertexArray(geom.GetVertexData(), geom.GetVertexDataSize());
      const indexView = api.GetIndexArray(geom.GetIndexData(), geom.GetIndexDataSize());
      const indices = arena.allocUint32(indexView.length);
      indices.set(indexView);
      mesh = { ...deinterleave(vertexData, arena), indices };
      if (isReversed()) reverseTriangles(mesh.indices); // web-ifc reversed it for a mirrored copy (face-winding.ts)
    } finally {
      geom.delete();
    }
    geometries.set(keyOf(geometryExpressId), mesh);
    return mesh;
  };

  const onMesh = (flatMesh: FlatMesh, index: number, total: number) => {
    const expressId = flatMesh.expressID;
    seen.add(expressId);
    if (total > 0 && index % 64 === 0) options.onProgress?.(index / total);
    if (ALWAYS_EXCLUDED.has(options.classNameOf(expressId))) return;
    try {
      const placed: PlacedGeometry[] = [];
      let triangles = 0;
      const list = flatMesh.geometries;
      const size = list.size();
      let reversed: Set<number> | undefined;
      for (let i = 0; i < size; i += 1) {
        const pg = list.get(i);
        const mesh = readMesh(pg.geometryExpressID, () => (reversed ??= geometriesReversedByWebIfc(list)).has(pg.geometryExpressID));
        const count = mesh.indices.length / 3;
        if (count === 0) continue;
        triangles += count;
        const c = pg.color;
        const colorKey = `${c.x},${c.y},${c.z},${c.w}`;
        let color = colors.get(colorKey);
        if (!color) colors.set(colorKey, (color = [c.x, c.y, c.z, c.w]));
        placed.push({ geometryExpressId: keyOf(pg.geometryExpressID), color, transform: Array.from(pg.flatTransformation) });
      }
      if (triangles === 0) {
        failures.push({ expressId, reason: 'web-ifc produced geometry with zero triangles' });
        return;
      }
      elementGeometries.push({ expressId, placed });
    } catch (error) {
      failures.push({ expressId, reason: `web-ifc could not read the geometry: ${(error as Error).message}` });
    }
  };

  try {
    if (options.onlyIds) api.StreamMeshes(modelId, [...options.onlyIds], onMesh);
    else api.StreamAllMeshes(modelId, onMesh);
  } catch (error) {
    // A wasm-level failure inside one product aborts the whole stream: retry the rest one product at a time.
    warnings.push(`StreamAllMeshes aborted (${(error as Error).message}); streaming the remaining products one by one`);
    streamOneByOne(api, modelId, seen, onMesh, failures, options.classNameOf, options.onlyIds);
  }
  if (options.includeSpaces && !options.onlyIds) {
    const spaces = api.GetLineIDsWithType(modelId, WebIFC.IFCSPACE);
    const ids: number[] = [];
    for (let i = 0; i < spaces.size(); i += 1) ids.push(spaces.get(i));
    if (ids.length > 0) api.StreamMeshes(modelId, ids, onMesh);
  }
  // Empty meshes were read once (to learn they are empty) but are placed nowhere.
  for (const [id, mesh] of geometries) if (mesh.indices.length === 0) geometries.delete(id);
  options.onProgress?.(1);
  return { geometries, elementGeometries, failures, warnings, streamedIds: seen };
}

function streamOneByOne(
  api: IfcAPI,
  modelId: number,
  seen: Set<number>,
  onMesh: (mesh: FlatMesh, index: number, total: number) => void,
  failures: StreamedGeometry['failures'],
  classNameOf: (expressId: number) => string,
  onlyIds?: readonly number[],
): void {
  const products = onlyIds ? null : api.GetLineIDsWithType(modelId, WebIFC.IFCPRODUCT, true);
  const ids = onlyIds ?? Array.from({ length: products!.size() }, (_, i) => products!.get(i));
  for (const id of ids) {
    const cls = classNameOf(id);
    if (seen.has(id) || cls === 'IfcSpace' || ALWAYS_EXCLUDED.has(cls)) continue;
    try {
      api.StreamMeshes(modelId, [id], onMesh);
    } catch (error) {
      seen.add(id);
      failures.push({ expressId: id, reason: `web-ifc failed on this element: ${(error as Error).message}` });
    }
  }
}
