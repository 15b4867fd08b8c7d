import { Document, type Node } from '@gltf-transform/core';
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

/** A row of 40 unit quads along x, 0..196 m, one feature each, under a `tile` node: at 1 mm error (2 mm steps)
 *  one SHORT spans 131 m. */
function rowOfQuads() {
  const document = new Document();
  const buffer = document.createBuffer();
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < 40; i++) {
    const x = i * 5 + 0.0004 * i; // off the 2 mm grid
    const base = positions.length / 3;
    positions.push(x, 0, 0, x + 1, 0, 0, x + 1, 1, 0, x, 1, 0);
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const featureIds = Array.from({ length: positions.length / 3 }, (_, v) => Math.floor(v / 4));
  const prim = document
    .createPrimitive()
    .setAttribute('POSITION', document.createAccessor().setType('VEC3').setArray(new Float32Array(positions)).setBuffer(buffer))
    .setAttribute('_FEATURE_ID_0', document.createAccessor().setType('SCALAR').setArray(new Uint16Array(featureIds)).setBuffer(buffer))
    .setIndices(document.createAccessor().setType('SCALAR').setArray(new Uint32Array(indices)).setBuffer(buffer));
  const tile = document.createNode('tile').setTranslation([5, 0, 0]);
  tile.addChild(document.createNode('merged').setMesh(document.createMesh().addPrimitive(prim)));
  document.createScene().addChild(tile);
  return { document, tile, positions };
}

describe('quantizePositions', () => {
  it('stores SHORT steps of 2 mm around the mesh centre, the node carries centre and step', () => {
    const original = [0.1234, 5.5, -0.25, 1.1, 5.0, 0.25, 0.6, 5.25, 0];
    const { document, accessor, node } = documentWith(original);
    expect(quantizePositions(document, 0.001)).toEqual({ quantizedMeshes: 1, floatMeshes: 0, splitMeshes: 0, addedPrimitives: 0, maxBits: 9 });
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

  it('keeps float32 for a triangle wider than ±32 767 steps (66 m half-extent at 1 mm)', () => {
    const { document } = documentWith([-66, 0, 0, 66, 0, 0, 0, 1, 0]);
    expect(quantizePositions(document, 0.001)).toEqual({ quantizedMeshes: 0, floatMeshes: 1, splitMeshes: 0, addedPrimitives: 0, maxBits: 0 });
    const position = document.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute('POSITION')!;
    expect(position.getArray()).toBeInstanceOf(Float32Array);
    expect(quantizePositions(documentWith([-66, 0, 0, 66, 0, 0, 0, 1, 0]).document, 0.001, { split: false }).floatMeshes).toBe(1);
  });

  it('splits a mesh wider than 16 bits into pieces on one shared grid, every vertex within the bound', () => {
    // 160 vertices: cutting (≈ 800 bytes of JSON) pays only when a float32 vertex costs more than ≈ 5 bytes.
    expect(quantizePositions(rowOfQuads().document, 0.001)).toMatchObject({ splitMeshes: 0, floatMeshes: 1 });
    // With an encoder the two position streams, as encoded, decide.
    const costing = (floatBytes: number) => (_: Uint8Array, count: number, stride: number) => (stride === 12 ? floatBytes : 4) * count;
    expect(quantizePositions(rowOfQuads().document, 0.001, { floatBytesPerVertex: 20, streamBytes: costing(5) })).toMatchObject({ splitMeshes: 0 });
    expect(quantizePositions(rowOfQuads().document, 0.001, { floatBytesPerVertex: 20, streamBytes: costing(20) })).toMatchObject({ splitMeshes: 1 });
    const { document, tile, positions } = rowOfQuads();
    const stats = quantizePositions(document, 0.001, { floatBytesPerVertex: 20 });
    expect(stats).toMatchObject({ splitMeshes: 1, floatMeshes: 0 });
    expect(stats.quantizedMeshes).toBeGreaterThanOrEqual(2);
    const pieces = tile.listChildren();
    expect(pieces.length).toBe(stats.quantizedMeshes);
    // Each piece: SHORT positions; world position of every corner within 1 mm of the original; a corner shared by
    // two pieces lands on the same point; the feature IDs travel with their vertices.
    const seen = new Map<string, number[]>();
    let triangles = 0;
    for (const piece of pieces as Node[]) {
      const p = piece.getMesh()!.listPrimitives()[0];
      const q = p.getAttribute('POSITION')!;
      expect(q.getArray()).toBeInstanceOf(Int16Array);
      const t = piece.getWorldMatrix();
      const ix = p.getIndices()!.getArray()!;
      triangles += ix.length / 3;
      for (let v = 0; v < q.getCount(); v++) {
        const e = q.getElement(v, []);
        const world = [0, 1, 2].map((k) => t[k] * e[0] + t[4 + k] * e[1] + t[8 + k] * e[2] + t[12 + k]);
        const feature = p.getAttribute('_FEATURE_ID_0')!.getScalar(v);
        const corner = v % 4;
        const original = positions.slice((feature * 4 + corner) * 3, (feature * 4 + corner) * 3 + 3);
        // The bound is against the float32 positions the pass received.
        for (let k = 0; k < 3; k++) expect(Math.abs(world[k] - (Math.fround(original[k]) + (k === 0 ? 5 : 0)))).toBeLessThanOrEqual(0.001 + 1e-9);
        const key = original.join(',');
        const other = seen.get(key);
        if (other) for (let k = 0; k < 3; k++) expect(world[k]).toBeCloseTo(other[k], 9);
        seen.set(key, world);
      }
    }
    expect(triangles).toBe(80);
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
