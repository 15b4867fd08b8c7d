import * as Cesium from '@cesium/engine';
import type { Cesium3DTileset } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { CesiumModule } from '../load-cesium';
import { EXTERNAL_TILESET_LAYER_KIND, pipeFigures, resolveExternalTilesetOptions } from './external-tileset';
import { recordingContext, sceneLayerOf } from './layer-kind-test-doubles';

/** Centre of a massing tileset over Nanchang's Honggutan district (115.86° E, 28.69° N, 40 m), ECEF metres. */
const CENTRE_ECEF = Cesium.Cartesian3.fromDegrees(115.8605, 28.6895, 40);

type FakeTileset = Cesium3DTileset & { destroyed: boolean };

function fakeTileset(centreEcef = CENTRE_ECEF): FakeTileset {
  const tileset = {
    boundingSphere: new Cesium.BoundingSphere(centreEcef, 250),
    show: true,
    modelMatrix: Cesium.Matrix4.clone(Cesium.Matrix4.IDENTITY),
    maximumScreenSpaceError: 16,
    tilesLoaded: false,
    tileFailed: new Cesium.Event(),
    destroyed: false,
    destroy() {
      tileset.destroyed = true;
    },
  };
  return tileset as unknown as FakeTileset;
}

/** A tileset load the test settles, with the options it was started with. */
function tilesetLoad() {
  let settle = { resolve: (_: Cesium3DTileset) => {}, reject: (_: unknown) => {} };
  const calls: [string, unknown][] = [];
  const fromUrl = (url: string, options: unknown) => {
    calls.push([url, options]);
    return new Promise<Cesium3DTileset>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { module: { ...Cesium, Cesium3DTileset: { fromUrl } } as unknown as CesiumModule, calls, settle: () => settle };
}

function tilesetScene(module: CesiumModule) {
  const added: unknown[] = [];
  const primitives = {
    add: (p: unknown) => added.push(p),
    remove: (p: { destroy(): void }) => {
      added.splice(added.indexOf(p), 1);
      p.destroy();
      return true;
    },
  };
  const ctx = recordingContext(module, { primitives } as never);
  return { ctx, added, binding: EXTERNAL_TILESET_LAYER_KIND.bind(ctx) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Height change of the bounding-sphere centre moved by the tileset's modelMatrix, metres (ellipsoidal). */
function centreRiseM(tileset: Cesium3DTileset): number {
  const moved = Cesium.Matrix4.multiplyByPoint(tileset.modelMatrix, CENTRE_ECEF, new Cesium.Cartesian3());
  return Cesium.Cartographic.fromCartesian(moved).height - Cesium.Cartographic.fromCartesian(CENTRE_ECEF).height;
}

/** Horizontal displacement of the centre by the modelMatrix, metres. */
function centreShiftM(tileset: Cesium3DTileset): number {
  const moved = Cesium.Matrix4.multiplyByPoint(tileset.modelMatrix, CENTRE_ECEF, new Cesium.Cartesian3());
  const a = Cesium.Cartographic.fromCartesian(CENTRE_ECEF);
  const b = Cesium.Cartographic.fromCartesian(moved);
  return Cesium.Cartesian3.distance(Cesium.Cartesian3.fromRadians(a.longitude, a.latitude, 0), Cesium.Cartesian3.fromRadians(b.longitude, b.latitude, 0));
}

describe('EXTERNAL_TILESET_LAYER_KIND', () => {
  it('loads with its screen-space error and raises it along the local vertical (±1 mm)', async () => {
    const load = tilesetLoad();
    const { ctx, added, binding } = tilesetScene(load.module);
    const layer = sceneLayerOf('external-tileset', { maximumScreenSpaceErrorPx: 24, heightOffsetM: 12.5 }, { id: 'massing', url: '/3dtiles/massing/tileset.json' });
    const handle = binding.attach(layer);
    expect(load.calls).toEqual([['/3dtiles/massing/tileset.json', { maximumScreenSpaceError: 24 }]]);
    const tileset = fakeTileset();
    load.settle().resolve(tileset);
    await flush();
    expect(added).toEqual([tileset]);
    expect(ctx.reports).toEqual([['massing', null]]);
    expect(tileset.maximumScreenSpaceError).toBe(24);
    expect(centreRiseM(tileset)).toBeCloseTo(12.5, 3);
    expect(centreShiftM(tileset)).toBeLessThan(0.001);

    binding.update(handle, { ...layer, options: { maximumScreenSpaceErrorPx: 8, heightOffsetM: -3 } }, layer);
    expect(centreRiseM(tileset)).toBeCloseTo(-3, 3);
    expect(centreShiftM(tileset)).toBeLessThan(0.001);
    expect(tileset.maximumScreenSpaceError).toBe(8);
    expect(binding.boundingSphere?.(handle)).toBe(tileset.boundingSphere);
    expect(binding.status?.(handle)).toEqual({ isLoaded: true, hasFailed: false, heightOffsetM: -3, maximumScreenSpaceErrorPx: 8 });
  });

  it('applies visibility and offset changed while tileset.json was loading', async () => {
    const load = tilesetLoad();
    const { binding } = tilesetScene(load.module);
    const layer = sceneLayerOf('external-tileset', null);
    const handle = binding.attach(layer);
    expect(binding.isSettled?.(handle)).toBe(false);
    binding.update(handle, { ...layer, isVisible: false, options: { heightOffsetM: 7 } }, layer);
    expect(binding.isSettled?.(handle)).toBe(true); // hidden layers never hold up readiness
    const tileset = fakeTileset();
    load.settle().resolve(tileset);
    await flush();
    expect(tileset.show).toBe(false);
    expect(centreRiseM(tileset)).toBeCloseTo(7, 3);
  });

  it('leaves a tileset centred at the Earth centre unmoved (no vertical there)', async () => {
    const load = tilesetLoad();
    const { binding } = tilesetScene(load.module);
    binding.attach(sceneLayerOf('external-tileset', { heightOffsetM: 30 }));
    const tileset = fakeTileset(new Cesium.Cartesian3(0, 0, 0));
    load.settle().resolve(tileset);
    await flush();
    expect(Cesium.Matrix4.equals(tileset.modelMatrix, Cesium.Matrix4.IDENTITY)).toBe(true);
  });

  it('picks features of its own tileset by id, globalId, name, then feature index', async () => {
    const load = tilesetLoad();
    const { binding } = tilesetScene(load.module);
    const layer = sceneLayerOf('external-tileset', null);
    const handle = binding.attach(layer);
    const tileset = fakeTileset();
    load.settle().resolve(tileset);
    await flush();
    const properties: Record<string, unknown>[] = [{ id: 'bldg-7', name: 'Tower 7' }, { name: 'Library' }, { height: 30 }];
    const content = (owner: Cesium3DTileset) => ({ tileset: owner, batchTable: { getProperty: (batchId: number, name: string) => properties[batchId][name] } });
    // The real class; its typings hide the (content, batchId) constructor CesiumJS itself uses.
    const Feature = Cesium.Cesium3DTileFeature as unknown as new (content: unknown, batchId: number) => Cesium.Cesium3DTileFeature;
    const feature = (batchId: number, owner: Cesium3DTileset = tileset) => new Feature(content(owner), batchId);
    expect(binding.pick?.(handle, feature(0), layer)).toBe('bldg-7');
    expect(binding.pick?.(handle, feature(1), layer)).toBe('Library');
    expect(binding.pick?.(handle, feature(2), layer)).toBe('2');
    expect(binding.pick?.(handle, feature(0, fakeTileset()), layer)).toBeNull();
    expect(binding.pick?.(handle, { primitive: tileset }, layer)).toBeNull();
    expect(binding.label?.(handle, feature(0), layer)).toEqual({ kind: null, name: 'Tower 7' });
    expect(binding.label?.(handle, feature(2), layer)).toEqual({ kind: null, name: '2' });
  });

  it('reports an unreadable tileset.json, and only the first failed tile', async () => {
    const failing = tilesetLoad();
    const first = tilesetScene(failing.module);
    const handle = first.binding.attach(sceneLayerOf('external-tileset', null, { id: 'oblique', url: '/oblique/tileset.json' }));
    failing.settle().reject(new Cesium.RuntimeError('Request has failed. Status Code: 404'));
    await flush();
    expect(first.ctx.reports).toEqual([['oblique', 'external-tileset layer oblique (/oblique/tileset.json): Request has failed. Status Code: 404']]);
    expect(first.binding.isSettled?.(handle)).toBe(true);

    const load = tilesetLoad();
    const second = tilesetScene(load.module);
    second.binding.attach(sceneLayerOf('external-tileset', null, { id: 'oblique', url: '/oblique/tileset.json' }));
    const tileset = fakeTileset();
    load.settle().resolve(tileset);
    await flush();
    tileset.tileFailed.raiseEvent({ url: '/oblique/0/0.b3dm', message: 'Status Code: 500' });
    tileset.tileFailed.raiseEvent({ url: '/oblique/0/1.b3dm', message: 'Status Code: 500' });
    expect(second.ctx.reports).toEqual([
      ['oblique', null],
      ['oblique', 'external-tileset layer oblique (/oblique/tileset.json): tile /oblique/0/0.b3dm: Status Code: 500'],
    ]);
  });

  it('destroys a tileset that arrives after detach, and removes a loaded one on detach', async () => {
    const load = tilesetLoad();
    const { added, binding } = tilesetScene(load.module);
    const early = binding.attach(sceneLayerOf('external-tileset', null));
    binding.detach(early);
    const late = fakeTileset();
    load.settle().resolve(late);
    await flush();
    expect(late.destroyed).toBe(true);
    expect(added).toEqual([]);

    const handle = binding.attach(sceneLayerOf('external-tileset', null));
    const tileset = fakeTileset();
    load.settle().resolve(tileset);
    await flush();
    expect(added).toEqual([tileset]);
    binding.detach(handle);
    expect(added).toEqual([]);
    expect(tileset.destroyed).toBe(true);
    expect(binding.needsReattach?.(sceneLayerOf('external-tileset', null, { url: '/b' }), sceneLayerOf('external-tileset', null))).toBe(true);
  });
});

describe('resolveExternalTilesetOptions', () => {
  it('defaults to 16 px and 0 m and refuses unusable values', () => {
    expect(resolveExternalTilesetOptions(null)).toEqual({ maximumScreenSpaceErrorPx: 16, heightOffsetM: 0 });
    expect(resolveExternalTilesetOptions({ maximumScreenSpaceErrorPx: 0, heightOffsetM: Number.NaN })).toEqual({ maximumScreenSpaceErrorPx: 16, heightOffsetM: 0 });
    expect(resolveExternalTilesetOptions({ maximumScreenSpaceErrorPx: 2, heightOffsetM: -25 })).toEqual({ maximumScreenSpaceErrorPx: 2, heightOffsetM: -25 });
  });
});

describe('pipeFigures', () => {
  const of = (properties: Record<string, unknown>) => pipeFigures((name) => properties[name]);
  it('gives the diameter and the cover (axis depth − DN/2) of a pipe feature', () => {
    // DN500 with its axis 1.45 m deep: crown at 1.45 − 0.25 = 1.2 m below the ground.
    expect(of({ diameterMm: 500, depthM: 1.45 })).toEqual({ diameterMm: 500, coverM: { minM: 1.2, maxM: 1.2 } });
    // No depth, or an axis shallower than the radius (crown above the ground): the diameter alone.
    expect(of({ diameterMm: 300 })).toEqual({ diameterMm: 300 });
    expect(of({ diameterMm: 600, depthM: 0.2 })).toEqual({ diameterMm: 600 });
  });
  it('gives nothing for features that are not pipes', () => {
    expect(of({ name: 'Wall' })).toBeNull();
    expect(of({ diameterMm: '500' })).toBeNull();
    expect(of({ diameterMm: Number.NaN })).toBeNull();
    expect(of({ diameterMm: 0, depthM: 1 })).toBeNull();
  });
});
