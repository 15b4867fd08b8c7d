import { Document } from '@gltf-transform/core';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { SILENT_LOGGER } from '@tiling/logger';
import { ReportBuilder } from '@tiling/report';
import { build } from '@tiling/stages/build/build';
import { createSyntheticGeoreference, createSyntheticModel } from '@tiling/stages/build/synthetic-model';
import { tile } from '@tiling/stages/tile/tile';
import { describe, expect, it } from 'vitest';
import { choosePositionBits, compressTiles } from './compress-tiles';
import { readTileGlb, validateGlb } from './validate-output';
import { write } from './write';

function documentWithHalfExtent(halfExtentM: number): Document {
  const document = new Document();
  const positions = new Float32Array([-halfExtentM, 0, 0, halfExtentM, 1, 0, 0, 0, 1]);
  const accessor = document.createAccessor().setType('VEC3').setArray(positions);
  document.createMesh().addPrimitive(document.createPrimitive().setAttribute('POSITION', accessor));
  return document;
}

describe('choosePositionBits', () => {
  it('keeps 14 bits for an 8 m half-extent (step 0.98 mm, error ≤ 0.49 mm)', () => {
    expect(choosePositionBits(documentWithHalfExtent(8), 14, 0.001)).toBe(14);
  });
  it('raises to 16 bits for 40 m (15 bits: step 2.44 mm, error 1.22 mm; 16 bits: error 0.61 mm)', () => {
    expect(choosePositionBits(documentWithHalfExtent(40), 14, 0.001)).toBe(16);
  });
  it('keeps 16 bits up to a 65 m half-extent (error 0.99 mm)', () => {
    expect(choosePositionBits(documentWithHalfExtent(65), 14, 0.001)).toBe(16);
    expect(choosePositionBits(documentWithHalfExtent(66), 14, 0.001)).toBeNull();
  });
  it('keeps float32 positions (null) for a 2 km half-extent railway root tile', () => {
    expect(choosePositionBits(documentWithHalfExtent(2000), 14, 0.001)).toBeNull();
  });
});

describe('compressTiles with float32 positions (grid too coarse even at 16 bits)', () => {
  it('still writes valid GLBs: normals oct-filtered under KHR_mesh_quantization, positions FLOAT', async () => {
    await MeshoptEncoder.ready;
    await MeshoptDecoder.ready;
    const ctx = { logger: SILENT_LOGGER, report: new ReportBuilder() };
    const built = await build(createSyntheticModel({ boxes: 20, slabs: 1 }), createSyntheticGeoreference(), {}, ctx);
    const { files } = await write(await tile(built, {}, ctx), {}, ctx);
    const compressed = await compressTiles(files, { maxPositionErrorM: 1e-9 }, { ...ctx, meshoptEncoder: MeshoptEncoder });
    const glb = compressed.find((f) => f.path.endsWith('.glb'))!.bytes;
    expect((await validateGlb(glb, MeshoptDecoder)).errors).toEqual([]);
    const document = await readTileGlb(glb, MeshoptDecoder);
    const position = document.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute('POSITION')!;
    expect(position.getComponentType()).toBe(5126); // FLOAT
  });
});
