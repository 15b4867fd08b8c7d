import { describe, expect, it } from 'vitest';
import { BoxGeometry, BufferAttribute, Group, Mesh, MeshBasicMaterial, PerspectiveCamera, Plane, Vector3 } from 'three';
import { ElementStateTable } from './element-state-table';
import { ELEMENT_INDEX_ATTRIBUTE } from './element-material';
import { pickElement } from './element-picker';

/** Two 1 m boxes on the view axis: the front one at z = 2 m, the back one at z = −2 m; camera at z = 10 m. */
function buildScene() {
  const table = new ElementStateTable();
  const front = table.register('2IxUUNUVPB6Ob$eicCfP2N', 'IfcWall', null, null);
  const back = table.register('1hOSvn6df7F8_7GcBWlRGQ', 'IfcSlab', null, null);
  const group = new Group();
  for (const [record, zM] of [[front, 2], [back, -2]] as const) {
    const geometry = new BoxGeometry(1, 1, 1);
    geometry.setAttribute(ELEMENT_INDEX_ATTRIBUTE, new BufferAttribute(new Float32Array(24).fill(record.index), 1));
    const mesh = new Mesh(geometry, new MeshBasicMaterial());
    mesh.position.z = zM;
    group.add(mesh);
  }
  group.updateMatrixWorld(true);
  const camera = new PerspectiveCamera(45, 1, 0.1, 100);
  camera.position.set(0, 0, 10);
  camera.lookAt(new Vector3(0, 0, 0));
  camera.updateMatrixWorld(true);
  const clippingPlanes: Plane[] = [];
  return { table, front, back, scene: { camera, target: group, table, clippingPlanes }, clippingPlanes };
}

describe('pickElement', () => {
  it('returns the nearest element at the canvas centre and nothing at a corner', () => {
    const { scene, front } = buildScene();
    expect(pickElement(scene, 320, 240, 640, 480)?.globalId).toBe(front.globalId);
    expect(pickElement(scene, 5, 5, 640, 480)).toBeNull();
  });

  it('looks through hidden elements', () => {
    const { scene, table, front, back } = buildScene();
    table.set(front.index, false, 'none');
    expect(pickElement(scene, 320, 240, 640, 480)?.globalId).toBe(back.globalId);
  });

  it('looks through the clipped side of a section plane (z > 0 clipped)', () => {
    const { scene, clippingPlanes, back } = buildScene();
    clippingPlanes.push(new Plane(new Vector3(0, 0, -1), 0));
    expect(pickElement(scene, 320, 240, 640, 480)?.globalId).toBe(back.globalId);
  });
});
