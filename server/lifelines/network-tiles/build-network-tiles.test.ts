import type { Document } from '@gltf-transform/core';
import type { StructuralMetadata } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { decodeStrings } from '@kernel/metadata-strings';
import { ecefToGeodetic } from '@kernel/wgs84-ecef';
import { connectTestDb } from '@server/db/test-database';
import { createTileIO } from '@tiling/index';
import { createTestNetwork, type TestNode, type TestPipe } from '../test-fixtures';
import { buildNetworkTiles, type NetworkTileJson, type NetworkTilesResult } from './build-network-tiles';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

/** A region no other test writes gas pipes into (九江市浔阳区). */
const REGION = '360403';

interface TilesetJson {
  geometricError: number;
  root: NetworkTileJson & { transform: number[] };
}

/** Applies a column-major 4×4 to a point. */
function apply(m: readonly number[], p: readonly number[]): [number, number, number] {
  return [m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12], m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13], m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14]];
}

/** Vertices of a tile GLB in the tileset frame (ENU, z-up) with their feature ids. */
function verticesOf(document: Document): { enu: [number, number, number][]; featureIds: number[] } {
  const enu: [number, number, number][] = [];
  const featureIds: number[] = [];
  for (const node of document.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const world = node.getWorldMatrix();
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION')!;
      const ids = primitive.getAttribute('_FEATURE_ID_0')!;
      const out = [0, 0, 0];
      for (let i = 0; i < position.getCount(); i++) {
        const [x, y, z] = apply(world, position.getElement(i, out));
        // glTF y-up → 3D Tiles z-up: (x, y, z) → (x, −z, y).
        enu.push([x, -z, y]);
        featureIds.push(ids.getScalar(i));
      }
    }
  }
  return { enu, featureIds };
}

function stringColumn(document: Document, key: string): string[] {
  const table = document.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata')!.listPropertyTables()[0];
  const prop = table.getProperty(key)!;
  return decodeStrings(prop.getValues(), prop.getStringOffsets()!, table.getCount());
}

function boxContains(box: number[], p: readonly number[], slack = 1e-3): boolean {
  // Axis-aligned boxes only (what the builder writes).
  return [0, 1, 2].every((axis) => Math.abs(p[axis] - box[axis]) <= box[3 + axis * 4] + slack);
}

describe('buildNetworkTiles on a hand-made 8 × 8 gas grid', () => {
  const files = new Map<string, Uint8Array>();
  let result: NetworkTilesResult | null;
  let ids: Record<string, string>;
  let tileset: TilesetJson;
  const io = createTileIO({ decoder: MeshoptDecoder });

  beforeAll(async () => {
    await MeshoptDecoder.ready;
    // 8 × 8 nodes 0.002° apart (≈ 200 m) at 116.05 E, 29.70 N; pipes east and north; every 4th row a DN 600 main.
    const nodes: TestNode[] = [];
    const pipes: TestPipe[] = [];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) nodes.push({ name: `N${i}${j}`, kind: 'junction', lonDeg: 116.05 + i * 0.002, latDeg: 29.7 + j * 0.002 });
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        if (i < 7) pipes.push({ name: `H${i}${j}`, from: `N${i}${j}`, to: `N${i + 1}${j}`, lengthM: 194, diameterMm: j % 4 === 0 ? 600 : 150 });
        if (j < 7) pipes.push({ name: `V${i}${j}`, from: `N${i}${j}`, to: `N${i}${j + 1}`, lengthM: 222, diameterMm: 200 });
      }
    }
    ids = (await createTestNetwork(connection.db, REGION, 'gas', nodes, pipes)).pipes;
    result = await buildNetworkTiles(
      connection.db,
      { network: 'gas', regionCode: REGION },
      { leafMaxPipes: 20, coarseMaxPipes: 10 },
      { logger: SILENT_LOGGER, writeFile: async (relPath, bytes) => void files.set(relPath, bytes) },
    );
    tileset = JSON.parse(new TextDecoder().decode(files.get('tileset.json')!)) as TilesetJson;
  });

  it('splits 112 pipes into a quadtree: counts, contents and geometric errors', () => {
    expect(result).not.toBeNull();
    expect(result!.pipeCount).toBe(112);
    const all: NetworkTileJson[] = [];
    const walk = (tile: NetworkTileJson) => {
      all.push(tile);
      for (const child of tile.children ?? []) {
        expect(child.geometricError).toBeLessThan(tile.geometricError);
        walk(child);
      }
    };
    walk(tileset.root);
    expect(all.length).toBe(result!.tileCount);
    // 112 > 20 → 4 quadrants of 28 > 20 → 16 leaves of 7 pipes: 1 + 4 + 16 tiles, each with content.
    expect(result!.tileCount).toBe(21);
    expect(result!.depth).toBe(2);
    expect(result!.contentCount).toBe(21);
    const uris = all.flatMap((t) => [t.content?.uri, ...(t.contents ?? []).map((c) => c.uri)]).filter(Boolean);
    expect(uris.length).toBe(result!.contentCount);
    expect(files.size).toBe(result!.contentCount + 1);
    expect(tileset.root.refine).toBe('REPLACE');
    for (const tile of all) if (!tile.children?.length) expect(tile.geometricError).toBe(0);
    // Root: 10 of the 14 DN 600 mains (gas threshold DN 250); the largest left out is DN 600 → 0.6 m × 16 px.
    expect(tileset.root.geometricError).toBeCloseTo(0.6 * 16, 9);
    expect(tileset.geometricError).toBeCloseTo(2 * 0.6 * 16, 9);
    expect(result!.bytes).toBe([...files.values()].reduce((sum, b) => sum + b.byteLength, 0));
  });

  it('bounding volumes contain their pipes; ids round-trip; every pipe is in exactly one leaf', async () => {
    const leafIds: string[] = [];
    const visit = async (tile: NetworkTileJson, ancestors: NetworkTileJson[], isLeaf: boolean) => {
      for (const uri of [tile.content?.uri, ...(tile.contents ?? []).map((c) => c.uri)].filter((u): u is string => !!u)) {
        const document = await io.readBinary(files.get(uri)!);
        const { enu, featureIds } = verticesOf(document);
        const rowIds = stringColumn(document, 'id');
        expect(stringColumn(document, 'network').every((n) => n === 'gas')).toBe(true);
        expect(new Set(featureIds).size).toBe(rowIds.length);
        for (const p of enu) for (const volume of [tile, ...ancestors]) expect(boxContains(volume.boundingVolume.box, p)).toBe(true);
        if (isLeaf) leafIds.push(...rowIds);
        else expect(rowIds.every((id) => Object.entries(ids).some(([name, value]) => value === id && name.startsWith('H') && Number(name[2]) % 4 === 0))).toBe(true);
      }
      for (const child of tile.children ?? []) await visit(child, [tile, ...ancestors], !child.children?.length);
    };
    await visit(tileset.root, [], !tileset.root.children?.length);
    expect(leafIds.sort()).toEqual(Object.values(ids).sort());
  });

  it('draws a pipe at its real depth and diameter in ECEF', async () => {
    // Find H30 (DN 600 from 116.056, 29.700 to 116.058, 29.700 at −1.5 m) in the leaves.
    const target = ids.H30;
    const leaves: NetworkTileJson[] = [];
    const walk = (tile: NetworkTileJson) => (tile.children?.length ? tile.children.forEach(walk) : leaves.push(tile));
    walk(tileset.root);
    let heights: number[] = [];
    let lons: number[] = [];
    for (const leaf of leaves) {
      for (const uri of [leaf.content?.uri, ...(leaf.contents ?? []).map((c) => c.uri)].filter((u): u is string => !!u)) {
        const document = await io.readBinary(files.get(uri)!);
        const row = stringColumn(document, 'id').indexOf(target);
        if (row < 0) continue;
        const { enu, featureIds } = verticesOf(document);
        const geodetic = enu.filter((_, i) => featureIds[i] === row).map((p) => ecefToGeodetic(apply(tileset.root.transform, p)));
        heights = geodetic.map((g) => g[2]);
        lons = geodetic.map((g) => g[0]);
      }
    }
    expect(heights.length).toBe(16);
    // Axis at −1.5 m, radius 0.3 m, 8 faces: the ring spans −1.8..−1.2 m (within the 2 mm quantisation).
    expect(Math.min(...heights)).toBeCloseTo(-1.8, 2);
    expect(Math.max(...heights)).toBeCloseTo(-1.2, 2);
    expect(Math.min(...lons)).toBeCloseTo(116.056, 5);
    expect(Math.max(...lons)).toBeCloseTo(116.058, 5);
  });

  it('returns null for a region without pipes and refuses a bad region code', async () => {
    const noop = { logger: SILENT_LOGGER, writeFile: async () => {} };
    expect(await buildNetworkTiles(connection.db, { network: 'heat', regionCode: '369999' }, {}, noop)).toBeNull();
    await expect(buildNetworkTiles(connection.db, { network: 'gas', regionCode: "36'; --" }, {}, noop)).rejects.toThrow(/6 digits/);
    await expect(buildNetworkTiles(connection.db, { network: 'gas', regionCode: REGION }, { leafSides: 2 }, noop)).rejects.toThrow(/leafSides/);
  });
});
