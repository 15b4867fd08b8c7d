import {
  BufferAttribute, InstancedBufferAttribute, InstancedMesh, InterleavedBufferAttribute, Mesh, type BufferGeometry, type Object3D,
} from 'three';
import type { ElementStateTable } from './element-state-table';
import { ELEMENT_INDEX_ATTRIBUTE } from './element-material';

/** The parts of 3d-tiles-renderer's `MeshFeatures` (mesh.userData.meshFeatures) this module reads. */
interface MeshFeaturesLike {
  data: { featureIds: FeatureIdSet[] };
}

/** One EXT_mesh_features / EXT_instance_features feature-id set, as written in the glTF JSON. */
interface FeatureIdSet {
  attribute?: number;
  propertyTable?: number;
  nullFeatureId?: number;
}

/** The part of 3d-tiles-renderer's `StructuralMetadata` (mesh.userData.structuralMetadata) this module reads. */
interface StructuralMetadataLike {
  getPropertyTableData(tableIndex: number, id: number): Record<string, unknown>;
}

/** Feature-id set assumed for EXT_instance_features meshes: attribute `_FEATURE_ID_0`, property table 0. */
const INSTANCE_FEATURE_ID: FeatureIdSet = { attribute: 0, propertyTable: 0 };

/** Property names of the `element` class written by the tiler (EXT_structural_metadata). */
interface ElementRow {
  globalId: string;
  ifcClass: string;
  name: string | null;
  storey: string | null;
}

function readRow(metadata: StructuralMetadataLike, tableIndex: number, featureId: number): ElementRow | null {
  const row = metadata.getPropertyTableData(tableIndex, featureId);
  const globalId = row.globalId;
  if (typeof globalId !== 'string' || globalId.length === 0) return null;
  const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
  return { globalId, ifcClass: text(row.ifcClass) ?? 'IfcProduct', name: text(row.name), storey: text(row.storey) };
}

/**
 * The feature-id source of a mesh: for EXT_mesh_gpu_instancing meshes the per-instance `_FEATURE_ID_n`
 * (EXT_instance_features; GLTFLoader keeps instance attribute names as written), else the per-vertex
 * `_feature_id_n` (EXT_mesh_features; GLTFLoader lower-cases custom vertex attribute names). Either may be
 * interleaved.
 */
function findFeatureIdAttribute(mesh: Mesh, attributeNumber: number): BufferAttribute | InterleavedBufferAttribute | null {
  const geometry = mesh.geometry as BufferGeometry;
  const perInstance = mesh instanceof InstancedMesh ? geometry.getAttribute(`_FEATURE_ID_${attributeNumber}`) : undefined;
  const attribute = perInstance ?? geometry.getAttribute(`_feature_id_${attributeNumber}`);
  // meshopt-decoded accessors with a padded byteStride (4 for one UNSIGNED_BYTE) arrive interleaved
  return attribute instanceof BufferAttribute || attribute instanceof InterleavedBufferAttribute ? attribute : null;
}

/**
 * Gives every mesh of a loaded tile scene an {@link ELEMENT_INDEX_ATTRIBUTE} attribute (one float per
 * vertex, or per instance for instanced meshes) holding the element's index in `table`, registering
 * each element (globalId, ifcClass, name, storey from the tile's property table) on the way.
 *
 * @param scene the tile scene from the TilesRenderer `load-model` event.
 * @param table the registry shared by all tiles of the model.
 * @returns how many meshes received the attribute.
 * @see https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor/EXT_mesh_features
 */
export function indexTileFeatures(scene: Object3D, table: ElementStateTable): number {
  let indexedMeshCount = 0;
  const rootMetadata = scene.userData.structuralMetadata as StructuralMetadataLike | undefined;
  scene.traverse((object) => {
    if (!(object instanceof Mesh)) return;
    const meshFeatures = object.userData.meshFeatures as MeshFeaturesLike | undefined;
    const metadata = (object.userData.structuralMetadata as StructuralMetadataLike | undefined) ?? rootMetadata;
    // 3d-tiles-renderer 0.5.3 reads EXT_mesh_features only; instanced meshes (EXT_instance_features) carry no
    // meshFeatures, and our tiler writes exactly one property table (index 0) per tile.
    const featureId = meshFeatures?.data.featureIds[0] ?? (object instanceof InstancedMesh ? INSTANCE_FEATURE_ID : undefined);
    if (!featureId || !metadata || featureId.propertyTable === undefined) return;
    const geometry = object.geometry as BufferGeometry;
    const source = findFeatureIdAttribute(object, featureId.attribute ?? 0);
    if (!source) return;
    const tableIndex = featureId.propertyTable;
    const nullFeatureId = featureId.nullFeatureId ?? -1;
    const indexByFeature = new Map<number, number>();
    const values = new Float32Array(source.count);
    for (let i = 0; i < source.count; i++) {
      const feature = Math.round(source.getX(i));
      let index = indexByFeature.get(feature);
      if (index === undefined) {
        const row = feature === nullFeatureId ? null : readRow(metadata, tableIndex, feature);
        index = row ? table.register(row.globalId, row.ifcClass, row.name, row.storey).index : 0;
        indexByFeature.set(feature, index);
      }
      values[i] = index;
    }
    const isPerInstance = source instanceof InstancedBufferAttribute && object instanceof InstancedMesh;
    geometry.setAttribute(
      ELEMENT_INDEX_ATTRIBUTE,
      isPerInstance ? new InstancedBufferAttribute(values, 1) : new BufferAttribute(values, 1),
    );
    indexedMeshCount++;
  });
  return indexedMeshCount;
}

/**
 * Element index at a ray hit: reads {@link ELEMENT_INDEX_ATTRIBUTE} at the hit face's first vertex
 * (or at the hit instance). Returns 0 when the mesh carries no element indices.
 */
export function readElementIndexAtHit(object: Object3D, faceVertexA: number | undefined, instanceId: number | undefined): number {
  if (!(object instanceof Mesh)) return 0;
  const attribute = (object.geometry as BufferGeometry).getAttribute(ELEMENT_INDEX_ATTRIBUTE);
  if (!attribute) return 0;
  if (attribute instanceof InstancedBufferAttribute) return instanceId === undefined ? 0 : attribute.getX(instanceId);
  return faceVertexA === undefined ? 0 : attribute.getX(faceVertexA);
}
