import * as Cesium from '@cesium/engine';
import type { PointPrimitive, Scene } from '@cesium/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import { DEFAULT_HIGHLIGHT_COLOURS } from '../element-highlighter';
import type { CesiumModule } from '../load-cesium';
import { installFontDocument, recordingContext, sceneLayerOf } from './layer-kind-test-doubles';
import { POINT_MARKER_PX, POINTS_LAYER_KIND, type PointsHandle } from './points';

const Module = Cesium as unknown as CesiumModule;

let removeFontDocument = () => {};
beforeAll(() => {
  removeFontDocument = installFontDocument();
});
afterAll(() => removeFontDocument());
const LON = 115.87;
const LAT = 28.67;
/** Degrees per metre east / north at LAT (spherical, R = 6 371 km; a few ‰ off the ellipsoid, plenty here). */
const EAST_DEG_PER_M = 180 / (Math.PI * 6_371_000 * Math.cos((LAT * Math.PI) / 180));
const NORTH_DEG_PER_M = 180 / (Math.PI * 6_371_000);

/**
 * A scene stand-in with a real CesiumJS camera over a 1280 × 800 px canvas, looking straight down from
 * `heightM` above (LON, LAT): at 10 km one pixel is ≈ 9 m on the ground, so the 40 px cluster range is ≈ 360 m.
 */
function pointScene(heightM = 10_000) {
  const added: unknown[] = [];
  const scene = {
    canvas: { clientWidth: 1280, clientHeight: 800 },
    drawingBufferWidth: 1280,
    drawingBufferHeight: 800,
    mapProjection: new Cesium.GeographicProjection(),
    frameState: { mode: Cesium.SceneMode.SCENE3D },
    mode: Cesium.SceneMode.SCENE3D,
    preRender: new Cesium.Event(),
    primitives: { add: (p: unknown) => (added.push(p), p), remove: (p: unknown) => (added.splice(added.indexOf(p), 1), true) },
  } as unknown as Scene & { camera: Cesium.Camera };
  scene.camera = new Cesium.Camera(scene);
  const look = (h: number) =>
    scene.camera.setView({ destination: Cesium.Cartesian3.fromDegrees(LON, LAT, h), orientation: { heading: 0, pitch: -Math.PI / 2, roll: 0 } });
  look(heightM);
  const ctx = recordingContext(Module, scene);
  return { scene, ctx, added, look, binding: POINTS_LAYER_KIND.bind(ctx), render: () => scene.preRender.raiseEvent(scene, undefined) };
}

function point(id: string | undefined, eastM: number, northM: number, heightM?: number, properties: unknown = {}): unknown {
  const coordinates = [LON + eastM * EAST_DEG_PER_M, LAT + northM * NORTH_DEG_PER_M];
  if (heightM !== undefined) coordinates.push(heightM);
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates }, properties };
}

/** a and b 100 m apart (≈ 11 px: one cluster), c 2 km east, d buried 5 m deep 1.5 km north, e on the far side. */
const SENSORS = {
  type: 'FeatureCollection',
  features: [
    point('a', 0, 0, 0, { code: 'A-1' }),
    point('b', 100, 0, undefined, { code: 'B-2' }),
    point('c', 2000, 0, 12, { code: 'C-3', name: 'Pump house' }),
    point('d', 0, 1500, -5, { code: 'D-4' }),
    { type: 'Feature', id: 'e', geometry: { type: 'Point', coordinates: [LON - 180, -LAT] }, properties: {} },
    { type: 'Feature', id: 'bad', geometry: { type: 'Point', coordinates: [LON, 91] } },
  ],
} as unknown as FeatureCollection;

function shownIds(handle: PointsHandle): string[] {
  return handle.points.flatMap((p, i) => (p.show ? [handle.markerIds[i].featureId ?? '?'] : []));
}

describe('POINTS_LAYER_KIND clustering', () => {
  it('merges markers closer than 40 px, hides markers behind the Earth, and shows each cluster with its count', () => {
    const { binding, render } = pointScene();
    const handle = binding.attach(sceneLayerOf('points', null, { data: SENSORS }));
    expect(shownIds(handle)).toEqual([]); // nothing before the first frame's clustering
    render();
    expect(shownIds(handle)).toEqual(['c', 'd']);
    expect(binding.status?.(handle)).toEqual({
      featureCount: 6,
      skippedFeatureCount: 1,
      unidentifiedFeatureCount: 0,
      markerCount: 5,
      shownMarkerCount: 2,
      clusterCount: 1,
    });
    const { circle, count } = handle.clusterMarkers!.get(0);
    expect(count.text).toBe('2');
    expect(circle.show).toBe(true);
    const midpoint = Cesium.Cartesian3.midpoint(handle.positionsEcef[0], handle.positionsEcef[1], new Cesium.Cartesian3());
    expect(Cesium.Cartesian3.distance(circle.position, midpoint)).toBeLessThan(0.001);
  });

  it('re-clusters when the camera moves: from 100 km the pump house 2 km away joins, from 500 m nothing merges', () => {
    const { binding, render, look } = pointScene();
    const handle = binding.attach(sceneLayerOf('points', null, { data: SENSORS }));
    render();
    look(100_000);
    render();
    expect(shownIds(handle)).toEqual([]);
    expect(handle.clusterMarkers!.get(0).count.text).toBe('4');
    look(500);
    render();
    expect(shownIds(handle)).toEqual(['a', 'b']); // c and d are off the 1280 × 800 px screen from 500 m
    expect(handle.clusterMarkers!.get(0).circle.show).toBe(false);
  });

  it('draws every marker alone with clusterPixelRange 0, and skips hidden layers', () => {
    const { binding, render } = pointScene();
    const layer = sceneLayerOf('points', { clusterPixelRange: 0 }, { data: SENSORS });
    const handle = binding.attach(layer);
    render();
    expect(shownIds(handle)).toEqual(['a', 'b', 'c', 'd']);
    const hidden = { ...layer, isVisible: false, options: { clusterPixelRange: 0 } };
    binding.update(handle, hidden, layer);
    expect(handle.group?.show).toBe(false);
    expect(binding.isSettled?.(handle)).toBe(true);
  });

  it('creates labels only for markers shown alone', () => {
    const { binding, render } = pointScene();
    const handle = binding.attach(sceneLayerOf('points', { labelProperty: 'code' }, { data: SENSORS }));
    render();
    expect(handle.markerLabels.map((label) => label?.text ?? null)).toEqual([null, null, 'C-3', 'D-4', null]);
    expect(handle.labels?.length).toBe(2);
  });
});

describe('POINTS_LAYER_KIND picking and highlight', () => {
  it('picks markers and their labels by feature id, and cluster markers as nothing', () => {
    const { binding, render } = pointScene();
    const layer = sceneLayerOf('points', { labelProperty: 'code' }, { data: SENSORS });
    const handle = binding.attach(layer);
    render();
    const c = handle.points[2];
    expect(binding.pick?.(handle, { primitive: c, collection: handle.markers, id: c.id }, layer)).toBe('c');
    const label = handle.markerLabels[2]!;
    expect(binding.pick?.(handle, { primitive: label, id: label.id }, layer)).toBe('c');
    expect(binding.label?.(handle, { primitive: c, id: c.id }, layer)).toEqual({ kind: null, name: 'C-3' });
    const { circle } = handle.clusterMarkers!.get(0);
    expect(binding.pick?.(handle, { primitive: circle, id: circle.id }, layer)).toBeNull();
    expect(binding.pick?.(handle, { primitive: c, id: { featureId: 'c' } }, layer)).toBeNull(); // another layer's id
  });

  it('enlarges and outlines hovered and selected markers; a selected marker leaves its cluster', () => {
    const { binding, render, ctx } = pointScene();
    const handle = binding.attach(sceneLayerOf('points', null, { data: SENSORS }));
    render();
    const a: PointPrimitive = handle.points[0];
    binding.highlight?.(handle, 'a', 'hover');
    expect(a.pixelSize).toBe(POINT_MARKER_PX.highlightedSize);
    expect(a.outlineColor.toCssHexString()).toBe(DEFAULT_HIGHLIGHT_COLOURS.hover);
    binding.highlight?.(handle, 'a', 'selected');
    expect(a.outlineColor.toCssHexString()).toBe(DEFAULT_HIGHLIGHT_COLOURS.selected);
    const renders = ctx.renderRequests();
    render();
    expect(shownIds(handle)).toEqual(['a', 'b', 'c', 'd']);
    expect(binding.status?.(handle).clusterCount).toBe(0);
    expect(renders).toBeGreaterThan(0);
    binding.highlight?.(handle, null, 'selected');
    binding.highlight?.(handle, null, 'hover');
    expect(a.pixelSize).toBe(POINT_MARKER_PX.size);
    expect(a.outlineColor.toCssHexString()).toBe('#ffffff');
    render();
    expect(shownIds(handle)).toEqual(['c', 'd']);
  });
});

describe('POINTS_LAYER_KIND lifecycle', () => {
  it('waits for data, reports what it drew, and stops listening to frames after the last detach', () => {
    const { scene, binding, ctx, added } = pointScene();
    const empty = sceneLayerOf('points', null, { id: 'sensors', data: null });
    const handle = binding.attach(empty);
    expect(binding.isSettled?.(handle)).toBe(false);
    expect(added).toEqual([]);
    binding.update(handle, { ...empty, data: SENSORS }, empty);
    expect(added).toEqual([handle.group]);
    expect(ctx.reports).toEqual([['sensors', null]]);
    const sphere = binding.boundingSphere?.(handle);
    for (const position of handle.positionsEcef) expect(Cesium.BoundingSphere.distanceSquaredTo(sphere!, position)).toBe(0);
    binding.detach(handle);
    expect(added).toEqual([]);
    expect(scene.preRender.numberOfListeners).toBe(0);
  });

  it('reports a layer without any usable point', () => {
    const { binding, ctx } = pointScene();
    const lines = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'l', geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON, LAT + 1]] } }] };
    binding.attach(sceneLayerOf('points', null, { id: 'sites', url: '/api/geo/sites', data: lines as FeatureCollection }));
    expect(ctx.reports).toEqual([['sites', 'points layer sites (/api/geo/sites): none of 1 features is a valid Point or MultiPoint']]);
  });
});
