import { Document } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { choosePositionBits } from './compress-tiles';

function documentWithHalfExtent(halfExtentM: number): Document {
  const document = new Document();
  const positions = new Float32Array([-halfExtentM, 0, 0, halfExtentM, 1, 0, 0, 0, 1]);
  const accessor = document.createAccessor().setType('VEC3').setArray(positions);
  document.createMesh().addPrimitive(document.createPrimitive().setAttribute('POSITION', accessor));
  return document;
}

describe('choosePositionBits', () => {
  it('keeps 14 bits for an 8 m half-extent (step 0.98 mm ≤ 1 mm)', () => {
    expect(choosePositionBits(documentWithHalfExtent(8), 14, 0.001)).toBe(14);
  });
  it('raises to 16 bits for 20 m (15 bits would step 1.22 mm, 16 bits 0.61 mm)', () => {
    expect(choosePositionBits(documentWithHalfExtent(20), 14, 0.001)).toBe(16);
  });
  it('keeps float32 positions (null) for a 2 km half-extent railway root tile', () => {
    expect(choosePositionBits(documentWithHalfExtent(2000), 14, 0.001)).toBeNull();
  });
});
