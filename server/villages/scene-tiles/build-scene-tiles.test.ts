import type { Document } from '@gltf-transform/core';
import type { StructuralMetadata } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { decodeStrings } from '@kernel/metadata-strings';
import { ecefToGeodetic } from '@kernel/wgs84-ecef';
import { createTileIO } from '@tiling/index';
import { rectangleFootprint, testBuilding, testPublicVillage } from '../test-fixtures';
import { buildSceneTiles, DEFAULT_BUILDING_HEIGHT_M, type SceneTilesResult } from './build-scene-tiles';
import { SCENE_CONTENT_URI } from './scene-tiles-keys';

/** Applies a column-major 4×4 to a point. */
function apply(m: readonly number[], p: readonly number[]): [number, number, number] {
  return [m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12], m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13], m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14]];
}

/** Every vertex of the GLB in the tileset frame (ENU, z-up), with its feature id, and the triangle count. */
function verticesOf(document: Document): { enu: [number, number, number][]; featureIds: number[]; triangles: number } {
  const enu: [number, number, number][] = [];
  const featureIds: number[] = [];
  let triangles = 0;
  for (const node of document.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const world = node.getWorldMatrix();
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION')!;
      const ids = primitive.getAttribute('_FEATURE_ID_0')!;
      triangles += primitive.getIndices()!.getCount() / 3;
      const out = [0, 0, 0];
      for (let i = 0; i < position.getCount(); i++) {
        const [x, y, z] = apply(world, position.getElement(i, out));
        enu.push([x, -z, y]);
        featureIds.push(ids.getScalar(i));
      }
    }
  }
  return { enu, featureIds, triangles };
}

function column(document: Document, key: string): string[] {
  const table = document.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata')!.listPropertyTables()[0];
  const prop = table.getProperty(key)!;
  return decodeStrings(prop.getValues(), prop.getStringOffsets()!, table.getCount());
}

const LON = 117.85;
const LAT = 29.24;
const ID = {
  hall: '00000000-0000-4000-8000-000000000001',
  house: '00000000-0000-4000-8000-000000000002',
  unsurveyed: '00000000-0000-4000-8000-000000000003',
  broken: '00000000-0000-4000-8000-000000000004',
};

describe('buildSceneTiles from a published document', () => {
  const files = new Map<string, Uint8Array>();
  let result: SceneTilesResult | null;
  let document: Document;
  let tileset: { geometricError: number; root: { transform: number[]; boundingVolume: { box: number[] }; geometricError: number; content: { uri: string } } };

  beforeAll(async () => {
    await MeshoptDecoder.ready;
    const d = 1 / 111_000;
    const cosLat = Math.cos((LAT * Math.PI) / 180);
    const lShape = [[30, 0], [50, 0], [50, 8], [38, 8], [38, 16], [30, 16], [30, 0]].map(([e, n]) => [LON + (e * d) / cosLat, LAT + n * d]);
    const doc = testPublicVillage('360402100001', '测试村', [LON, LAT], {
      buildings: [
        testBuilding(ID.hall, '祠堂', rectangleFootprint(LON, LAT, 12, 8), 7),
        testBuilding(ID.house, '民居', [lShape], null),
        testBuilding(ID.unsurveyed, '未测绘', null, 5),
        testBuilding(ID.broken, '坏轮廓', [[[LON, LAT], [LON + 1e-4, LAT], [LON, LAT]]], 5),
      ],
    });
    result = await buildSceneTiles(doc, { logger: SILENT_LOGGER, writeFile: async (relPath, bytes) => void files.set(relPath, bytes) });
    tileset = JSON.parse(new TextDecoder().decode(files.get('tileset.json')!)) as typeof tileset;
    document = await createTileIO({ decoder: MeshoptDecoder }).readBinary(files.get(SCENE_CONTENT_URI)!);
  });

  it('extrudes the two drawable buildings: counts, roofs, triangles, files and bytes', () => {
    expect(result).toMatchObject({ code: '360402100001', buildingCount: 2, gableCount: 1, flatCount: 1, triangleCount: 14 + 16 });
    expect(result!.skipped).toEqual([{ id: ID.broken, reason: expect.stringMatching(/fewer than 3 distinct positions/) }]);
    expect([...files.keys()].sort()).toEqual([SCENE_CONTENT_URI, 'tileset.json']);
    expect(result!.bytes).toBe([...files.values()].reduce((sum, b) => sum + b.byteLength, 0));
    expect(verticesOf(document).triangles).toBe(30);
    expect(tileset.root.content.uri).toBe(SCENE_CONTENT_URI);
    expect(tileset.root.geometricError).toBe(0);
  });

  it('puts the building ids, names and heights in the metadata, one row per feature id', () => {
    expect(column(document, 'id')).toEqual([ID.hall, ID.house]);
    expect(column(document, 'name')).toEqual(['祠堂', '民居']);
    expect(column(document, 'villageCode')).toEqual(['360402100001', '360402100001']);
    expect(column(document, 'protectionLevel')).toEqual(['county', 'county']);
    const table = document.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata')!.listPropertyTables()[0];
    const heights = new Float32Array(table.getProperty('heightM')!.getValues().slice().buffer);
    expect([...heights]).toEqual([7, DEFAULT_BUILDING_HEIGHT_M]);
    expect(new Set(verticesOf(document).featureIds)).toEqual(new Set([0, 1]));
  });

  it('stands on the ellipsoid (h = 0) to its heights; the bounding region and box contain every vertex', () => {
    const { enu, featureIds } = verticesOf(document);
    const [w, s, e, n, hMin, hMax] = result!.boundingRegion;
    const box = tileset.root.boundingVolume.box;
    const heightsOf = (feature: number) => enu.filter((_, i) => featureIds[i] === feature).map((p) => ecefToGeodetic(apply(tileset.root.transform, p))[2]);
    for (const p of enu) {
      const [lon, lat, h] = ecefToGeodetic(apply(tileset.root.transform, p));
      const rad = Math.PI / 180;
      expect(lon * rad).toBeGreaterThanOrEqual(w);
      expect(lon * rad).toBeLessThanOrEqual(e);
      expect(lat * rad).toBeGreaterThanOrEqual(s);
      expect(lat * rad).toBeLessThanOrEqual(n);
      expect(h).toBeGreaterThanOrEqual(hMin);
      expect(h).toBeLessThanOrEqual(hMax);
      for (const axis of [0, 1, 2]) expect(Math.abs(p[axis] - box[axis])).toBeLessThanOrEqual(box[3 + axis * 4] + 1e-6);
    }
    // Ground at 0 m, eaves at 7 m, ridge at 7 + 4·tan 25° m (within the 5 mm quantisation); the house is flat at 6 m.
    expect(Math.min(...heightsOf(0))).toBeCloseTo(0, 2);
    expect(Math.max(...heightsOf(0))).toBeCloseTo(7 + 4 * Math.tan((25 * Math.PI) / 180), 2);
    expect(Math.max(...heightsOf(1))).toBeCloseTo(6, 2);
    // The region spans the footprints (0..50 m east of LON) with ≈ 1 m of padding.
    expect(((e - w) * 180) / Math.PI).toBeCloseTo((52 / 111_000) / Math.cos((LAT * Math.PI) / 180), 5);
  });

  it('returns null and writes nothing when no building has a drawable footprint', async () => {
    const written: string[] = [];
    const doc = testPublicVillage('360402100002', '空村', [LON, LAT], { buildings: [testBuilding(ID.unsurveyed, '未测绘', null, 5)] });
    expect(await buildSceneTiles(doc, { logger: SILENT_LOGGER, writeFile: async (p) => void written.push(p) })).toBeNull();
    expect(written).toEqual([]);
  });
});
