import * as Cesium from '@cesium/engine';
import type { Cesium3DTileset, Scene } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { CesiumModule } from '../load-cesium';
import { MODEL_GROUND_CLEARANCE_M, TILESET_LAYER_KIND } from './tileset';

/** Binds the plugin to a stand-in scene (no WebGL). */
function bind(cesium: CesiumModule, scene: Scene, loads: [string, string | null][] = []) {
  return TILESET_LAYER_KIND.bind({ Cesium: cesium, scene, requestRender: () => {}, reportLoad: (id, message) => loads.push([id, message]) });
}

function modelLayer(id: string, groundOffsetM?: number, isVisible = true): SceneLayer {
  return { id, plate: 'twin', kind: 'tileset', url: `/tiles/${id}/tileset.json`, isVisible, style: null, options: groundOffsetM === undefined ? null : { groundOffsetM }, data: null, order: 0 };
}

/** A tileset stand-in rooted at an ECEF anchor in Nanchang (115.8529° E, 28.6932° N, 0 m). */
function fakeTileset(): Cesium3DTileset {
  const anchorEcef = Cesium.Cartesian3.fromDegrees(115.8529484, 28.6931596, 0);
  return {
    root: { transform: Cesium.Matrix4.fromTranslation(anchorEcef) },
    tileLoad: new Cesium.Event(),
    tileUnload: new Cesium.Event(),
    show: true,
    modelMatrix: Cesium.Matrix4.clone(Cesium.Matrix4.IDENTITY),
    tilesLoaded: true,
  } as unknown as Cesium3DTileset;
}

/** A scene stand-in that counts primitives and render requests. */
function fakeScene(): Scene & { added: unknown[] } {
  const added: unknown[] = [];
  return {
    added,
    primitives: { add: (p: unknown) => added.push(p), remove: () => true },
    requestRender: () => {},
    isDestroyed: () => false,
  } as unknown as Scene & { added: unknown[] };
}

/** Signed translation of a tileset's modelMatrix along the ellipsoid normal at its anchor, metres. */
function verticalOffsetM(tileset: Cesium3DTileset): number {
  const anchorEcef = Cesium.Matrix4.getTranslation(tileset.root.transform, new Cesium.Cartesian3());
  const up = Cesium.Ellipsoid.WGS84.geodeticSurfaceNormal(anchorEcef, new Cesium.Cartesian3());
  const translation = Cesium.Matrix4.getTranslation(tileset.modelMatrix, new Cesium.Cartesian3());
  return Cesium.Cartesian3.dot(translation, up);
}

describe('tileset layer kind: ground offset', () => {
  it('lowers a tileset loaded before its offset was known once the offset arrives (22 m − 0.1 m clearance, ± 1 mm)', async () => {
    const tileset = fakeTileset();
    const cesium = { ...Cesium, Cesium3DTileset: { fromUrl: () => Promise.resolve(tileset) } } as unknown as CesiumModule;
    const scene = fakeScene();
    const loads: [string, string | null][] = [];
    const binding = bind(cesium, scene, loads);
    const layer = modelLayer('model-a');
    const handle = binding.attach(layer);
    await Promise.resolve();
    await Promise.resolve();
    expect(scene.added).toEqual([tileset]);
    expect(loads).toEqual([['model-a', null]]);
    // Without an offset the model stands MODEL_GROUND_CLEARANCE_M (0.1 m) above the globe: no z-fighting.
    expect(verticalOffsetM(tileset)).toBeCloseTo(MODEL_GROUND_CLEARANCE_M, 3);
    expect(MODEL_GROUND_CLEARANCE_M).toBe(0.1);
    binding.update(handle, modelLayer('model-a', 22), layer);
    expect(verticalOffsetM(tileset)).toBeCloseTo(-21.9, 3);
    binding.update(handle, modelLayer('model-a', 22, false), modelLayer('model-a', 22));
    expect(verticalOffsetM(tileset)).toBeCloseTo(-21.9, 3);
    expect(tileset.show).toBe(false);
    expect(binding.isSettled?.(handle)).toBe(true);
  });

  it('applies an offset that changed while tileset.json was still loading', async () => {
    const tileset = fakeTileset();
    let resolve: (t: Cesium3DTileset) => void = () => {};
    const pending = new Promise<Cesium3DTileset>((r) => (resolve = r));
    const cesium = { ...Cesium, Cesium3DTileset: { fromUrl: () => pending } } as unknown as CesiumModule;
    const binding = bind(cesium, fakeScene());
    const layer = modelLayer('model-b');
    const handle = binding.attach(layer);
    expect(binding.isSettled?.(handle)).toBe(false);
    binding.update(handle, modelLayer('model-b', 15.5), layer);
    resolve(tileset);
    await pending;
    await Promise.resolve();
    expect(verticalOffsetM(tileset)).toBeCloseTo(-15.4, 3);
  });
});

describe('tileset layer kind: detach and failures', () => {
  it('destroys a tileset that arrives after its layer was detached, and reports a failed load with its URL', async () => {
    const tileset = Object.assign(fakeTileset(), { destroyed: false, destroy() { this.destroyed = true; } });
    const scene = fakeScene();
    const ok = bind({ ...Cesium, Cesium3DTileset: { fromUrl: () => Promise.resolve(tileset) } } as unknown as CesiumModule, scene);
    ok.detach(ok.attach(modelLayer('model-c')));
    await Promise.resolve();
    await Promise.resolve();
    expect(tileset.destroyed).toBe(true);
    expect(scene.added).toEqual([]);

    const loads: [string, string | null][] = [];
    const failing = bind({ ...Cesium, Cesium3DTileset: { fromUrl: () => Promise.reject(new Error('HTTP 404')) } } as unknown as CesiumModule, fakeScene(), loads);
    const handle = failing.attach(modelLayer('model-d'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loads).toEqual([['model-d', '/tiles/model-d/tileset.json: HTTP 404']]);
    expect(failing.isSettled?.(handle)).toBe(true);
    expect(failing.needsReattach?.(modelLayer('model-d'), { ...modelLayer('model-d'), url: '/other.json' })).toBe(true);
  });
});
