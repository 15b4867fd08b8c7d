/**
 * Level of detail for heavy tiles: a simplified copy of a tile's content for distant views (meshoptimizer's
 * simplifier), drawn until the camera comes close enough to need the full geometry.
 *
 * Notes — the tree (tileset-json.ts writes it)
 * - The `tile` stage cuts an ADD tree: the largest elements in upper tiles, smaller ones deeper; a tile's
 *   geometricError e is the largest element below it (what is missing on screen while it is not refined). Small
 *   elements are therefore already dropped at coarse levels and never at the leaves.
 * - The proxy leaves out the tile's elements no larger than the target error (they count with their size in the
 *   error) and simplifies the rest.
 * - A content tile whose stored or drawn geometry is heavy (≥ `minTriangles`, default 100 000: below that the GPU
 *   draws it at no cost and a second download would only add bytes; FZK-Haus, 21.7 k triangles, gets none) gets a proxy: its own content becomes the
 *   simplified copy (every feature simplified on its own, so each keeps its feature ID and GlobalId and stays
 *   pickable), its refinement becomes REPLACE, and a new child holds the full content (same box, geometricError 0,
 *   ADD). Its original children keep ADD explicitly. Refining the tile thus swaps the proxy for the full content.
 * - Honest error: the proxy tile's geometricError = max(e, simplification error), where the simplification error is
 *   twice meshoptimizer's absolute error estimate per mesh (see {@link ERROR_SAFETY_FACTOR}), and a feature that simplifies away entirely counts with its
 *   whole diagonal. The target error is e for an interior tile (so refining costs no extra error) and 1 % of the
 *   content's diagonal for a leaf (e = 0), at least {@link MIN_TARGET_ERROR_M}.
 * - A proxy is kept only when it saves at least half of the stored or of the drawn triangles (instanced furniture:
 *   340 chairs of 24.6 k triangles are 8.4 M drawn triangles in Janesville): boxes (walls, slabs) do not
 *   simplify, and a proxy that does not pay would only add bytes.
 * - Simplification runs on positions welded regardless of normals (a BIM mesh has a seam at every crease, which the
 *   simplifier would otherwise keep), with the Prune flag (components smaller than the error vanish), never below
 *   5 % of the mesh's triangles (over-tessellated parts collapse whole within the error bound otherwise); where
 *   edge collapse is stuck (non-manifold meshes), meshoptimizer's sloppy simplifier (vertex clustering) is used
 *   instead, its error scaled back to metres. Normals of the result are per face, then merged at the build
 *   stage's crease angle.
 * @see 3D Tiles 1.1 §Refinement (REPLACE, ADD), §Geometric error; meshoptimizer `simplify` (ErrorAbsolute, Prune)
 */
import type { BakedPart, BuiltFeature, BuiltModel, InstanceGroup } from '@tiling/stages/build/built-model';
import { diagonalM, meshBounds } from '@tiling/stages/build/bake-geometry';
import { mergeVertices } from '@tiling/stages/build/merge-vertices';
import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';
import type { TileNode } from '@tiling/stages/tile/tile';

/** The part of meshoptimizer's `MeshoptSimplifier` used here (injected; `await MeshoptSimplifier.ready` first). */
export interface Simplifier {
  simplify(
    indices: Uint32Array,
    positions: Float32Array,
    stride: number,
    targetIndexCount: number,
    targetError: number,
    flags?: ('ErrorAbsolute' | 'Prune' | 'LockBorder')[],
  ): [Uint32Array, number];
  simplifySloppy(
    indices: Uint32Array,
    positions: Float32Array,
    stride: number,
    lock: Uint8Array | null,
    targetIndexCount: number,
    targetError: number,
  ): [Uint32Array, number];
  getScale(positions: Float32Array, stride: number): number;
}

/** Options of {@link createLodProxy}. */
export interface LodOptions {
  simplifier: Simplifier;
  /** Stored or drawn triangles from which a tile gets a proxy. */
  minTriangles: number;
  /** A proxy is kept only if its stored or its drawn triangles are ≤ this fraction of the full content's. */
  maxTriangleRatio: number;
  /** Crease angle for the proxy's normals, degrees (the build stage's). */
  creaseAngleDeg: number;
}

/** Defaults of {@link LodOptions} (besides the simplifier). */
export const LOD_DEFAULTS = { minTriangles: 100_000, maxTriangleRatio: 0.5, creaseAngleDeg: 40 } as const;

/** Smallest simplification target, metres: finer than this a proxy saves nothing worth a second download. */
export const MIN_TARGET_ERROR_M = 0.01;

/**
 * meshoptimizer's error is an estimate from quadrics on the welded mesh; measured against the true deviation (every
 * original vertex to the simplified surface) it was 1.6× too low on a dense sphere. The simplifier aims at
 * target / 2 and the reported error is twice its estimate, so the geometricError written stays above what a
 * viewer can see (lod-proxy.test.ts measures it).
 */
const ERROR_SAFETY_FACTOR = 2;

/** When edge collapse keeps more than this fraction of the triangles, the sloppy simplifier is tried too. */
const SLOPPY_FALLBACK_RATIO = 0.5;

/** Simplification keeps at least this fraction of a mesh's indices, and at least {@link MIN_KEPT_INDICES}. */
const MIN_KEPT_FRACTION = 0.05;
const MIN_KEPT_INDICES = 36;

/** Meshes with fewer triangles are kept as they are (a box has 12). */
const MIN_TRIANGLES_TO_SIMPLIFY = 48;

/** A tile's simplified content. */
export interface LodProxy {
  /** The model with this tile's kept features and their instance groups replaced by simplified copies. */
  built: BuiltModel;
  /** The tile as the proxy draws it: only the features larger than the target error. */
  tileNode: TileNode;
  /** Stored triangles of the proxy / of the full content. */
  triangles: number;
  fullTriangles: number;
  /** Drawn triangles (every instance counted) of the proxy / of the full content. */
  drawn: number;
  fullDrawn: number;
  /** Largest simplification error of any feature, metres (a feature that vanished counts its diagonal). */
  errorM: number;
}

/** Result of simplifying one mesh. */
interface SimplifiedMesh {
  mesh: MeshGeometry;
  errorM: number;
}

/**
 * Simplifies one mesh to an absolute error (metres, in the mesh's own frame).
 * @returns the simplified mesh (may have no triangles: everything pruned) and the error meshoptimizer reports
 */
export function simplifyMesh(mesh: MeshGeometry, targetErrorM: number, options: Pick<LodOptions, 'simplifier' | 'creaseAngleDeg'>): SimplifiedMesh {
  if (mesh.indices.length / 3 < MIN_TRIANGLES_TO_SIMPLIFY) return { mesh, errorM: 0 };
  const welded = mergeVertices({ positions: mesh.positions, normals: new Float32Array(0), indices: mesh.indices }, 180);
  // Never below a floor of triangles: over-tessellated parts (the Janesville chair: 22 680 triangles, 1 000 keep it
  // within 0.2 mm) would otherwise collapse whole within the error bound and vanish.
  const floor = Math.max(MIN_KEPT_INDICES, Math.floor((welded.indices.length * MIN_KEPT_FRACTION) / 3) * 3);
  const target = targetErrorM / ERROR_SAFETY_FACTOR;
  let [indices, errorM] = options.simplifier.simplify(welded.indices, welded.positions, 3, floor, target, ['ErrorAbsolute', 'Prune']);
  if (indices.length === 0) {
    // Pruned whole (every component smaller than the error): a part larger than the error as a whole stays.
    if (meshDiagonalM(mesh) > targetErrorM) {
      [indices, errorM] = options.simplifier.simplify(welded.indices, welded.positions, 3, floor, target, ['ErrorAbsolute']);
    } else {
      return { mesh: { positions: new Float32Array(0), normals: new Float32Array(0), indices: new Uint32Array(0) }, errorM: meshDiagonalM(mesh) };
    }
  }
  if (indices.length > SLOPPY_FALLBACK_RATIO * welded.indices.length) {
    // Non-manifold meshes (fittings with edges shared by 3+ faces) lock the edge-collapse simplifier; the sloppy
    // one clusters vertices regardless of topology. Its error is relative to the mesh scale.
    const scale = options.simplifier.getScale(welded.positions, 3);
    const [sloppy, relativeError] = options.simplifier.simplifySloppy(welded.indices, welded.positions, 3, null, floor, target / scale);
    if (sloppy.length > 0 && sloppy.length < indices.length) [indices, errorM] = [sloppy, relativeError * scale];
  }
  // Flat normals per face, then welded at the crease angle.
  const triangles = indices.length / 3;
  const positions = new Float32Array(triangles * 9);
  const normals = new Float32Array(triangles * 9);
  const p = welded.positions;
  for (let t = 0; t < triangles; t++) {
    const a = indices[t * 3] * 3, b = indices[t * 3 + 1] * 3, c = indices[t * 3 + 2] * 3;
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    nx /= len;
    ny /= len;
    nz /= len;
    for (const [k, v] of [a, b, c].entries()) {
      const o = t * 9 + k * 3;
      positions[o] = p[v];
      positions[o + 1] = p[v + 1];
      positions[o + 2] = p[v + 2];
      normals[o] = nx;
      normals[o + 1] = ny;
      normals[o + 2] = nz;
    }
  }
  const flat = { positions, normals, indices: Uint32Array.from({ length: triangles * 3 }, (_, i) => i) };
  return { mesh: mergeVertices(flat, options.creaseAngleDeg), errorM: errorM * ERROR_SAFETY_FACTOR };
}

/** Diagonal of a mesh's own AABB, metres (0 when empty). */
function meshDiagonalM(mesh: MeshGeometry): number {
  return diagonalM(meshBounds(mesh));
}

/** Drawn triangles of a set of features: baked parts, plus every instance's copy of its group's mesh. */
export function drawnTriangles(features: readonly BuiltFeature[], groups: readonly InstanceGroup[]): number {
  let total = 0;
  for (const f of features) {
    for (const part of f.parts) total += part.indices.length / 3;
    for (const use of f.instances) total += groups[use.groupIndex].parts.reduce((n, p) => n + p.mesh.indices.length / 3, 0);
  }
  return total;
}

/** Stored triangles of a set of features: baked parts, plus each instance group's mesh once. */
export function storedTriangles(features: readonly BuiltFeature[], groups: readonly InstanceGroup[]): number {
  let total = 0;
  const seen = new Set<number>();
  for (const f of features) {
    for (const part of f.parts) total += part.indices.length / 3;
    for (const use of f.instances) {
      if (seen.has(use.groupIndex)) continue;
      seen.add(use.groupIndex);
      total += groups[use.groupIndex].parts.reduce((n, p) => n + p.mesh.indices.length / 3, 0);
    }
  }
  return total;
}

/**
 * Target simplification error for a tile, metres: its geometricError, or for a leaf 1 % of its content's diagonal;
 * never below {@link MIN_TARGET_ERROR_M}.
 */
export function lodTargetErrorM(tileNode: TileNode): number {
  const target = tileNode.geometricError > 0 ? tileNode.geometricError : 0.01 * diagonalM(tileNode.boundsEnu);
  return Math.max(MIN_TARGET_ERROR_M, target);
}

/**
 * Builds the simplified content of a heavy tile, or null when the tile is light or simplification does not pay.
 * @param groupCache simplified instance groups by `group|error`, shared across tiles of one conversion
 * @returns the proxy (a shallow copy of `built` with this tile's features and groups replaced) or null
 */
export function createLodProxy(
  built: BuiltModel,
  tileNode: TileNode,
  options: LodOptions,
  groupCache: Map<string, { group: InstanceGroup; errorM: number }>,
): LodProxy | null {
  const features = tileNode.featureIds.map((id) => built.features[id]);
  const fullTriangles = storedTriangles(features, built.instanceGroups);
  const fullDrawn = drawnTriangles(features, built.instanceGroups);
  if (fullTriangles < options.minTriangles && fullDrawn < options.minTriangles) return null;
  const targetM = lodTargetErrorM(tileNode);
  const instanceGroups = [...built.instanceGroups];
  let errorM = 0;
  const simplifiedGroup = (g: number) => {
    const key = `${g}|${targetM}`;
    let cached = groupCache.get(key);
    if (!cached) {
      const group = built.instanceGroups[g];
      let groupError = 0;
      const parts = group.parts.map((part) => {
        const s = simplifyMesh(part.mesh, targetM, options);
        groupError = Math.max(groupError, s.errorM);
        return { color: part.color, mesh: s.mesh };
      });
      const kept = parts.filter((p) => p.mesh.indices.length > 0);
      const triangles = kept.reduce((n, p) => n + p.mesh.indices.length / 3, 0);
      // `vertices` stays the full group's: tile-document decides by it whether a group is instanced in a tile, and
      // the proxy must instance what the full content instances (baking 340 simplified chairs cost more than
      // instancing them).
      cached = { group: { ...group, parts: kept, triangles }, errorM: groupError };
      groupCache.set(key, cached);
    }
    instanceGroups[g] = cached.group;
    return cached;
  };
  const proxyFeatures: BuiltFeature[] = [];
  // Elements no larger than the target error are left out of the proxy (what is missing is at most their size):
  // on the railway, 9 000 fastenings and sleepers are instances whose transforms and table rows would otherwise
  // make the proxy as large as the full tile.
  const kept = features.filter((f) => f.diagonalM > targetM);
  if (kept.length === 0) return null;
  for (const f of features) if (f.diagonalM <= targetM) errorM = Math.max(errorM, f.diagonalM);
  for (const f of kept) {
    let featureError = 0;
    const parts: BakedPart[] = [];
    for (const part of f.parts) {
      const s = simplifyMesh(part, targetM, options);
      featureError = Math.max(featureError, s.errorM);
      if (s.mesh.indices.length > 0) parts.push({ ...s.mesh, color: part.color });
    }
    let instancedTriangles = 0;
    const instances = f.instances.filter((use) => {
      const s = simplifiedGroup(use.groupIndex);
      featureError = Math.max(featureError, s.errorM);
      instancedTriangles += s.group.triangles;
      return s.group.parts.length > 0; // a group simplified away is drawn nowhere
    });
    const triangles = parts.reduce((n, p) => n + p.indices.length / 3, 0) + instancedTriangles;
    // A feature that simplified away is missing whole: its size is the error.
    errorM = Math.max(errorM, triangles === 0 ? f.diagonalM : featureError);
    proxyFeatures[f.featureId] = { ...f, parts, instances, triangles, instancedTriangles };
  }
  const proxyList = kept.map((f) => proxyFeatures[f.featureId]);
  const triangles = storedTriangles(proxyList, instanceGroups);
  const drawn = drawnTriangles(proxyList, instanceGroups);
  if (triangles > options.maxTriangleRatio * fullTriangles && drawn > options.maxTriangleRatio * fullDrawn) return null;
  const proxyTile = { ...tileNode, featureIds: kept.map((f) => f.featureId) };
  return { built: { ...built, features: proxyFeatures, instanceGroups }, tileNode: proxyTile, triangles, fullTriangles, drawn, fullDrawn, errorM };
}
