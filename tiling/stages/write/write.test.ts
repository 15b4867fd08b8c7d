import { HAS_SCHEMA_DIR, SCHEMA_DIR, SCHEMA_DIR_MISSING } from '../parse/sample-ifc';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { build } from '@tiling/stages/build/build';
import type { BuiltModel } from '@tiling/stages/build/built-model';
import { createSyntheticGeoreference, createSyntheticModel } from '@tiling/stages/build/synthetic-model';
import { tile } from '@tiling/stages/tile/tile';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutputFile } from '@tiling/io/output-file';
import { compressTiles } from './compress-tiles';
import type { TileJson, TilesetJson } from './tileset-json';
import { readPropertyTable, readTileGlb, readTileVertices, validateGlb, validateTilesetJson } from './validate-output';
import { decodePropertiesFile } from '@kernel/properties-file';
import { contentAddressedPath, write, type WriteResult } from './write';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });
const decodeJson = <T>(files: OutputFile[], path: string): T =>
  JSON.parse(new TextDecoder().decode(files.find((f) => f.path === path)!.bytes)) as T;

function walk(node: TileJson, visit: (n: TileJson, parent: TileJson | null) => void, parent: TileJson | null = null) {
  visit(node, parent);
  for (const child of node.children ?? []) walk(child, visit, node);
}

describe('write + compressTiles (200 boxes + 3 slabs, half sharing one geometry)', () => {
  const model = createSyntheticModel({ boxes: 200, slabs: 3, sharedEvery: 2 });
  let written: WriteResult;
  let compressed: OutputFile[];
  let built: BuiltModel;

  beforeAll(async () => {
    await MeshoptEncoder.ready;
    await MeshoptDecoder.ready;
    built = await build(model, createSyntheticGeoreference(), {}, ctx());
    const tiled = await tile(built, { maxTrianglesPerTile: 600, maxFeaturesPerTile: 60, instancedTriangleWeight: 1 }, ctx());
    written = await write(tiled, { minInstancedVerticesSaved: 0 }, ctx());
    compressed = await compressTiles(written.files, {}, { ...ctx(), meshoptEncoder: MeshoptEncoder, meshoptDecoder: MeshoptDecoder });
  });

  it.skipIf(!HAS_SCHEMA_DIR)(`writes a tileset.json that the official 3D Tiles 1.1 schemas accept (${SCHEMA_DIR_MISSING})`, () => {
    expect(validateTilesetJson(decodeJson<TilesetJson>(written.files, 'tileset.json'), SCHEMA_DIR)).toEqual([]);
  });

  it('writes a 3D Tiles 1.1 tileset with ADD refinement and strictly decreasing errors', () => {
    const tileset = decodeJson<TilesetJson>(written.files, 'tileset.json');
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.refine).toBe('ADD');
    expect(tileset.root.transform).toHaveLength(16);
    expect(tileset.geometricError).toBeGreaterThan(tileset.root.geometricError);
    walk(tileset.root, (node, parent) => {
      if (parent) expect(node.geometricError).toBeLessThan(parent.geometricError);
      if (!node.children) expect(node.geometricError).toBe(0);
    });
    expect(written.stats.tiles).toBeGreaterThan(3);
    expect(written.stats.instancedMeshes).toBeGreaterThan(0);
  });

  for (const variant of ['uncompressed', 'meshopt'] as const) {
    it(`${variant}: every GLB passes gltf-validator, boxes contain content, feature IDs cover each element once`, async () => {
      const files = variant === 'meshopt' ? compressed : written.files;
      const tileset = decodeJson<TilesetJson>(files, 'tileset.json');
      const seen = new Map<string, number>();
      let tiles = 0;
      const pending: Promise<void>[] = [];
      walk(tileset.root, (node) => {
        if (!node.content) return;
        tiles++;
        pending.push(
          (async () => {
            const bytes = files.find((f) => f.path === node.content!.uri)!.bytes;
            const validation = await validateGlb(bytes, MeshoptDecoder);
            expect(validation.errors).toEqual([]);
            const document = await readTileGlb(bytes, MeshoptDecoder);
            const rows = readPropertyTable(document);
            for (const row of rows) seen.set(row.globalId as string, (seen.get(row.globalId as string) ?? 0) + 1);
            const vertices = readTileVertices(document);
            expect(vertices.maxAbsStoredPosition).toBeLessThan(1e4);
            // Every local feature has vertices; no ID outside the table.
            expect(new Set(vertices.featureIds)).toEqual(new Set(rows.map((_, i) => i)));
            const [cx, cy, cz, hx, , , , hy, , , , hz] = node.boundingVolume.box;
            const tolM = 1e-4;
            for (let i = 0; i < vertices.positions.length; i += 3) {
              // glTF (x, y, z) → tile (x, −z, y)
              const [x, y, z] = [vertices.positions[i], -vertices.positions[i + 2], vertices.positions[i + 1]];
              expect(Math.abs(x - cx)).toBeLessThanOrEqual(hx + tolM);
              expect(Math.abs(y - cy)).toBeLessThanOrEqual(hy + tolM);
              expect(Math.abs(z - cz)).toBeLessThanOrEqual(hz + tolM);
            }
          })(),
        );
      });
      await Promise.all(pending);
      expect(tiles).toBe(written.files.filter((f) => f.path.endsWith('.glb')).length);
      expect([...seen.keys()].sort()).toEqual(model.elements.map((e) => e.globalId).sort());
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    });
  }

  it('round-trips Chinese names and expressIds through the property tables', async () => {
    const rows = [];
    for (const file of compressed.filter((f) => f.path.endsWith('.glb'))) {
      rows.push(...readPropertyTable(await readTileGlb(file.bytes, MeshoptDecoder)));
    }
    const byId = new Map(rows.map((r) => [r.globalId, r]));
    for (const element of model.elements) {
      const row = byId.get(element.globalId)!;
      expect(row.name).toBe(element.name ?? '');
      expect(row.storey).toBe(element.storey ?? '');
      expect(row.ifcClass).toBe(element.ifcClass);
      expect(row.expressId).toBe(element.expressId);
    }
    expect([...byId.values()].some((r) => String(r.name).startsWith('客厅'))).toBe(true);
  });

  it('marks instanced nodes with EXT_instance_features and requires EXT_meshopt_compression', async () => {
    const glbs = compressed.filter((f) => f.path.endsWith('.glb'));
    const jsons = glbs.map((f) => {
      const length = new DataView(f.bytes.buffer, f.bytes.byteOffset).getUint32(12, true);
      return JSON.parse(new TextDecoder().decode(f.bytes.subarray(20, 20 + length))) as {
        extensionsUsed: string[];
        nodes: { extensions?: Record<string, { featureIds?: { attribute: number; propertyTable: number }[] }> }[];
      };
    });
    const instanced = jsons.flatMap((j) => j.nodes.filter((n) => n.extensions?.EXT_mesh_gpu_instancing));
    expect(instanced.length).toBe(written.stats.instancedMeshes);
    for (const node of instanced) {
      expect(node.extensions?.EXT_instance_features?.featureIds?.[0]).toMatchObject({ attribute: 0, propertyTable: 0 });
    }
    expect(jsons.every((j) => j.extensionsUsed.includes('EXT_meshopt_compression'))).toBe(true);
  });

  it('meshopt shrinks merged geometry (one tile, nothing instanced) to under half its binary size', async () => {
    const built = await build(model, createSyntheticGeoreference(), { detectInstancing: false }, ctx());
    const single = await write(await tile(built, {}, ctx()), {}, ctx());
    const small = await compressTiles(single.files, {}, { ...ctx(), meshoptEncoder: MeshoptEncoder, meshoptDecoder: MeshoptDecoder });
    const binBytes = (files: OutputFile[]) =>
      files
        .filter((f) => f.path.endsWith('.glb'))
        .reduce((s, f) => {
          const view = new DataView(f.bytes.buffer, f.bytes.byteOffset);
          return s + view.getUint32(20 + view.getUint32(12, true), true);
        }, 0);
    expect(binBytes(small)).toBeLessThan(binBytes(single.files) / 2);
  });

  it('writes the compact properties.json (with the spatial structure) and the import file with ENU bounds', () => {
    const properties = decodePropertiesFile(decodeJson(written.files, 'properties.json'));
    expect(properties.size).toBe(203);
    const first = model.elements[3];
    expect(properties.element(first.globalId)).toEqual({
      globalId: first.globalId,
      ifcClass: first.ifcClass,
      name: first.name,
      storey: first.storey,
      typeName: first.typeName,
      material: first.material,
      propertySets: first.propertySets,
    });
    // Express ids and ENU bounds are for the database import only: not in the served file.
    const servedText = new TextDecoder().decode(written.files.find((f) => f.path === 'properties.json')!.bytes);
    expect(servedText).not.toContain('boundsEnu');
    expect(servedText).not.toContain('expressId');
    // Each GlobalId once in properties.json (the tiles' property tables hold the other copy).
    expect(servedText.split(JSON.stringify(first.globalId))).toHaveLength(2);

    type Entry = { globalId: string; expressId: number; name: string | null; boundsEnu: { min: number[]; max: number[] } | null };
    const importFile = written.files.find((f) => f.path === 'import/elements.ndjson')!;
    const lines = new TextDecoder().decode(importFile.bytes).trim().split('\n').map((line) => JSON.parse(line) as Entry);
    expect(lines).toHaveLength(203);
    const entry = lines.find((l) => l.globalId === first.globalId)!;
    expect(entry).toMatchObject({ expressId: first.expressId, name: first.name });
    // boundsEnu: the feature's AABB (ENU metres at the anchor) rounded outwards to 1 mm.
    const feature = built.features.find((f) => f.element.globalId === first.globalId)!;
    const bounds = entry.boundsEnu!;
    for (let k = 0; k < 3; k++) {
      expect(bounds.min[k]).toBeLessThanOrEqual(feature.boundsEnu.min[k]);
      expect(bounds.min[k]).toBeGreaterThan(feature.boundsEnu.min[k] - 0.001);
      expect(bounds.max[k]).toBeGreaterThanOrEqual(feature.boundsEnu.max[k]);
      expect(bounds.max[k]).toBeLessThan(feature.boundsEnu.max[k] + 0.001);
    }
    const structure = properties.structure();
    expect(structure.spatialTree?.name).toBe('南昌测试项目');
    expect(Object.values(structure.containment).flat()).toHaveLength(203);
    expect(written.files.some((f) => f.path === 'structure.json')).toBe(false);
  });

  it('names every GLB by its content hash', () => {
    const glbs = written.files.filter((f) => f.path.endsWith('.glb'));
    expect(glbs.length).toBeGreaterThan(0);
    for (const glb of glbs) expect(contentAddressedPath(glb.path.replace(/-[0-9a-f]{12}\.glb$/, '.glb'), glb.bytes)).toBe(glb.path);
  });
});

describe('property table edge cases', () => {
  it('writes a valid GLB when every name and storey is empty (no zero-length bufferView)', async () => {
    const model = createSyntheticModel({ boxes: 4, slabs: 1 });
    for (const e of model.elements) {
      e.name = null;
      e.storey = null;
    }
    const built = await build(model, createSyntheticGeoreference(), {}, ctx());
    const { files } = await write(await tile(built, {}, ctx()), {}, ctx());
    const glb = files.find((f) => f.path.endsWith('.glb'))!.bytes;
    expect((await validateGlb(glb)).errors).toEqual([]);
    const rows = readPropertyTable(await readTileGlb(glb));
    expect(rows.map((r) => r.name)).toEqual(['', '', '', '', '']);
  });
});

describe('instancing under a non-uniform map scale (horizontal 0.9973, vertical 1)', () => {
  it('places instanced vertices where baking puts them, within 0.1 mm', async () => {
    const georeference = createSyntheticGeoreference();
    for (const i of [0, 1, 8, 9]) georeference.modelToEnu[i] *= 0.9973; // model x and z columns: horizontal
    const model = createSyntheticModel({ boxes: 40, slabs: 1, sharedEvery: 1 });
    const built = await build(model, georeference, {}, ctx());
    expect(built.instanceScale[0]).toBeCloseTo(0.9973, 9);
    expect(built.instanceScale[1]).toBeCloseTo(1, 9);
    expect(built.stats.instancedPlacements).toBeGreaterThan(0);
    const tiled = await tile(built, {}, ctx());
    const vertices = async (instancing: boolean) => {
      const { files, stats } = await write(tiled, { instancing, minInstancedVerticesSaved: 0 }, ctx());
      expect(stats.instancedMeshes > 0).toBe(instancing);
      const document = await readTileGlb(files.find((f) => f.path.endsWith('.glb'))!.bytes);
      const v = readTileVertices(document);
      const keys = [];
      for (let i = 0; i < v.positions.length; i += 3) keys.push([v.featureIds[i / 3], v.positions[i], v.positions[i + 1], v.positions[i + 2]]);
      return keys.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    };
    const instanced = await vertices(true);
    const baked = await vertices(false);
    expect(instanced.length).toBe(baked.length);
    const maxErrorM = Math.max(...instanced.map((p, i) => Math.max(...[1, 2, 3].map((k) => Math.abs(p[k] - baked[i][k])))));
    expect(maxErrorM).toBeLessThan(1e-4);
  });
});
