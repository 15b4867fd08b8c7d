/**
 * Test and benchmark support: a railway-like model far from its anchor, and the error of its baked vertices
 * against PROJ's answer, computed independently of the code under test (proj4 with the CRS written out, then
 * proj4's own geodetic → ECEF). Used by exact-placement.test.ts and by `npm run bench:tiling` (georeferencing error
 * at 100 m, 1 km and 10 km); not part of the conversion itself.
 */
import proj4 from 'proj4';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import type { MeshGeometry, ParsedModel, RawGeoreference } from '@tiling/stages/parse/parsed-model';
import { georef } from '@tiling/stages/georef/georef';
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { BuiltModel } from './built-model';
import { build } from './build';
import { createBoxMesh, placementMatrix, syntheticGlobalId } from './synthetic-model';

// A railway-like model in CGCS2000 / 3-degree Gauss-Krüger CM 117E (EPSG:4548) at the Nanchang sample's map
// conversion (E 387900, N 3175800, H 22 m, X axis turned 15°), metres. Expected positions come from proj4 with the
// definition written out here and proj4's own geodetic → ECEF (geocent), not from the code under test.
export const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const ECEF = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const [E0, N0, H0] = [387900, 3175800, 22];
const [COS_A, SIN_A] = [Math.cos((15 * Math.PI) / 180), Math.sin((15 * Math.PI) / 180)];
const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

export const RAW: RawGeoreference = {
  mapConversion: {
    source: 'IfcMapConversion', eastings: E0, northings: N0, orthogonalHeight: H0, xAxisAbscissa: COS_A, xAxisOrdinate: SIN_A,
    scale: 1, factorX: null, factorY: null, factorZ: null,
  },
  projectedCrs: { name: 'EPSG:4548', geodeticDatum: 'CGCS2000', verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1 },
  siteReference: null,
  trueNorth: null,
};
export const GEOREFERENCE: Georeference = georef({ fileName: 'rail.ifc', lengthUnitM: 1, georeference: RAW }, {}, ctx());

/** Expected ECEF of a model point (Y-up metres): IFC (x, −z, y) → grid → proj4 → geocentric. */
export function expectedEcef([mx, my, mz]: readonly number[]): number[] {
  const [x, y, z] = [mx, -mz, my];
  const [lonDeg, latDeg] = proj4(EPSG_4548, 'WGS84', [E0 + x * COS_A - y * SIN_A, N0 + x * SIN_A + y * COS_A]);
  return proj4('WGS84', ECEF, [lonDeg, latDeg, H0 + z]) as number[];
}

/** ECEF of a content-frame position (glTF Y-up ENU relative to `originContent`). */
export function contentToEcef(built: BuiltModel, p: readonly number[]): number[] {
  const o = built.originContent;
  const enu = [p[0] + o[0], -(p[2] + o[2]), p[1] + o[1]];
  const m = built.georeference.enuToEcef;
  return [0, 1, 2].map((i) => m[i] * enu[0] + m[4 + i] * enu[1] + m[8 + i] * enu[2] + m[12 + i]);
}

export const apply = (m: readonly number[], p: readonly number[]) => [0, 1, 2].map((i) => m[i] * p[0] + m[4 + i] * p[1] + m[8 + i] * p[2] + m[12 + i]);
export const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** A thin strip from the origin to `lengthM` along model +X: one geometry far larger than an affine fit allows. */
function stripMesh(lengthM: number): MeshGeometry {
  return {
    positions: new Float32Array([0, 0, 0, lengthM, 0, 0, lengthM, 0, -2, 0, 0, -2]),
    normals: new Float32Array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]),
    indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
  };
}

export const DISTANCES_M = [100, 1000, 10000];
// Boxes (2 × 3 × 2 m) 30° off model +X, 5 m above the origin, at 100 m, 1 km and 10 km; plus a 10 km strip.
export const PLACEMENTS = DISTANCES_M.map((d) => placementMatrix(d * Math.cos(Math.PI / 6), 5, -d * Math.sin(Math.PI / 6), 40));
const STRIP_PLACEMENT = placementMatrix(0, 0, 0, 0);

export function railwayModel(): ParsedModel {
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
export function bakedErrors(built: BuiltModel, model: ParsedModel): number[] {
  return built.features.map((feature, i) => {
    const placed = model.elementGeometries[i].placed[0];
    const source = model.geometries.get(placed.geometryExpressId)!.positions;
    const positions = feature.parts[0].positions;
    // A box's 90° corners are not merged: same vertices, same order.
    if (positions.length !== source.length) throw new Error(`feature ${i}: ${positions.length / 3} vertices baked, ${source.length / 3} in the source`);
    let worst = 0;
    for (let v = 0; v < source.length; v += 3) {
      const want = expectedEcef(apply(placed.transform, [source[v], source[v + 1], source[v + 2]]));
      worst = Math.max(worst, distance(contentToEcef(built, [positions[v], positions[v + 1], positions[v + 2]]), want));
    }
    return worst;
  });
}

export const format = (errors: number[]) => errors.map((e, i) => `${DISTANCES_M[i] ?? 'strip'} m: ${e < 0.01 ? `${(e * 1000).toFixed(2)} mm` : `${e.toFixed(3)} m`}`).join(', ');

/**
 * Georeferencing error of baked vertices at 100 m, 1 km and 10 km from the anchor (and of a 10 km strip), metres:
 * the rigid tangent plane (`exactBeyondM: Infinity`) against the exact path (the default).
 */
export async function measureLongModelErrors(): Promise<{ placement: string; rigidM: number; exactM: number }[]> {
  const model = railwayModel();
  const rigid = await build(model, GEOREFERENCE, { detectInstancing: false, exactBeyondM: Infinity }, ctx());
  const exact = await build(model, GEOREFERENCE, { detectInstancing: false }, ctx());
  const rigidErrors = bakedErrors(rigid, model);
  const exactErrors = bakedErrors(exact, model);
  return rigidErrors.map((rigidM, i) => ({
    placement: DISTANCES_M[i] === undefined ? '10 km strip (one mesh)' : `box at ${DISTANCES_M[i] >= 1000 ? `${DISTANCES_M[i] / 1000} km` : `${DISTANCES_M[i]} m`}`,
    rigidM,
    exactM: exactErrors[i],
  }));
}
