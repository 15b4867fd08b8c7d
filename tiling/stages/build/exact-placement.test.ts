import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import type { MeshGeometry, ParsedModel, RawGeoreference } from '@tiling/stages/parse/parsed-model';
import { georef } from '@tiling/stages/georef/georef';
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { BuiltModel } from './built-model';
import { build } from './build';
import { nearestSimilarity } from './exact-placement';
import { createBoxMesh, placementMatrix, syntheticGlobalId } from './synthetic-model';

// A railway-like model in CGCS2000 / 3-degree Gauss-Krüger CM 117E (EPSG:4548) at the Nanchang sample's map
// conversion (E 387900, N 3175800, H 22 m, X axis turned 15°), metres. Expected positions come from proj4 with the
// definition written out here and proj4's own geodetic → ECEF (geocent), not from the code under test.
const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const ECEF = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const [E0, N0, H0] = [387900, 3175800, 22];
const [COS_A, SIN_A] = [Math.cos((15 * Math.PI) / 180), Math.sin((15 * Math.PI) / 180)];
const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

const RAW: RawGeoreference = {
  mapConversion: {
    source: 'IfcMapConversion', eastings: E0, northings: N0, orthogonalHeight: H0, xAxisAbscissa: COS_A, xAxisOrdinate: SIN_A,
    scale: 1, factorX: null, factorY: null, factorZ: null,
  },
  projectedCrs: { name: 'EPSG:4548', geodeticDatum: 'CGCS2000', verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1 },
  siteReference: null,
  trueNorth: null,
};
const GEOREFERENCE: Georeference = georef({ fileName: 'rail.ifc', lengthUnitM: 1, georeference: RAW }, {}, ctx());

/** Expected ECEF of a model point (Y-up metres): IFC (x, −z, y) → grid → proj4 → geocentric. */
function expectedEcef([mx, my, mz]: readonly number[]): number[] {
  const [x, y, z] = [mx, -mz, my];
  const [lonDeg, latDeg] = proj4(EPSG_4548, 'WGS84', [E0 + x * COS_A - y * SIN_A, N0 + x * SIN_A + y * COS_A]);
  return proj4('WGS84', ECEF, [lonDeg, latDeg, H0 + z]) as number[];
}

/** ECEF of a content-frame position (glTF Y-up ENU relative to `originContent`). */
function contentToEcef(built: BuiltModel, p: readonly number[]): number[] {
  const o = built.originContent;
  const enu = [p[0] + o[0], -(p[2] + o[2]), p[1] + o[1]];
  const m = built.georeference.enuToEcef;
  return [0, 1, 2].map((i) => m[i] * enu[0] + m[4 + i] * enu[1] + m[8 + i] * enu[2] + m[12 + i]);
}

const apply = (m: readonly number[], p: readonly number[]) => [0, 1, 2].map((i) => m[i] * p[0] + m[4 + i] * p[1] + m[8 + i] * p[2] + m[12 + i]);
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** A thin strip from the origin to `lengthM` along model +X: one geometry far larger than an affine fit allows. */
function stripMesh(lengthM: number): MeshGeometry {
  return {
    positions: new Float32Array([0, 0, 0, lengthM, 0, 0, lengthM, 0, -2, 0, 0, -2]),
    normals: new Float32Array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]),
    indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
  };
}

const DISTANCES_M = [100, 1000, 10000];
// Boxes (2 × 3 × 2 m) 30° off model +X, 5 m above the origin, at 100 m, 1 km and 10 km; plus a 10 km strip.
const PLACEMENTS = DISTANCES_M.map((d) => placementMatrix(d * Math.cos(Math.PI / 6), 5, -d * Math.sin(Math.PI / 6), 40));
const STRIP_PLACEMENT = placementMatrix(0, 0, 0, 0);

function railwayModel(): ParsedModel {
  const elements = [...DISTANCES_M, 'strip'].map((_, i) => ({
    expressId: 100 + i, globalId: syntheticGlobalId(i), ifcClass: 'IfcBuildingElementProxy', name: `e${i}`,
    storey: null, typeName: null, material: null, propertySets: {},
  }));
  const color: [number, number, number, number] = [0.5, 0.5, 0.5, 1];
  return {
    fileName: 'rail.ifc', schema: 'IFC4X3_ADD2', schemaFamily: 'IFC4X3', lengthUnitM: 1, projectName: null, elements,
    geometries: new Map([[1, createBoxMesh(2, 3, 2)], [2, stripMesh(10000)]]),
    elementGeometries: [
      ...PLACEMENTS.map((transform, i) => ({ expressId: 100 + i, placed: [{ geometryExpressId: 1, color, transform }] })),
      { expressId: 103, placed: [{ geometryExpressId: 2, color, transform: STRIP_PLACEMENT }] },
    ],
    spatialTree: null, containment: {}, georeference: RAW,
  };
}

/** Largest error (metres) of each baked feature's vertices against the expected ECEF of its source vertices. */
function bakedErrors(built: BuiltModel, model: ParsedModel): number[] {
  return built.features.map((feature, i) => {
    const placed = model.elementGeometries[i].placed[0];
    const source = model.geometries.get(placed.geometryExpressId)!.positions;
    const positions = feature.parts[0].positions;
    expect(positions.length).toBe(source.length); // a box's 90° corners are not merged: same vertices, same order
    let worst = 0;
    for (let v = 0; v < source.length; v += 3) {
      const want = expectedEcef(apply(placed.transform, [source[v], source[v + 1], source[v + 2]]));
      worst = Math.max(worst, distance(contentToEcef(built, [positions[v], positions[v + 1], positions[v + 2]]), want));
    }
    return worst;
  });
}

const format = (errors: number[]) => errors.map((e, i) => `${DISTANCES_M[i] ?? 'strip'} m: ${e < 0.01 ? `${(e * 1000).toFixed(2)} mm` : `${e.toFixed(3)} m`}`).join(', ');

describe('exact placement of long infrastructure (EPSG:4548, points 100 m / 1 km / 10 km from the anchor)', async () => {
  const model = railwayModel();
  const rigid = await build(model, GEOREFERENCE, { detectInstancing: false, exactBeyondM: Infinity }, ctx());
  const exact = await build(model, GEOREFERENCE, { detectInstancing: false }, ctx());
  const rigidErrors = bakedErrors(rigid, model);
  const exactErrors = bakedErrors(exact, model);
  console.info(`rigid tangent plane: ${format(rigidErrors)}\nexact (local affine; strip per vertex): ${format(exactErrors)}`);

  it('the rigid tangent plane is ≈ 0.8 mm off at 100 m, 8 cm at 1 km and 8 m at 10 km (what the exact path fixes)', () => {
    expect(rigidErrors[0]).toBeLessThan(0.002);
    expect(rigidErrors[1]).toBeGreaterThan(0.05);
    expect(rigidErrors[1]).toBeLessThan(0.15);
    expect(rigidErrors[2]).toBeGreaterThan(5);
    expect(rigidErrors[2]).toBeLessThan(12);
  });

  it('keeps every baked vertex within 1 cm of proj4 → ECEF at 100 m, 1 km and 10 km (measured ≤ 1 mm), the 10 km strip too', () => {
    for (const error of exactErrors) expect(error).toBeLessThan(0.01);
    for (const error of exactErrors) expect(error).toBeLessThan(0.001);
  });

  it('grows the bounds by the exact vertices', () => {
    for (const feature of exact.features) {
      for (const part of feature.parts) {
        for (let v = 0; v < part.positions.length; v += 3) {
          const o = exact.originContent;
          const enu = [part.positions[v] + o[0], -(part.positions[v + 2] + o[2]), part.positions[v + 1] + o[1]];
          for (let k = 0; k < 3; k++) {
            expect(enu[k]).toBeGreaterThanOrEqual(feature.boundsEnu.min[k] - 1e-3);
            expect(enu[k]).toBeLessThanOrEqual(feature.boundsEnu.max[k] + 1e-3);
          }
        }
      }
    }
  });

  it('leaves a building (everything within 200 m of the anchor) on the rigid path, unchanged', async () => {
    const near: ParsedModel = { ...model, elements: model.elements.slice(0, 1), elementGeometries: model.elementGeometries.slice(0, 1) };
    const a = await build(near, GEOREFERENCE, { detectInstancing: false }, ctx());
    const b = await build(near, GEOREFERENCE, { detectInstancing: false, exactBeyondM: Infinity }, ctx());
    expect(a.features[0].parts[0].positions).toEqual(b.features[0].parts[0].positions);
  });

  it('instances far away: the nearest similarity of the local fit, within 1 cm of proj4, boxes contain them', async () => {
    const boxes: ParsedModel = { ...model, elements: model.elements.slice(0, 3), elementGeometries: model.elementGeometries.slice(0, 3) };
    const built = await build(boxes, GEOREFERENCE, { detectInstancing: true }, ctx());
    expect(built.stats.instancedPlacements).toBe(3);
    const box = model.geometries.get(1)!.positions;
    const errors = built.features.map((feature, i) => {
      const use = feature.instances[0];
      const group = built.instanceGroups[use.groupIndex];
      const drawn = use.meshToContent.map((v, k) => (k % 4 < 3 && k < 16 ? v * built.instanceScale[k % 4] : v));
      const mesh = group.parts[0].mesh.positions;
      // The group mesh is the box re-centred on its AABB centre (1, 1.5, 1).
      let worst = 0;
      for (let v = 0; v < box.length; v += 3) {
        const local = [box[v] - 1, box[v + 1] - 1.5, box[v + 2] - 1];
        const p = apply(drawn, local);
        worst = Math.max(worst, distance(contentToEcef(built, p), expectedEcef(apply(PLACEMENTS[i], [box[v], box[v + 1], box[v + 2]]))));
        const o = built.originContent;
        const enu = [p[0] + o[0], -(p[2] + o[2]), p[1] + o[1]];
        for (let k = 0; k < 3; k++) {
          expect(enu[k]).toBeGreaterThanOrEqual(feature.boundsEnu.min[k] - 1e-9);
          expect(enu[k]).toBeLessThanOrEqual(feature.boundsEnu.max[k] + 1e-9);
        }
      }
      expect(mesh.length).toBeGreaterThan(0);
      return worst;
    });
    console.info(`instances (similarity × instanceScale): ${format(errors)}`);
    for (const error of errors) expect(error).toBeLessThan(0.01);
  });
});

describe('nearestSimilarity', () => {
  it('returns rotation × uniform scale with the same translation, closest to a perturbed similarity', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    // 2 × rotation about y, plus a 1e-4 shear and a 3e-4 anisotropy.
    const m = [2 * c, 1e-4, -2 * s, 0, 0, 2 * (1 + 3e-4), 0, 0, 2 * s, 0, 2 * c, 0, 10, 20, 30, 1];
    const q = nearestSimilarity(m);
    expect(q.slice(12)).toEqual([10, 20, 30, 1]);
    const col = (k: number) => q.slice(4 * k, 4 * k + 3);
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const scale = Math.sqrt(dot(col(0), col(0)));
    expect(scale).toBeCloseTo(2 * Math.cbrt(1 + 3e-4), 6);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(dot(col(a), col(b)) / scale ** 2).toBeCloseTo(a === b ? 1 : 0, 12);
    expect(Math.max(...[0, 1, 2, 4, 5, 6, 8, 9, 10].map((k) => Math.abs(q[k] - m[k])))).toBeLessThan(1e-3);
  });
});
