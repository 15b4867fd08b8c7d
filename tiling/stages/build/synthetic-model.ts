/**
 * Test support: small ParsedModel and Georeference objects built in code (boxes and slabs, some sharing one
 * geometry), so the build → tile → write stages are tested without web-ifc. Used by the tests of those stages
 * and by integration tests; not part of the conversion itself.
 */
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { ElementGeometry, IfcElement, MeshGeometry, ParsedModel } from '@tiling/stages/parse/parsed-model';
import type { Matrix4 } from '@tiling/math/matrix4';

/**
 * An axis-aligned box mesh from (0, 0, 0) to (sx, sy, sz), metres: 24 vertices (flat normals), 12 triangles,
 * counter-clockwise seen from outside.
 */
export function createBoxMesh(sx: number, sy: number, sz: number): MeshGeometry {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  // Each face: normal axis, sign, and two in-plane axes (u, v) with u × v = normal.
  const faces: [number, number, number, number][] = [
    [0, 1, 1, 2], [0, -1, 2, 1], [1, 1, 2, 0], [1, -1, 0, 2], [2, 1, 0, 1], [2, -1, 1, 0],
  ];
  const size = [sx, sy, sz];
  for (const [axis, sign, u, v] of faces) {
    const base = positions.length / 3;
    for (const [a, b] of [[0, 0], [1, 0], [1, 1], [0, 1]]) {
      const p = [0, 0, 0];
      p[axis] = sign > 0 ? size[axis] : 0;
      p[u] = a * size[u];
      p[v] = b * size[v];
      positions.push(...p);
      const n = [0, 0, 0];
      n[axis] = sign;
      normals.push(...n);
    }
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  return { positions: new Float32Array(positions), normals: new Float32Array(normals), indices: new Uint32Array(indices) };
}

/** Column-major translation · rotation about the model's Y (up) axis. */
export function placementMatrix(x: number, y: number, z: number, rotationYDeg = 0): Matrix4 {
  const r = (rotationYDeg * Math.PI) / 180;
  const c = Math.cos(r), s = Math.sin(r);
  return [c, 0, -s, 0, 0, 1, 0, 0, s, 0, c, 0, x, y, z, 1];
}

const BASE64_IFC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

/** A deterministic 22-character IFC GlobalId for test element `n`. */
export function syntheticGlobalId(n: number): string {
  let out = '';
  let v = n * 2654435761 + 12345;
  for (let i = 0; i < 22; i++) {
    out += BASE64_IFC[(v + i * 7) % 64];
    v = Math.floor(v / 3) + i * 131;
  }
  return `${out.slice(0, 16)}${String(n).padStart(6, '0')}`.slice(0, 22);
}

/** Shape of {@link createSyntheticModel}'s test model. */
export interface SyntheticModelOptions {
  /** Small boxes (0.5 m) on a grid. */
  boxes?: number;
  /** Big slabs (20 × 0.3 × 12 m), one per storey. */
  slabs?: number;
  /** Every n-th box shares geometry #1000 (placed with a rotation); 0 = none. */
  sharedEvery?: number;
  /** Grid spacing of the boxes, metres. */
  spacingM?: number;
}

/**
 * A ParsedModel with `slabs` big slabs and `boxes` small boxes (some sharing one geometry); element names
 * include Chinese text (客厅, 卧室). Positions are in the model frame (Y-up), metres, near the origin.
 */
export function createSyntheticModel(options: SyntheticModelOptions = {}): ParsedModel {
  const { boxes = 200, slabs = 3, sharedEvery = 2, spacingM = 1.5 } = options;
  const geometries = new Map<number, MeshGeometry>();
  const elements: IfcElement[] = [];
  const elementGeometries: ElementGeometry[] = [];
  const storeys = ['1层', '2层', '3层'];
  geometries.set(1000, createBoxMesh(0.5, 0.5, 0.5));
  geometries.set(2000, createBoxMesh(20, 0.3, 12));
  let expressId = 10;
  for (let i = 0; i < slabs; i++) {
    expressId += 1;
    elements.push({
      expressId,
      globalId: syntheticGlobalId(expressId),
      ifcClass: 'IfcSlab',
      name: `楼板 ${i + 1}`,
      storey: storeys[i % storeys.length],
      typeName: 'Slab 300',
      material: '混凝土',
      propertySets: { Pset_SlabCommon: { IsExternal: false, LoadBearing: true } },
    });
    elementGeometries.push({
      expressId,
      placed: [{ geometryExpressId: 2000, color: [0.8, 0.8, 0.8, 1], transform: placementMatrix(0, i * 3, 0) }],
    });
  }
  const perRow = Math.max(1, Math.floor(18 / spacingM));
  for (let i = 0; i < boxes; i++) {
    expressId += 1;
    const shared = sharedEvery > 0 && i % sharedEvery === 0;
    const geometryExpressId = shared ? 1000 : 3000 + i;
    if (!shared) geometries.set(geometryExpressId, createBoxMesh(0.4 + (i % 3) * 0.05, 0.5, 0.3));
    const storey = i % storeys.length;
    const col = Math.floor(i / storeys.length) % perRow;
    const row = Math.floor(Math.floor(i / storeys.length) / perRow);
    elements.push({
      expressId,
      globalId: syntheticGlobalId(expressId),
      ifcClass: i % 2 ? 'IfcFurnishingElement' : 'IfcFlowTerminal',
      name: i % 2 ? `客厅 沙发 ${i}` : `卧室 灯 ${i}`,
      storey: storeys[storey],
      typeName: null,
      material: null,
      propertySets: {},
    });
    const color: [number, number, number, number] = i % 5 === 0 ? [0.2, 0.4, 0.9, 0.5] : [0.6, 0.3, 0.1, 1];
    elementGeometries.push({
      expressId,
      placed: [
        {
          geometryExpressId,
          color,
          transform: placementMatrix(0.5 + col * spacingM, storey * 3 + 0.3, 0.5 + row * spacingM, shared ? (i * 37) % 360 : 0),
        },
      ],
    });
  }
  const storeyNodes = storeys.map((name, i) => ({
    expressId: 5 + i,
    globalId: syntheticGlobalId(5 + i),
    ifcClass: 'IfcBuildingStorey',
    name,
    children: [],
  }));
  const containment: Record<string, string[]> = {};
  for (const [i, node] of storeyNodes.entries()) {
    containment[node.globalId] = elements.filter((e) => e.storey === storeys[i]).map((e) => e.globalId);
  }
  return {
    fileName: 'synthetic.ifc',
    schema: 'IFC4',
    schemaFamily: 'IFC4',
    lengthUnitM: 1,
    projectName: '南昌测试项目',
    elements,
    geometries,
    elementGeometries,
    spatialTree: {
      expressId: 1,
      globalId: syntheticGlobalId(1),
      ifcClass: 'IfcProject',
      name: '南昌测试项目',
      children: [
        {
          expressId: 2,
          globalId: syntheticGlobalId(2),
          ifcClass: 'IfcSite',
          name: '地块',
          children: [{ expressId: 3, globalId: syntheticGlobalId(3), ifcClass: 'IfcBuilding', name: '1# 楼', children: storeyNodes }],
        },
      ],
    },
    containment,
    georeference: { mapConversion: null, projectedCrs: null, siteReference: null, trueNorth: null },
  };
}

/**
 * A Georeference at (lonDeg, latDeg, heightM) with the model's +Y (north in plan) rotated `headingDeg` clockwise
 * from true north. modelToEnu: model (x, y, z) Y-up → ENU; enuToEcef: the standard east-north-up frame on WGS84.
 */
export function createSyntheticGeoreference(lonDeg = 115.8529484, latDeg = 28.6931596, heightM = 22, headingDeg = 15): Georeference {
  const h = (headingDeg * Math.PI) / 180;
  // Plan axes: model x → east rotated by heading, model −z (IFC +y, plan north) → north rotated by heading.
  const planX = [Math.cos(h), -Math.sin(h)];
  const planY = [Math.sin(h), Math.cos(h)];
  const modelToEnu = [planX[0], planX[1], 0, 0, 0, 0, 1, 0, -planY[0], -planY[1], 0, 0, 0, 0, 0, 1];
  const lon = (lonDeg * Math.PI) / 180, lat = (latDeg * Math.PI) / 180;
  const a = 6378137, f = 1 / 298.257223563, e2 = f * (2 - f);
  const nRadius = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const origin = [
    (nRadius + heightM) * Math.cos(lat) * Math.cos(lon),
    (nRadius + heightM) * Math.cos(lat) * Math.sin(lon),
    (nRadius * (1 - e2) + heightM) * Math.sin(lat),
  ];
  const east = [-Math.sin(lon), Math.cos(lon), 0];
  const north = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return {
    method: 'placement',
    anchor: { lonDeg, latDeg, heightM },
    heightDatum: 'ellipsoidal (test)',
    headingDeg,
    epsg: null,
    modelToEnu,
    enuToEcef: [...east, 0, ...north, 0, ...up, 0, ...origin, 1],
    warnings: [],
  };
}
