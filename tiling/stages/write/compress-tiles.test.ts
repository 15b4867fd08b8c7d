import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { build } from '@tiling/stages/build/build';
import { createSyntheticGeoreference, createSyntheticModel } from '@tiling/stages/build/synthetic-model';
import { tile } from '@tiling/stages/tile/tile';
import { describe, expect, it } from 'vitest';
import { compressTiles } from './compress-tiles';
import { readTileGlb, validateGlb } from './validate-output';
import { write } from './write';

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
