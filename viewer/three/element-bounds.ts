import { Box3, InstancedBufferAttribute, InstancedMesh, Matrix4, Mesh, Vector3, type BufferGeometry, type Object3D } from 'three';
import { ELEMENT_INDEX_ATTRIBUTE } from './element-material';

const vertex = /* @__PURE__ */ new Vector3();
const instanceMatrix = /* @__PURE__ */ new Matrix4();
const instanceToWorld = /* @__PURE__ */ new Matrix4();
const geometryBox = /* @__PURE__ */ new Box3();

/**
 * World-space (view frame, metres) bounds of every loaded vertex or instance of one element, over all tiles
 * below `root`. Cost: one pass over the per-vertex element indices of the loaded meshes.
 *
 * @param index the element's state-table index (≥ 1).
 * @returns the box, or null when no loaded tile holds the element.
 */
export function computeElementBox(root: Object3D, index: number, out: Box3 = new Box3()): Box3 | null {
  out.makeEmpty();
  root.updateMatrixWorld(true);
  root.traverse((object) => {
    if (!(object instanceof Mesh)) return;
    const geometry = object.geometry as BufferGeometry;
    const indices = geometry.getAttribute(ELEMENT_INDEX_ATTRIBUTE);
    if (!indices) return;
    if (object instanceof InstancedMesh && indices instanceof InstancedBufferAttribute) {
      if (!geometry.boundingBox) geometry.computeBoundingBox();
      for (let i = 0; i < indices.count; i++) {
        if (indices.getX(i) !== index || !geometry.boundingBox) continue;
        object.getMatrixAt(i, instanceMatrix);
        instanceToWorld.multiplyMatrices(object.matrixWorld, instanceMatrix);
        out.union(geometryBox.copy(geometry.boundingBox).applyMatrix4(instanceToWorld));
      }
      return;
    }
    const positions = geometry.getAttribute('position');
    for (let i = 0; i < indices.count; i++) {
      if (indices.getX(i) !== index) continue;
      out.expandByPoint(vertex.fromBufferAttribute(positions, i).applyMatrix4(object.matrixWorld));
    }
  });
  return out.isEmpty() ? null : out;
}
