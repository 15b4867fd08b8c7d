import { describe, expect, it } from 'vitest';
import { BoxGeometry, BufferAttribute, Group, InstancedBufferAttribute, InstancedMesh, Matrix4, Mesh } from 'three';
import { ELEMENT_INDEX_ATTRIBUTE } from './element-material';
import { computeElementBox } from './element-bounds';

describe('computeElementBox', () => {
  it('bounds the vertices of one element in a merged mesh, in world metres (tolerance 1 µm)', () => {
    const geometry = new BoxGeometry(2, 2, 2); // 24 vertices, ±1 m
    const indices = new Float32Array(24).fill(1);
    for (let i = 0; i < 4; i++) indices[i] = 7; // the +x face (4 vertices) belongs to element 7
    geometry.setAttribute(ELEMENT_INDEX_ATTRIBUTE, new BufferAttribute(indices, 1));
    const mesh = new Mesh(geometry);
    mesh.position.set(10, 0, 0);
    const box = computeElementBox(new Group().add(mesh), 7);
    expect(box?.min.toArray()).toEqual([11, -1, -1]);
    expect(box?.max.toArray()).toEqual([11, 1, 1]);
    expect(computeElementBox(new Group().add(mesh), 3)).toBeNull();
  });

  it('bounds the instances of one element in an instanced mesh', () => {
    const geometry = new BoxGeometry(1, 1, 1);
    const mesh = new InstancedMesh(geometry, undefined, 2);
    mesh.setMatrixAt(0, new Matrix4().makeTranslation(5, 0, 0));
    mesh.setMatrixAt(1, new Matrix4().makeTranslation(-5, 0, 0));
    geometry.setAttribute(ELEMENT_INDEX_ATTRIBUTE, new InstancedBufferAttribute(new Float32Array([4, 9]), 1));
    const box = computeElementBox(new Group().add(mesh), 9);
    expect(box?.min.x).toBeCloseTo(-5.5, 6);
    expect(box?.max.x).toBeCloseTo(-4.5, 6);
  });
});
