import * as Cesium from '@cesium/engine';
import type { Primitive } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { TubePiece } from '@viewer/core/tube-features';
import { DEFAULT_HIGHLIGHT_COLOURS } from '../element-highlighter';
import type { CesiumModule } from '../load-cesium';
import { recordingContext, sceneLayerOf } from './layer-kind-test-doubles';
import { TUBES_LAYER_KIND, tubePieceGeometry, type TubeInstanceId } from './tubes';

const Module = Cesium as unknown as CesiumModule;
const LON = 115.89;
const LAT = 28.68;
/** Degrees of longitude per metre eastwards at LAT (WGS84 ellipsoid, from CesiumJS itself). */
const LON_DEG_PER_M = (() => {
  const a = Cesium.Cartesian3.fromDegrees(LON, LAT);
  const b = Cesium.Cartesian3.fromDegrees(LON + 0.001, LAT);
  return 0.001 / Cesium.Cartesian3.distance(a, b);
})();

/** Vertices of a computed geometry as cartographic positions, after `modelMatrix`. */
function cartographicVertices(geometry: Cesium.Geometry, modelMatrix = Cesium.Matrix4.IDENTITY): Cesium.Cartographic[] {
  const values = geometry.attributes.position!.values as Float64Array;
  const out: Cesium.Cartographic[] = [];
  for (let i = 0; i < values.length; i += 3) {
    const ecef = Cesium.Matrix4.multiplyByPoint(modelMatrix, new Cesium.Cartesian3(values[i], values[i + 1], values[i + 2]), new Cesium.Cartesian3());
    out.push(Cesium.Cartographic.fromCartesian(ecef));
  }
  return out;
}

function piece(patch: Partial<TubePiece>): TubePiece {
  return { featureId: 'p', featureIndex: 0, shape: 'run', positions: [], diameterMm: 300, radiusM: 0.15, name: null, ...patch };
}

describe('tubePieceGeometry', () => {
  it('puts a run\'s axis at the GeoJSON heights: vertices span h ± r (±1 mm)', () => {
    const run = piece({ positions: [LON, LAT, -2, LON + 40 * LON_DEG_PER_M, LAT, -2], diameterMm: 600, radiusM: 0.3 });
    const { geometry, modelMatrix } = tubePieceGeometry(Module, run);
    expect(modelMatrix).toBeUndefined();
    const computed = Cesium.PolylineVolumeGeometry.createGeometry(geometry as Cesium.PolylineVolumeGeometry)!;
    const heights = cartographicVertices(computed).map((c) => c.height);
    expect(Math.min(...heights)).toBeCloseTo(-2.3, 3);
    expect(Math.max(...heights)).toBeCloseTo(-1.7, 3);
    // across the pipe (north–south for an east–west run) the tube is 2 r wide
    const axis = Cesium.Cartesian3.fromDegrees(LON + 20 * LON_DEG_PER_M, LAT, -2);
    const northM = cartographicVertices(computed).map((c) => {
      const onAxisLon = Cesium.Cartesian3.fromRadians(Cesium.Math.toRadians(LON + 20 * LON_DEG_PER_M), c.latitude, -2);
      return Math.sign(c.latitude - Cesium.Math.toRadians(LAT)) * Cesium.Cartesian3.distance(onAxisLon, axis);
    });
    expect(Math.max(...northM)).toBeCloseTo(0.3, 3);
    expect(Math.min(...northM)).toBeCloseTo(-0.3, 3);
  });

  it('stands a riser on its segment: heights between its ends, every vertex r from the axis (±1 mm)', () => {
    const riser = piece({ shape: 'riser', positions: [LON, LAT, -2, LON, LAT, -6] });
    const { geometry, modelMatrix } = tubePieceGeometry(Module, riser);
    const computed = Cesium.CylinderGeometry.createGeometry(geometry as Cesium.CylinderGeometry)!;
    const vertices = cartographicVertices(computed, modelMatrix);
    const heights = vertices.map((c) => c.height);
    expect(Math.min(...heights)).toBeCloseTo(-6, 3);
    expect(Math.max(...heights)).toBeCloseTo(-2, 3);
    const axis = Cesium.Cartesian3.fromDegrees(LON, LAT, 0);
    const offAxisM = vertices.map((c) => Cesium.Cartesian3.distance(Cesium.Cartesian3.fromRadians(c.longitude, c.latitude, 0), axis));
    expect(Math.max(...offAxisM)).toBeCloseTo(0.15, 3);
  });
});

/** A scene stand-in that keeps added primitives and raises postRender on demand. */
function tubeScene() {
  const added: Primitive[] = [];
  const removed: Primitive[] = [];
  const postRender = new Cesium.Event();
  const primitives = {
    add: (p: Primitive) => (added.push(p), p),
    remove: (p: Primitive) => (removed.push(p), added.splice(added.indexOf(p), 1), true),
  };
  const ctx = recordingContext(Module, { primitives, postRender } as never);
  return { ctx, added, removed, postRender, binding: TUBES_LAYER_KIND.bind(ctx) };
}

/** Makes a primitive built in Node look ready, with per-instance colour attributes the test can read. */
function pretendReady(primitive: Primitive): Map<TubeInstanceId, { color: Uint8Array }> {
  const attributes = new Map<TubeInstanceId, { color: Uint8Array }>();
  for (const instance of primitive.geometryInstances as Cesium.GeometryInstance[]) {
    attributes.set(instance.id as TubeInstanceId, { color: new Uint8Array((instance.attributes as { color: { value: Uint8Array } }).color.value) });
  }
  Object.defineProperty(primitive, 'ready', { value: true });
  primitive.getGeometryInstanceAttributes = (id: TubeInstanceId) => attributes.get(id);
  return attributes;
}

function bytes(css: string): number[] {
  return [...Cesium.ColorGeometryInstanceAttribute.toValue(Cesium.Color.fromCssColorString(css))];
}

const PIPES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'main-1',
      geometry: { type: 'LineString', coordinates: [[LON, LAT, -2], [LON + 0.0005, LAT, -2], [LON + 0.0005, LAT, -5], [LON + 0.001, LAT, -5]] },
      properties: { diameterMm: 800, name: 'Main 1' },
    },
    { type: 'Feature', id: 'branch-2', geometry: { type: 'LineString', coordinates: [[LON, LAT + 0.0005], [LON, LAT + 0.001]] }, properties: {} },
    { type: 'Feature', id: 'bad', geometry: { type: 'Point', coordinates: [LON, LAT] } },
  ],
} as unknown as FeatureCollection;

describe('TUBES_LAYER_KIND', () => {
  it('batches every run and riser into one primitive with feature ids and the stroke colour', () => {
    const { added, binding } = tubeScene();
    const handle = binding.attach(sceneLayerOf('tubes', null, { data: PIPES, style: { stroke: '#ff8800' } }));
    expect(added).toHaveLength(1);
    const instances = added[0].geometryInstances as Cesium.GeometryInstance[];
    expect(instances.map((i) => [(i.id as TubeInstanceId).featureId, i.geometry.constructor.name])).toEqual([
      ['main-1', 'PolylineVolumeGeometry'],
      ['main-1', 'CylinderGeometry'],
      ['main-1', 'PolylineVolumeGeometry'],
      ['branch-2', 'PolylineVolumeGeometry'],
    ]);
    for (const instance of instances) expect([...(instance.attributes as { color: { value: Uint8Array } }).color.value]).toEqual(bytes('#ff8800'));
    expect(binding.status?.(handle)).toEqual({ featureCount: 3, skippedFeatureCount: 1, unidentifiedFeatureCount: 0, pieceCount: 4, isReady: false });
    const sphere = binding.boundingSphere?.(handle);
    const far = Cesium.Cartesian3.fromDegrees(LON + 0.001, LAT, -5);
    expect(Cesium.BoundingSphere.distanceSquaredTo(sphere!, far)).toBe(0);
  });

  it('picks and labels its own instances only', () => {
    const { added, binding } = tubeScene();
    const layer = sceneLayerOf('tubes', null, { data: PIPES });
    const handle = binding.attach(layer);
    const [first] = added[0].geometryInstances as Cesium.GeometryInstance[];
    expect(binding.pick?.(handle, { primitive: added[0], id: first.id }, layer)).toBe('main-1');
    // Cover = −height − radius: −(−2) − 0.4 = 1.6 m on the upper run, −(−5) − 0.4 = 4.6 m past the riser.
    expect(binding.label?.(handle, { primitive: added[0], id: first.id }, layer)).toEqual({ kind: null, name: 'Main 1', figures: { diameterMm: 800, coverM: { minM: 1.6, maxM: 4.6 } } });
    // A branch at the ellipsoid (height 0) has its crown above the ground: no cover figure, the default DN300.
    const branch = (added[0].geometryInstances as Cesium.GeometryInstance[]).find((instance) => (instance.id as { featureId: string }).featureId === 'branch-2')!;
    expect(binding.label?.(handle, { primitive: added[0], id: branch.id }, layer)).toEqual({ kind: null, name: 'branch-2', figures: { diameterMm: 300 } });
    expect(binding.pick?.(handle, { primitive: {}, id: first.id }, layer)).toBeNull();
    expect(binding.pick?.(handle, undefined, layer)).toBeNull();
  });

  it('reports ready after the primitive is, then colours every instance of a highlighted feature', () => {
    const { ctx, added, postRender, binding } = tubeScene();
    const layer = sceneLayerOf('tubes', null, { id: 'water', data: PIPES });
    const handle = binding.attach(layer);
    binding.highlight?.(handle, 'main-1', 'selected'); // before ready: remembered
    expect(binding.isSettled?.(handle)).toBe(false);
    const attributes = pretendReady(added[0]);
    postRender.raiseEvent();
    expect(ctx.reports).toEqual([['water', null]]);
    expect(binding.isSettled?.(handle)).toBe(true);
    const colourOf = (featureId: string) => [...attributes].filter(([id]) => id.featureId === featureId).map(([, a]) => [...a.color]);
    const selected = bytes(DEFAULT_HIGHLIGHT_COLOURS.selected);
    expect(colourOf('main-1')).toEqual([selected, selected, selected]);
    binding.highlight?.(handle, 'main-1', 'hover');
    expect(colourOf('main-1')[0]).toEqual(selected); // selection wins over hover
    binding.highlight?.(handle, 'branch-2', 'hover');
    expect(colourOf('branch-2')).toEqual([bytes(DEFAULT_HIGHLIGHT_COLOURS.hover)]);
    binding.highlight?.(handle, null, 'selected');
    binding.highlight?.(handle, null, 'hover');
    expect(colourOf('main-1')[1]).toEqual(bytes('#2f9be0'));
    expect(colourOf('branch-2')).toEqual([bytes('#2f9be0')]);
  });

  it('waits for data, shows/hides in place and rebuilds on a new style', () => {
    const { ctx, added, removed, binding } = tubeScene();
    const empty = sceneLayerOf('tubes', null, { data: null });
    const handle = binding.attach(empty);
    expect(added).toHaveLength(0);
    expect(binding.isSettled?.(handle)).toBe(false);
    const loaded = { ...empty, data: PIPES };
    binding.update(handle, loaded, empty);
    const first = added[0];
    const hidden = { ...loaded, isVisible: false };
    binding.update(handle, hidden, loaded);
    expect(added).toEqual([first]);
    expect(first.show).toBe(false);
    expect(binding.isSettled?.(handle)).toBe(true);
    const restyled = { ...hidden, style: { stroke: '#00ff00' } };
    binding.update(handle, restyled, hidden);
    expect(removed).toEqual([first]);
    expect(added).toHaveLength(1);
    expect(added[0]).not.toBe(first);
    expect(added[0].show).toBe(false);
    binding.detach(handle);
    expect(added).toHaveLength(0);
    expect(ctx.reports).toEqual([]);
  });

  it('reports a layer whose features are all unusable', () => {
    const { ctx, added, binding } = tubeScene();
    const points = { type: 'FeatureCollection', features: [PIPES.features[2], PIPES.features[2]] } as FeatureCollection;
    binding.attach(sceneLayerOf('tubes', null, { id: 'gas', url: '/api/geo/gas', data: points }));
    expect(added).toHaveLength(0);
    expect(ctx.reports).toEqual([['gas', 'tubes layer gas (/api/geo/gas): none of 2 features is a valid LineString or MultiLineString']]);
  });
});
