import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import type { OutputFile } from '@tiling/io/output-file';
import { build } from '@tiling/stages/build/build';
import { georef } from '@tiling/stages/georef/georef';
import { parseIfc } from '@tiling/stages/parse/parse';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING, SCHEMA_DIR } from '@tiling/stages/parse/sample-ifc';
import { tile } from '@tiling/stages/tile/tile';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressTiles } from './compress-tiles';
import type { TilesetJson } from './tileset-json';
import { readPropertyTable, readTileGlb, readTileVertices, validateGlb, validateTilesetJson } from './validate-output';
import { write } from './write';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

/** parse → georef → build → tile → write → compressTiles with default options. */
async function convertSample(fileName: string): Promise<{ ifcBytes: number; files: OutputFile[]; elements: string[] }> {
  const input = await readSampleIfc(fileName);
  const model = await parseIfc(input, {}, ctx());
  const georeference = georef(
    { fileName, lengthUnitM: model.lengthUnitM, georeference: model.georeference },
    { allowUngeoreferenced: true },
    ctx(),
  );
  const built = await build(model, georeference, {}, ctx());
  const written = await write(await tile(built, {}, ctx()), {}, ctx());
  const files = await compressTiles(written.files, {}, { ...ctx(), meshoptEncoder: MeshoptEncoder, meshoptDecoder: MeshoptDecoder });
  return { ifcBytes: input.bytes.byteLength, files, elements: built.features.map((f) => f.element.globalId) };
}

describe.skipIf(!HAS_SAMPLE_IFC)(`sample tilesets (${HAS_SAMPLE_IFC ? 'FZK-Haus' : SAMPLES_MISSING})`, () => {
  let fzk: Awaited<ReturnType<typeof convertSample>>;

  beforeAll(async () => {
    await MeshoptEncoder.ready;
    await MeshoptDecoder.ready;
    fzk = await convertSample('AC20-FZK-Haus.ifc');
  });

  it('FZK-Haus: tileset.json + GLBs ≥ 20× smaller than the 2.57 MB IFC (≤ 128 KiB)', () => {
    const tilesetBytes = fzk.files
      .filter((f) => f.path === 'tileset.json' || f.path.endsWith('.glb'))
      .reduce((s, f) => s + f.bytes.byteLength, 0);
    expect(tilesetBytes).toBeLessThanOrEqual(128 * 1024);
    expect(fzk.ifcBytes / tilesetBytes).toBeGreaterThanOrEqual(20);
  });

  it('FZK-Haus: valid tileset and GLBs, 83 features with their GlobalIds, positions inside the boxes', async () => {
    const tileset = JSON.parse(new TextDecoder().decode(fzk.files.find((f) => f.path === 'tileset.json')!.bytes)) as TilesetJson;
    expect(validateTilesetJson(tileset, SCHEMA_DIR)).toEqual([]);
    const globalIds: string[] = [];
    const glbs = fzk.files.filter((f) => f.path.endsWith('.glb'));
    for (const glb of glbs) {
      expect((await validateGlb(glb.bytes, MeshoptDecoder)).errors).toEqual([]);
      const document = await readTileGlb(glb.bytes, MeshoptDecoder);
      globalIds.push(...readPropertyTable(document).map((r) => String(r.globalId)));
      const vertices = readTileVertices(document);
      expect(vertices.maxAbsStoredPosition).toBeLessThan(1e4);
    }
    expect(fzk.elements).toHaveLength(83);
    expect(globalIds.sort()).toEqual([...fzk.elements].sort());
    // The house is about 12 m × 10 m × 10 m: the root box half-axes are metres, not kilometres.
    const box = tileset.root.boundingVolume.box;
    expect(Math.max(box[3], box[7], box[11])).toBeLessThan(15);
    expect(Math.min(box[3], box[7], box[11])).toBeGreaterThan(3);
  });
});
