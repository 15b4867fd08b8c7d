/**
 * The `build` stage: ParsedModel + Georeference → one feature per IfcElement with triangles, geometry in the
 * tile content frame (glTF Y-up ENU), and repeated geometry grouped for GPU instancing.
 *
 * Notes
 * - geometryToContent = translate(−originContent) · ENU_TO_GLTF · modelToEnu · placed.transform, composed in
 *   float64 before any float32 rounding. originContent is the centre of all placed geometry (estimated from each
 *   geometry's local AABB corners), so stored positions stay within the model's half-extent (|x| < 1e4 m for
 *   buildings; the `write` stage re-centres each tile again).
 * - Repeated geometry is found by content, not only by id, and up to a translation (see repeated-geometry.ts):
 *   every use is redirected to the first copy (FZK-Haus: 159 geometries, 93 distinct; janesville 2 838 → 1 042).
 * - Repeated elements come first (element-prototypes.ts): an element whose whole set of placed geometries
 *   repeats becomes one instance of a multi-part mesh (janesville: 340 chairs of 7 parts, 24.6 k triangles each,
 *   are 340 instances of one mesh instead of 2 380 instances of 7 meshes, and windows/doors/partition fittings
 *   whose parts were too small to instance alone are instanced whole).
 * - Per-geometry instancing candidates (elements that are not repeated whole): a geometry placed ≥ `minInstanceCount` times with similarity transforms
 *   (rotation + uniform scale + translation, no mirror; tolerance 1e-5) and ≥ `minInstanceTriangles`
 *   triangles. Candidates keep one geometry-local mesh (re-centred on its AABB centre, so no absolute coordinates
 *   leak into GPU buffers) plus one float64 transform per use; `write` decides per tile whether instancing pays
 *   and bakes the rest. Everything else is baked here.
 * - A map conversion can scale horizontally and vertically differently (San Martino–Tufara, EPSG:3065:
 *   modelToEnu scales east/north by 0.9973 and up by 1), so no placement is a similarity and nothing would be
 *   instanced (28.9 k placements baked: 191 MB of tiles). That shared axis scale is split off as
 *   `instanceScale` (put on the instanced glTF node); the rest of each placement is tested for similarity.
 * - Baked geometry goes through mergeVertices once per feature and colour (40° crease by default; see its
 *   Notes: FZK-Haus 37.0 k → 22.3 k vertices), so vertices shared by neighbouring items of one element are welded
 *   too; compress no longer runs glTF-Transform's weld (140 ms on janesville for 0.3 % of bytes).
 * - Instance bounds are exact: the mesh's extent under each distinct rotation/scale is computed once and moved.
 * - Long infrastructure (a map-conversion model reaching > 200 m from the anchor): every placement goes through an
 *   affine fit of the exact proj4 → ellipsoid → ENU map at its centre, or vertex by vertex above 100 m radius;
 *   instances get the nearest similarity of that fit (exact-placement.ts). Against proj4 + ECEF (EPSG:4548,
 *   exact-placement.test.ts) the rigid tangent plane is 0.85 mm off at 100 m, 7.9 cm at 1 km and 7.86 m at 10 km;
 *   the exact path 0.24 / 0.22 / 0.16 mm (float32 rounding), ≤ 2.2 mm by analysis. ACCA railway (2.6 km): the
 *   rigid path had its far ends 0.52 m off.
 * - Fixed 2026-11-30: normals of baked geometry were turned by the inverse rotation (normalMatrix3 returned the
 *   adjugate transposed); any rotated placement was lit from the wrong side.
 */
import type { StageContext } from '@tiling/stage-context';
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { MeshGeometry, ParsedModel } from '@tiling/stages/parse/parsed-model';
import type { BakedPart, BuildStats, BuiltFeature, BuiltModel, ColorRgba, InstanceGroup, InstanceUse } from './built-model';
import {
  type BakedMesh,
  bakeMesh,
  bakeMeshPointwise,
  type BoundsEnu,
  diagonalM,
  emptyBoundsEnu,
  growBoundsByExtent,
  linearExtent,
  meshCenter,
  unionBoundsEnu,
} from './bake-geometry';
import {
  decomposeSimilarity,
  ENU_TO_GLTF,
  type Matrix4,
  multiplyMatrix4,
  translateMatrix4,
  translateSourceMatrix4,
} from '@tiling/math/matrix4';
import { estimateOrigin, sharedAxisScale } from './content-frame';
import {
  applyMatrix4,
  createExactPlacer,
  EXACT_BEYOND_M,
  maxStretch,
  meshReach,
  meshSphere,
  nearestSimilarity,
  PER_VERTEX_RADIUS_M,
} from './exact-placement';
import { colorKey } from './color-key';
import { bakePrototype, concatMeshes, findElementPrototypes, type PrototypeMesh } from './element-prototypes';
import { mergeVertices } from './merge-vertices';
import { findDuplicateGeometries, type GeometryAlias } from './repeated-geometry';
import { withDefaults } from '@tiling/with-defaults';

/** Options of the `build` stage; see {@link BUILD_DEFAULTS}. */
export interface BuildOptions {
  /** Group repeated geometry for GPU instancing (the `write` stage may still bake it). */
  detectInstancing?: boolean;
  /** Minimum placements of one geometry (model-wide, after content dedup) to consider it for instancing, ≥ 2. */
  minInstanceCount?: number;
  /** Minimum triangles of that geometry: tiny meshes are cheaper merged than as instances. */
  minInstanceTriangles?: number;
  /** Merge coincident vertices whose normals differ by less than this, degrees (0 = exact duplicates only). */
  creaseAngleDeg?: number;
  /**
   * Place geometry through the exact map-conversion chain (proj4 → ellipsoid → ENU) instead of the rigid
   * tangent plane when the model reaches farther than this from the anchor, metres; `Infinity` = always rigid.
   * See exact-placement.ts.
   */
  exactBeyondM?: number;
}

/** Defaults of {@link BuildOptions}. */
export const BUILD_DEFAULTS = {
  detectInstancing: true,
  minInstanceCount: 2,
  minInstanceTriangles: 12,
  creaseAngleDeg: 40,
  exactBeyondM: EXACT_BEYOND_M,
} satisfies Required<BuildOptions>;

const STAGE = 'build';

/** Key of one geometry drawn in one colour (8 bits per channel). */
function geometryColorKey(geometryExpressId: number, color: ColorRgba): string {
  return `${geometryExpressId}|${colorKey(color)}`;
}

/**
 * Places every element's geometry in the tile content frame and groups repeated geometry.
 * @param parsed the parsed IFC (geometry in web-ifc's Y-up model frame, metres); consumed: placements of repeated
 *   geometry are redirected to the first copy in place and the copies removed from `parsed.geometries`
 * @param georeference supplies `modelToEnu` (column-major 4×4, model → ENU metres)
 * @returns features in a stable order (ParsedModel.elements order), positions in the content frame relative to
 *   `originContent`, bounds in ENU metres. Elements without triangles are reported (`ctx.report.fail`), not thrown.
 * @example const built = await build(parsed, georeference, {}, ctx);
 * @see 3D Tiles 1.1 §glTF up-axis (content is Y-up; tile frame = glTF (x, −z, y))
 */
export async function build(
  parsed: ParsedModel,
  georeference: Georeference,
  options: BuildOptions,
  ctx: StageContext,
): Promise<BuiltModel> {
  const opts = withDefaults(BUILD_DEFAULTS, options);
  const modelToContent = multiplyMatrix4(ENU_TO_GLTF, georeference.modelToEnu);
  const originContent = estimateOrigin(parsed, modelToContent);
  const modelToRelative = translateMatrix4(modelToContent, [-originContent[0], -originContent[1], -originContent[2]]);

  const instanceScale = sharedAxisScale(modelToRelative);
  const unscale = (m: Matrix4): Matrix4 =>
    m.map((v, i) => (i % 4 < 3 && i < 16 ? v / instanceScale[i % 4] : v)) as Matrix4;
  const rescale = (m: Matrix4): Matrix4 =>
    m.map((v, i) => (i % 4 < 3 && i < 16 ? v * instanceScale[i % 4] : v)) as Matrix4;

  // Long infrastructure: exact map-conversion placement far from the anchor (see exact-placement.ts).
  const spheres = new Map<number, ReturnType<typeof meshSphere> | null>();
  const sphereOf = (id: number) => {
    let sphere = spheres.get(id);
    if (sphere === undefined) {
      const mesh = parsed.geometries.get(id);
      sphere = mesh && mesh.positions.length >= 3 ? meshSphere(mesh) : null;
      spheres.set(id, sphere);
    }
    return sphere;
  };
  const exact = createExactPlacer(georeference, parsed, originContent, opts.exactBeyondM, sphereOf);
  /** Instance transform (unscaled similarity) and the matrix it is drawn with, for a mesh centred at `centreLocal`. */
  const instanceTransforms = (rigid: Matrix4, placement: Matrix4, centreLocal: readonly [number, number, number]) => {
    const centre = exact ? applyMatrix4(placement, centreLocal) : null;
    if (!exact || !centre?.every(Number.isFinite)) return { meshToContent: unscale(rigid), drawn: rigid };
    const local = translateSourceMatrix4(multiplyMatrix4(exact.affineAt(centre), placement), centreLocal);
    const meshToContent = nearestSimilarity(unscale(local));
    return { meshToContent, drawn: rescale(meshToContent) };
  };
  /** Bakes one placed geometry: rigid matrix, exact local affine, or vertex by vertex (exact-placement.ts). */
  const bakePlaced = (mesh: MeshGeometry, geometryExpressId: number, placement: Matrix4, rigid: Matrix4, bounds: BoundsEnu) => {
    const sphere = exact ? sphereOf(geometryExpressId) : null;
    const centre = sphere ? applyMatrix4(placement, sphere.centre) : null;
    // Non-finite placements stay on the rigid path, which reports them (bakeMesh returns null).
    if (!exact || !sphere || !centre?.every(Number.isFinite)) return bakeMesh(mesh, rigid, bounds, originContent);
    const frame = exact.affineAt(centre);
    return sphere.radius * maxStretch(placement) > PER_VERTEX_RADIUS_M
      ? bakeMeshPointwise(mesh, placement, exact.point, frame, bounds, originContent)
      : bakeMesh(mesh, multiplyMatrix4(frame, placement), bounds, originContent);
  };
  // Repeated geometry by content (also shifted copies): every use points at the first copy (see repeated-geometry).
  const aliases = opts.detectInstancing ? findDuplicateGeometries(parsed.geometries) : new Map<number, GeometryAlias>();
  // Redirected in place: a copy of every placement (418 000 on a generated 300 MB IFC) cost ≈ 200 MB of heap, and
  // the ParsedModel is the build stage's alone (the pipeline drops it once `build` returns).
  for (const eg of parsed.elementGeometries) {
    for (const [i, pg] of eg.placed.entries()) {
      const alias = aliases.get(pg.geometryExpressId);
      if (alias) eg.placed[i] = { ...pg, geometryExpressId: alias.id, transform: translateSourceMatrix4(pg.transform, alias.offset) };
    }
  }
  for (const id of aliases.keys()) parsed.geometries.delete(id);
  const model: ParsedModel = parsed;
  const geometryByElement = new Map(model.elementGeometries.map((eg) => [eg.expressId, eg.placed]));
  const canonical = (id: number) => id;

  // Pass 0: repeated elements (all parts alike) become one instance each (see element-prototypes.ts).
  const isInstanceable = (t: Matrix4) => decomposeSimilarity(unscale(multiplyMatrix4(modelToRelative, t))) !== null;
  const { prototypes, byElement: prototypeByElement } = opts.detectInstancing
    ? findElementPrototypes(model, isInstanceable, canonical, opts.minInstanceCount, opts.minInstanceTriangles)
    : { prototypes: [], byElement: new Map<number, number>() };
  const prototypeGroups = new Map<number, { groupIndex: number; baked: PrototypeMesh } | null>();

  // Pass 1: which geometries qualify for instancing (placed often enough with similarity transforms).
  const similarUses = new Map<number, number>();
  if (opts.detectInstancing) {
    for (const eg of model.elementGeometries) {
      if (prototypeByElement.has(eg.expressId)) continue;
      for (const pg of eg.placed) {
        const mesh = model.geometries.get(pg.geometryExpressId);
        if (!mesh || mesh.indices.length / 3 < opts.minInstanceTriangles) continue;
        if (!decomposeSimilarity(unscale(multiplyMatrix4(modelToRelative, pg.transform)))) continue;
        const id = canonical(pg.geometryExpressId);
        similarUses.set(id, (similarUses.get(id) ?? 0) + 1);
      }
    }
  }
  const isCandidate = (id: number) => (similarUses.get(canonical(id)) ?? 0) >= opts.minInstanceCount;

  const instanceGroups: InstanceGroup[] = [];
  const groupIndexByKey = new Map<string, number>();
  const centeredMeshes = new Map<number, { mesh: MeshGeometry; center: [number, number, number] }>();
  const features: BuiltFeature[] = [];
  let placedGeometries = 0;
  let instancedPlacements = 0;
  let totalTriangles = 0;
  let modelBounds = emptyBoundsEnu();

  // Exact instance bounds, the mesh pass cached per group part and rotation/scale (chairs come in a few turns).
  const extentCache = new Map<string, ReturnType<typeof linearExtent>>();
  let bounds = emptyBoundsEnu();
  // Exact placement draws instances with a slightly different linear part (`drawn`): widen the cached extent by
  // |drawn − rigid| × the mesh's reach per axis, so the bounds still contain every vertex as drawn.
  const reachCache = new Map<string, number[]>();
  const growInstanceBounds = (partKey: string, mesh: MeshGeometry, m: Matrix4, drawn: Matrix4 = m) => {
    const key = `${partKey}|${[0, 1, 2, 4, 5, 6, 8, 9, 10].map((i) => Math.round(m[i] * 1e9)).join(',')}`;
    let extent = extentCache.get(key);
    if (!extent) extentCache.set(key, (extent = linearExtent(mesh, m)));
    if (drawn === m) {
      growBoundsByExtent(bounds, extent, m, originContent);
      return;
    }
    let reach = reachCache.get(partKey);
    if (!reach) reachCache.set(partKey, (reach = meshReach(mesh)));
    const margin = [0, 1, 2].map((row) => [0, 1, 2].reduce((sum, col) => sum + Math.abs(drawn[col * 4 + row] - m[col * 4 + row]) * reach[col], 0));
    const widened = { min: extent.min.map((v, i) => v - margin[i]), max: extent.max.map((v, i) => v + margin[i]) };
    growBoundsByExtent(bounds, widened, drawn, originContent);
  };

  for (const [index, element] of model.elements.entries()) {
    const placed = geometryByElement.get(element.expressId) ?? [];
    bounds = emptyBoundsEnu();
    const parts: BakedPart[] = [];
    const instances: InstanceUse[] = [];
    let triangles = 0;
    let instancedTriangles = 0;
    const bakedByColor = new Map<string, { color: ColorRgba; meshes: BakedMesh[] }>();
    const prototypeIndex = prototypeByElement.get(element.expressId);
    let prototype = prototypeIndex === undefined ? null : prototypeGroups.get(prototypeIndex);
    if (prototypeIndex !== undefined && prototype === undefined) {
      const baked = bakePrototype(prototypes[prototypeIndex], model.geometries, opts.creaseAngleDeg);
      prototype = baked ? { groupIndex: instanceGroups.length, baked } : null;
      prototypeGroups.set(prototypeIndex, prototype);
      if (baked) {
        instanceGroups.push({
          geometryExpressId: prototypes[prototypeIndex].parts[0].geometryExpressId,
          parts: baked.parts,
          triangles: prototypes[prototypeIndex].triangles,
          vertices: baked.vertices,
          uses: 0,
        });
      }
    }
    if (prototype) {
      const meshToRelative = translateSourceMatrix4(multiplyMatrix4(modelToRelative, placed[0].transform), prototype.baked.center);
      const { meshToContent, drawn } = instanceTransforms(meshToRelative, placed[0].transform, prototype.baked.center);
      for (const [k, part] of prototype.baked.parts.entries()) growInstanceBounds(`${prototype.groupIndex}.${k}`, part.mesh, meshToRelative, drawn);
      instances.push({ groupIndex: prototype.groupIndex, meshToContent });
      instanceGroups[prototype.groupIndex].uses++;
      triangles = instancedTriangles = prototypes[prototypeIndex!].triangles;
      placedGeometries += placed.length;
      instancedPlacements += placed.length;
    }
    for (const pg of prototype ? [] : placed) {
      const mesh = model.geometries.get(pg.geometryExpressId);
      if (!mesh || mesh.indices.length < 3) continue;
      const m = multiplyMatrix4(modelToRelative, pg.transform);
      if (isCandidate(pg.geometryExpressId) && decomposeSimilarity(unscale(m))) {
        const geometryId = canonical(pg.geometryExpressId);
        let centered = centeredMeshes.get(geometryId);
        if (!centered) {
          const center = meshCenter(mesh);
          const positions = new Float32Array(mesh.positions.length);
          for (let i = 0; i < positions.length; i++) positions[i] = mesh.positions[i] - center[i % 3];
          const merged = mergeVertices({ positions, normals: mesh.normals, indices: mesh.indices }, opts.creaseAngleDeg);
          centered = { mesh: merged, center };
          centeredMeshes.set(geometryId, centered);
        }
        if (centered.mesh.indices.length === 0) continue; // every triangle degenerate: nothing to draw
        const key = geometryColorKey(geometryId, pg.color);
        let groupIndex = groupIndexByKey.get(key);
        if (groupIndex === undefined) {
          groupIndex = instanceGroups.length;
          groupIndexByKey.set(key, groupIndex);
          instanceGroups.push({
            geometryExpressId: geometryId,
            parts: [{ color: pg.color, mesh: centered.mesh }],
            triangles: mesh.indices.length / 3,
            vertices: centered.mesh.positions.length / 3,
            uses: 0,
          });
        }
        instanceGroups[groupIndex].uses++;
        const meshToRelative = translateSourceMatrix4(m, centered.center);
        const { meshToContent, drawn } = instanceTransforms(meshToRelative, pg.transform, centered.center);
        growInstanceBounds(`${groupIndex}`, centered.mesh, meshToRelative, drawn);
        instances.push({ groupIndex, meshToContent });
        instancedPlacements++;
        instancedTriangles += mesh.indices.length / 3;
      } else {
        const baked = bakePlaced(mesh, pg.geometryExpressId, pg.transform, m, bounds);
        if (!baked) {
          ctx.report.fail({
            globalId: element.globalId,
            expressId: element.expressId,
            ifcClass: element.ifcClass,
            stage: STAGE,
            reason: `geometry #${pg.geometryExpressId} has non-finite coordinates after placement; skipped`,
          });
          continue;
        }
        const key = geometryColorKey(0, pg.color);
        const same = bakedByColor.get(key) ?? { color: pg.color, meshes: [] };
        same.meshes.push(baked);
        bakedByColor.set(key, same);
      }
      placedGeometries++;
      triangles += mesh.indices.length / 3;
    }
    // One vertex merge per feature and colour: also welds vertices shared by neighbouring geometry items.
    for (const { color, meshes } of bakedByColor.values()) {
      const merged = mergeVertices(meshes.length === 1 ? meshes[0] : concatMeshes(meshes), opts.creaseAngleDeg);
      if (merged.indices.length > 0) parts.push({ ...merged, color });
    }
    if (parts.length === 0 && instances.length === 0) triangles = 0; // every triangle degenerate: nothing to draw
    if (triangles === 0) {
      ctx.report.fail({
        globalId: element.globalId,
        expressId: element.expressId,
        ifcClass: element.ifcClass,
        stage: STAGE,
        reason: 'no triangles: element skipped (no feature written)',
      });
      continue;
    }
    features.push({
      featureId: features.length,
      element,
      boundsEnu: bounds,
      diagonalM: diagonalM(bounds),
      triangles,
      instancedTriangles,
      parts,
      instances,
    });
    totalTriangles += triangles;
    modelBounds = features.length === 1 ? bounds : unionBoundsEnu(modelBounds, bounds);
    if (index % 256 === 0) ctx.onProgress?.(STAGE, index / Math.max(1, model.elements.length));
  }
  ctx.onProgress?.(STAGE, 1);

  const stats: BuildStats = {
    features: features.length,
    triangles: totalTriangles,
    placedGeometries,
    instanceGroups: instanceGroups.length,
    instancedPlacements,
  };
  if (exact) {
    ctx.logger.info(
      `${STAGE}: exact placement (the model reaches ${(exact.reachM / 1000).toFixed(2)} km from the anchor): ${exact.evaluations()} proj4 evaluations`,
    );
  }
  ctx.logger.info(
    `${STAGE}: ${stats.features} features, ${stats.triangles} triangles, ${placedGeometries} placed geometries, ` +
      `${instanceGroups.length} instance groups (${instancedPlacements} placements)`,
  );
  return {
    fileName: model.fileName,
    projectName: model.projectName,
    georeference,
    originContent,
    instanceScale,
    features,
    instanceGroups,
    elements: model.elements,
    spatialTree: model.spatialTree,
    containment: model.containment,
    boundsEnu: modelBounds,
    stats,
  };
}
