/**
 * Builds the glTF Document of one tile's content: baked geometry merged into one primitive per material with a
 * `_FEATURE_ID_0` vertex attribute (EXT_mesh_features), repeated geometry as EXT_mesh_gpu_instancing nodes with
 * a `_FEATURE_ID_0` instance attribute (EXT_instance_features), one EXT_structural_metadata property table.
 *
 * Notes
 * - Frame: glTF Y-up content frame (east, up, −north). Vertex positions are relative to the tile's box centre;
 *   the scene's root node carries that centre as its translation (JSON float64), so float32 buffers only hold
 *   offsets within the tile.
 * - Instancing pays only when it saves enough vertex data: an instanced mesh costs ≈ 2.8 KB of glTF JSON
 *   (mesh, node, 7 accessors and buffer views) while a baked vertex costs ≈ 4.4 bytes after meshopt, so a group
 *   is instanced in a tile only if (uses − 1) × vertices ≥ minInstancedVerticesSaved (default 1 000 ≈ 4.4 KB).
 *   FZK-Haus: 15 groups of 24–72-vertex members/frames would add 41 KB of JSON for ≈ 20 KB of vertices saved;
 *   the rule keeps only the copied railing (3 960 vertices) and window (2 480) meshes instanced.
 *   Re-measured 2026-11-30 with element-level instance groups: 400 or 200 instead of 1 000 made duplex,
 *   Institute and FZK-Haus 1–3 % larger, 2 500 too.
 * - An instance group may have several parts (one per colour, a whole repeated element): one glTF mesh with
 *   one primitive per part under one EXT_mesh_gpu_instancing node; SCALE is omitted when every copy has scale 1.
 */
import { type Accessor, Document, type Material, type Node } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTMeshGPUInstancing } from '@gltf-transform/extensions';
import { bakeMesh, emptyBoundsEnu } from '@tiling/stages/build/bake-geometry';
import type { BakedPart, BuiltModel, ColorRgba, InstanceUse } from '@tiling/stages/build/built-model';
import { decomposeSimilarity, type Matrix4 } from '@tiling/math/matrix4';
import { MAX_FEATURES_PER_TILE, type TileNode } from '@tiling/stages/tile/tile';
import { invariant } from '@kernel/errors';
import { EXT_INSTANCE_FEATURES, EXTInstanceFeatures } from './ext-instance-features';
import { addElementPropertyTable } from './property-table';

/** Up to this many features per tile, feature IDs fit UNSIGNED_BYTE (IDs 0..count−1 ≤ 254, one byte per vertex). */
const MAX_UINT8_FEATURE_COUNT = 255;

/** Options of {@link createTileDocument} (resolved from WriteOptions). */
export interface TileDocumentOptions {
  /** Draw repeated geometry with EXT_mesh_gpu_instancing; false bakes everything. */
  instancing: boolean;
  /** Minimum uses of one instance group inside one tile for instancing to be used there, ≥ 2. */
  minInstancesPerTile: number;
  /** Instance a group only if it saves at least this many vertices, (uses − 1) × vertices of one copy. */
  minInstancedVerticesSaved: number;
  /** Material roughness 0..1 (IFC styles rarely give one; matte suits buildings). */
  roughness: number;
}

/** Counts of what went into one tile document. */
export interface TileDocumentStats {
  primitives: number;
  instancedMeshes: number;
  instances: number;
}

interface MaterialBatch {
  color: ColorRgba;
  parts: { part: BakedPart; localId: number }[];
  vertices: number;
  indices: number;
}

function colorKey(color: ColorRgba): string {
  return color.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255)).join(',');
}

/**
 * Creates the Document for `tileNode`'s content.
 * @param tileNode a tile with at least one feature
 * @returns the document (uncompressed, float32 positions) and counts for the report
 * @throws {InvariantError} when the tile has no features or more than 65 535
 * @see EXT_mesh_features, EXT_instance_features, EXT_structural_metadata, EXT_mesh_gpu_instancing
 */
export function createTileDocument(
  built: BuiltModel,
  tileNode: TileNode,
  options: TileDocumentOptions,
): { document: Document; stats: TileDocumentStats } {
  const count = tileNode.featureIds.length;
  invariant(count > 0 && count <= MAX_FEATURES_PER_TILE, `tileNode.featureIds.length must be 1..${MAX_FEATURES_PER_TILE}, got ${count}`);
  const document = new Document();
  const buffer = document.createBuffer();
  const meshFeatures = document.createExtension(EXTMeshFeatures);
  const features = tileNode.featureIds.map((id) => built.features[id]);
  const table = addElementPropertyTable(document, features.map((f) => f.element));

  // Tile centre in the content frame relative to the model origin (ENU box centre → (e, u, −n)).
  const [ce, cn, cu] = tileNode.box;
  const o = built.originContent;
  const centre: [number, number, number] = [ce - o[0], cu - o[1], -cn - o[2]];

  // Which instance groups are drawn instanced in this tile.
  const usesByGroup = new Map<number, { localId: number; use: InstanceUse }[]>();
  features.forEach((f, localId) => {
    for (const use of f.instances) {
      const list = usesByGroup.get(use.groupIndex) ?? [];
      list.push({ localId, use });
      usesByGroup.set(use.groupIndex, list);
    }
  });
  const instancedGroups = new Set(
    [...usesByGroup.entries()]
      .filter(
        ([g, uses]) =>
          options.instancing &&
          uses.length >= options.minInstancesPerTile &&
          (uses.length - 1) * built.instanceGroups[g].vertices >= options.minInstancedVerticesSaved,
      )
      .map(([g]) => g),
  );

  // Parts are gathered per material first, then copied once into typed arrays (no per-vertex JS arrays).
  const batches = new Map<string, MaterialBatch>();
  const addPart = (part: BakedPart, localId: number) => {
    const key = colorKey(part.color);
    let batch = batches.get(key);
    if (!batch) {
      batch = { color: part.color, parts: [], vertices: 0, indices: 0 };
      batches.set(key, batch);
    }
    batch.parts.push({ part, localId });
    batch.vertices += part.positions.length / 3;
    batch.indices += part.indices.length;
  };
  features.forEach((f, localId) => {
    for (const part of f.parts) addPart(part, localId);
    for (const use of f.instances) {
      if (instancedGroups.has(use.groupIndex)) continue;
      const group = built.instanceGroups[use.groupIndex];
      for (const part of group.parts) {
        const baked = bakeMesh(part.mesh, scaleRows(use.meshToContent, built.instanceScale), emptyBoundsEnu(), o);
        invariant(baked !== null, `instance group ${use.groupIndex} produced non-finite coordinates`);
        addPart({ ...baked, color: part.color }, localId);
      }
    }
  });

  const materials = new Map<string, Material>();
  const materialFor = (color: ColorRgba): Material => {
    const key = colorKey(color);
    let material = materials.get(key);
    if (!material) {
      material = document
        .createMaterial(`rgba(${key})`)
        .setBaseColorFactor([color[0], color[1], color[2], color[3]])
        .setMetallicFactor(0)
        .setRoughnessFactor(options.roughness)
        .setDoubleSided(true)
        .setAlphaMode(color[3] < 1 ? 'BLEND' : 'OPAQUE');
      materials.set(key, material);
    }
    return material;
  };
  const accessor = (array: Float32Array | Uint8Array | Uint16Array | Uint32Array, type: 'SCALAR' | 'VEC3' | 'VEC4'): Accessor =>
    document.createAccessor().setArray(array).setType(type).setBuffer(buffer);
  const featureIdFor = () =>
    meshFeatures.createFeatureID().setFeatureCount(count).setAttribute(0).setPropertyTable(table);

  const scene = document.createScene(`tile ${tileNode.id}`);
  const rootNode = document.createNode('tile').setTranslation([centre[0] + o[0], centre[1] + o[1], centre[2] + o[2]]);
  scene.addChild(rootNode);
  const stats: TileDocumentStats = { primitives: 0, instancedMeshes: 0, instances: 0 };

  if (batches.size > 0) {
    const mesh = document.createMesh('merged');
    for (const batch of batches.values()) {
      const positions = new Float32Array(batch.vertices * 3);
      const normals = new Float32Array(batch.vertices * 3);
      const featureIds = count <= MAX_UINT8_FEATURE_COUNT ? new Uint8Array(batch.vertices) : new Uint16Array(batch.vertices);
      const indices = new Uint32Array(batch.indices);
      let v = 0;
      let k = 0;
      for (const { part, localId } of batch.parts) {
        const n = part.positions.length / 3;
        for (let i = 0; i < n * 3; i += 3) {
          positions[v * 3 + i] = part.positions[i] - centre[0];
          positions[v * 3 + i + 1] = part.positions[i + 1] - centre[1];
          positions[v * 3 + i + 2] = part.positions[i + 2] - centre[2];
        }
        normals.set(part.normals, v * 3);
        featureIds.fill(localId, v, v + n);
        for (let i = 0; i < part.indices.length; i++) indices[k + i] = part.indices[i] + v;
        v += n;
        k += part.indices.length;
      }
      const primitive = document
        .createPrimitive()
        .setAttribute('POSITION', accessor(positions, 'VEC3'))
        .setAttribute('NORMAL', accessor(normals, 'VEC3'))
        .setAttribute('_FEATURE_ID_0', accessor(featureIds, 'SCALAR'))
        .setIndices(accessor(indices, 'SCALAR'))
        .setMaterial(materialFor(batch.color))
        .setExtension(EXTMeshFeatures.EXTENSION_NAME, meshFeatures.createFeatures().addFeatureID(featureIdFor()));
      mesh.addPrimitive(primitive);
      stats.primitives++;
    }
    rootNode.addChild(document.createNode('merged').setMesh(mesh));
  }

  const k = built.instanceScale;
  if (instancedGroups.size > 0) {
    const instancing = document.createExtension(EXTMeshGPUInstancing).setRequired(true);
    const instanceFeatures = document.createExtension(EXTInstanceFeatures);
    for (const groupIndex of [...instancedGroups].sort((a, b) => a - b)) {
      const group = built.instanceGroups[groupIndex];
      const uses = usesByGroup.get(groupIndex)!;
      const translation = new Float32Array(uses.length * 3);
      const rotation = new Float32Array(uses.length * 4);
      const scale = new Float32Array(uses.length * 3);
      uses.forEach(({ use }, i) => {
        const s = decomposeSimilarity(use.meshToContent);
        invariant(s !== null, `instance of group ${groupIndex} is not a similarity transform`);
        // World = tile translation · diag(k) · instance: the tile centre is divided by k on the instance side.
        translation.set([s.translation[0] - centre[0] / k[0], s.translation[1] - centre[1] / k[1], s.translation[2] - centre[2] / k[2]], i * 3);
        rotation.set(s.rotation, i * 4);
        scale.set([s.scale, s.scale, s.scale], i * 3);
      });
      const mesh = document.createMesh(`geometry #${group.geometryExpressId}`);
      for (const part of group.parts) {
        mesh.addPrimitive(
          document
            .createPrimitive()
            .setAttribute('POSITION', accessor(Float32Array.from(part.mesh.positions), 'VEC3'))
            .setAttribute('NORMAL', accessor(Float32Array.from(part.mesh.normals), 'VEC3'))
            .setIndices(accessor(Uint32Array.from(part.mesh.indices), 'SCALAR'))
            .setMaterial(materialFor(part.color)),
        );
      }
      const batch = instancing
        .createInstancedMesh()
        .setAttribute('TRANSLATION', accessor(translation, 'VEC3'))
        .setAttribute('ROTATION', accessor(rotation, 'VEC4'));
      // SCALE is optional (default 1): omitted when every copy is unscaled (within 1e-6, i.e. 1 µm per metre).
      if (scale.some((v) => Math.abs(v - 1) > 1e-6)) batch.setAttribute('SCALE', accessor(scale, 'VEC3'));
      batch
        // FLOAT (exact below 2^24): a 1- or 2-byte instance attribute gets padded to a 4-byte stride by the meshopt
        // encoder while the bufferView declares none (instance views carry no byteStride), corrupting the IDs.
        .setAttribute('_FEATURE_ID_0', accessor(Float32Array.from(uses.map((u) => u.localId)), 'SCALAR'));
      const node: Node = document
        .createNode(`instances #${group.geometryExpressId}`)
        .setMesh(mesh)
        .setScale([k[0], k[1], k[2]])
        .setExtension(EXTMeshGPUInstancing.EXTENSION_NAME, batch)
        .setExtension(
          EXT_INSTANCE_FEATURES,
          instanceFeatures.createInstanceFeatures().setFeatureCount(count).setAttribute(0).setPropertyTable(0),
        );
      rootNode.addChild(node);
      stats.primitives += group.parts.length;
      stats.instancedMeshes++;
      stats.instances += uses.length;
    }
  }
  return { document, stats };
}

/** Returns diag(scale) · m (scales the rows of the upper 3×4). */
function scaleRows(m: Matrix4, scale: readonly [number, number, number]): Matrix4 {
  return m.map((v, i) => (i % 4 < 3 ? v * scale[i % 4] : v));
}
