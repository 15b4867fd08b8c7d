import { describe, expect, it } from 'vitest';
import {
  BoxGeometry, BufferAttribute, Group, InstancedBufferAttribute, InstancedMesh, Mesh, MeshStandardMaterial,
} from 'three';
import { ElementStateTable } from './element-state-table';
import { ELEMENT_INDEX_ATTRIBUTE } from './element-material';
import { indexTileFeatures, readElementIndexAtHit } from './tile-features';

/** A property table like the tiler's: rows of globalId, ifcClass, name, storey. */
function fakeMetadata(rows: { globalId: string; ifcClass: string; name: string; storey: string }[]) {
  return { getPropertyTableData: (_table: number, id: number) => ({ ...rows[id] }) };
}

const ROWS = [
  { globalId: '2IxUUNUVPB6Ob$eicCfP2N', ifcClass: 'IfcWall', name: 'Wand-Int-ERDG-4', storey: 'Erdgeschoss' },
  { globalId: '1hOSvn6df7F8_7GcBWlRGQ', ifcClass: 'IfcWindow', name: '', storey: 'Erdgeschoss' },
];

describe('indexTileFeatures', () => {
  it('maps per-vertex _feature_id_0 through the property table to element indices', () => {
    const geometry = new BoxGeometry(); // 24 vertices
    const featureIds = new Float32Array(24).map((_, i) => (i < 12 ? 0 : 1));
    geometry.setAttribute('_feature_id_0', new BufferAttribute(featureIds, 1));
    const mesh = new Mesh(geometry, new MeshStandardMaterial());
    mesh.userData.meshFeatures = { data: { featureIds: [{ attribute: 0, propertyTable: 0 }] } };
    mesh.userData.structuralMetadata = fakeMetadata(ROWS);
    const scene = new Group().add(mesh);
    const table = new ElementStateTable();

    expect(indexTileFeatures(scene, table)).toBe(1);
    expect(table.size).toBe(2);
    const wall = table.get('2IxUUNUVPB6Ob$eicCfP2N');
    const window = table.get('1hOSvn6df7F8_7GcBWlRGQ');
    expect(wall).toMatchObject({ ifcClass: 'IfcWall', name: 'Wand-Int-ERDG-4', storey: 'Erdgeschoss' });
    expect(window?.name).toBeNull();
    const indices = geometry.getAttribute(ELEMENT_INDEX_ATTRIBUTE);
    expect(indices.getX(0)).toBe(wall?.index);
    expect(indices.getX(23)).toBe(window?.index);
    expect(readElementIndexAtHit(mesh, 13, undefined)).toBe(window?.index);
  });

  it('uses the per-instance _FEATURE_ID_0 of instanced meshes with the scene-level metadata', () => {
    const geometry = new BoxGeometry();
    const mesh = new InstancedMesh(geometry, new MeshStandardMaterial(), 3);
    geometry.setAttribute('_FEATURE_ID_0', new InstancedBufferAttribute(new Float32Array([1, 0, 1]), 1));
    const scene = new Group().add(mesh);
    scene.userData.structuralMetadata = fakeMetadata(ROWS);
    const table = new ElementStateTable();

    expect(indexTileFeatures(scene, table)).toBe(1);
    const indices = geometry.getAttribute(ELEMENT_INDEX_ATTRIBUTE);
    expect(indices).toBeInstanceOf(InstancedBufferAttribute);
    expect(indices.count).toBe(3);
    expect(readElementIndexAtHit(mesh, 0, 1)).toBe(table.get('2IxUUNUVPB6Ob$eicCfP2N')?.index);
    expect(readElementIndexAtHit(mesh, 0, 2)).toBe(table.get('1hOSvn6df7F8_7GcBWlRGQ')?.index);
  });

  it('registers an element seen in two tiles once', () => {
    const table = new ElementStateTable();
    for (let tile = 0; tile < 2; tile++) {
      const geometry = new BoxGeometry();
      geometry.setAttribute('_feature_id_0', new BufferAttribute(new Float32Array(24), 1));
      const mesh = new Mesh(geometry);
      mesh.userData.meshFeatures = { data: { featureIds: [{ attribute: 0, propertyTable: 0 }] } };
      mesh.userData.structuralMetadata = fakeMetadata(ROWS);
      indexTileFeatures(new Group().add(mesh), table);
    }
    expect(table.size).toBe(1);
  });
});

describe('ElementStateTable', () => {
  it('grows its texture past 1024 elements and keeps states', () => {
    const table = new ElementStateTable();
    const first = table.register('0000000000000000000000', 'IfcWall', null, null);
    table.set(first.index, false, 'none');
    for (let i = 1; i < 1500; i++) table.register(`id-${i}`, 'IfcSlab', null, null);
    expect(table.size).toBe(1500);
    expect(table.uniforms.gantwinStateMap.value.image.height).toBe(8);
    expect(table.isVisible(first.index)).toBe(false);
    expect(table.isVisible(table.get('id-1499')?.index ?? -1)).toBe(true);
    expect(table.at(1500)?.globalId).toBe('id-1499');
  });
});

describe('indexTileFeatures with interleaved feature ids', () => {
  it('reads a padded UNSIGNED_BYTE feature id (byteStride 4, as meshopt decodes it)', async () => {
    const { InterleavedBuffer, InterleavedBufferAttribute } = await import('three');
    const geometry = new BoxGeometry();
    const bytes = new Uint8Array(24 * 4);
    for (let i = 0; i < 24; i++) bytes[i * 4] = i < 6 ? 1 : 0;
    geometry.setAttribute('_feature_id_0', new InterleavedBufferAttribute(new InterleavedBuffer(bytes, 4), 1, 0));
    const mesh = new Mesh(geometry);
    mesh.userData.meshFeatures = { data: { featureIds: [{ attribute: 0, propertyTable: 0 }] } };
    mesh.userData.structuralMetadata = fakeMetadata(ROWS);
    const table = new ElementStateTable();
    expect(indexTileFeatures(new Group().add(mesh), table)).toBe(1);
    expect(table.size).toBe(2);
    expect(readElementIndexAtHit(mesh, 0, undefined)).toBe(table.get('1hOSvn6df7F8_7GcBWlRGQ')?.index);
  });
});
