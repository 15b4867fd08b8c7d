import { Document } from '@gltf-transform/core';
import { EXTMeshGPUInstancing } from '@gltf-transform/extensions';
import { describe, expect, it } from 'vitest';
import { quantizePositions } from './quantize-positions';

function documentWith(positions: number[], instanced = false) {
  const document = new Document();
  const buffer = document.createBuffer();
  const accessor = document.createAccessor().setType('VEC3').setArray(new Float32Array(positions)).setBuffer(buffer);
  const mesh = document.createMesh().addPrimitive(document.createPrimitive().setAttribute('POSITION', accessor));
  const node = document.createNode().setMesh(mesh).setTranslation([10, 0, 0]);
  if (instanced) {
    const ext = document.createExtension(EXTMeshGPUInstancing);
    const c = Math.SQRT1_2;
    const batch = ext
      .createInstancedMesh()
      .setAttribute('TRANSLATION', document.createAccessor().setType('VEC3').setArray(new Float32Array([1, 2, 3])).setBuffer(buffer))
      // 90° about +y
      .setAttribute('ROTATION', document.createAccessor().setType('VEC4').setArray(new Float32Array([0, c, 0, c])).setBuffer(buffer));
    node.setExtension('EXT_mesh_gpu_instancing', batch);
  }
  document.createScene().addChild(node);
  return { document, accessor, node };
}

describe('quantizePositions', () => {
  it('stores SHORT steps of 2 mm around the mesh centre, the node carries centre and step', () => {
    const original = [0.1234, 5.5, -0.25, 1.1, 5.0, 0.25, 0.6, 5.25, 0];
    const { document, accessor, node } = documentWith(original);
    expect(quantizePositions(document, 0.001)).toEqual({ quantizedMeshes: 1, floatMeshes: 0 });
    expect(accessor.getArray()).toBeInstanceOf(Int16Array);
    expect(accessor.getNormalized()).toBe(false);
    const q = accessor.getArray() as Int16Array;
    const t = node.getTranslation();
    const s = node.getScale();
    expect(s[0]).toBeCloseTo(0.002, 12);
    // centre (0.6117, 5.25, 0) → the 1 m mesh spans ±245 steps
    expect(Math.max(...Array.from(q, Math.abs))).toBeLessThanOrEqual(250);
    for (let i = 0; i < original.length; i++) {
      const world = t[i % 3] + s[i % 3] * q[i];
      expect(Math.abs(world - (original[i] + (i % 3 === 0 ? 10 : 0)))).toBeLessThanOrEqual(0.001 + 1e-9);
    }
  });

  it('keeps float32 beyond ±32 767 steps (66 m half-extent at 1 mm)', () => {
    const { document, accessor } = documentWith([-66, 0, 0, 66, 0, 0, 0, 1, 0]);
    expect(quantizePositions(document, 0.001)).toEqual({ quantizedMeshes: 0, floatMeshes: 1 });
    expect(accessor.getArray()).toBeInstanceOf(Float32Array);
  });

  it('folds centre and step into every instance transform (T + R(S ⊙ centre), S · step)', () => {
    const { document, node } = documentWith([2, 0, 0, 4, 0, 0, 3, 1, 0], true);
    quantizePositions(document, 0.001);
    const batch = node.getExtension<import('@gltf-transform/extensions').InstancedMesh>('EXT_mesh_gpu_instancing')!;
    // centre (3, 0.5, 0) turned 90° about +y → (0, 0.5, −3); plus T (1, 2, 3)
    const t = batch.getAttribute('TRANSLATION')!.getElement(0, []);
    expect(t[0]).toBeCloseTo(1, 5);
    expect(t[1]).toBeCloseTo(2.5, 5);
    expect(t[2]).toBeCloseTo(0, 5);
    expect(batch.getAttribute('SCALE')!.getElement(0, [])[0]).toBeCloseTo(0.002, 9);
  });
});
