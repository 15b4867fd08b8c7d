import * as Cesium from '@cesium/engine';
import type { Cesium3DTileset, Scene } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { CesiumModule } from './load-cesium';
import { TilesetLayers } from './tileset-layers';

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

describe('TilesetLayers ground offset', () => {
  it('lowers a tileset loaded before its offset was known once the offset arrives (22 m ± 1 mm)', async () => {
    const tileset = fakeTileset();
    const cesium = { ...Cesium, Cesium3DTileset: { fromUrl: () => Promise.resolve(tileset) } } as unknown as CesiumModule;
    const scene = fakeScene();
    const layers = new TilesetLayers(cesium, scene, () => {});
    const layer = { id: 'model-a', url: '/tiles/a/tileset.json', isVisible: true };
    layers.sync([layer]);
    await Promise.resolve();
    await Promise.resolve();
    expect(scene.added).toEqual([tileset]);
    expect(verticalOffsetM(tileset)).toBeCloseTo(0, 3);
    layers.sync([{ ...layer, groundOffsetM: 22 }]);
    expect(verticalOffsetM(tileset)).toBeCloseTo(-22, 3);
    layers.sync([{ ...layer, groundOffsetM: 22, isVisible: false }]);
    expect(verticalOffsetM(tileset)).toBeCloseTo(-22, 3);
    expect(tileset.show).toBe(false);
  });

  it('applies an offset that changed while tileset.json was still loading', async () => {
    const tileset = fakeTileset();
    let resolve: (t: Cesium3DTileset) => void = () => {};
    const pending = new Promise<Cesium3DTileset>((r) => (resolve = r));
    const cesium = { ...Cesium, Cesium3DTileset: { fromUrl: () => pending } } as unknown as CesiumModule;
    const layers = new TilesetLayers(cesium, fakeScene(), () => {});
    const layer = { id: 'model-b', url: '/tiles/b/tileset.json', isVisible: true };
    layers.sync([layer]);
    layers.sync([{ ...layer, groundOffsetM: 15.5 }]);
    resolve(tileset);
    await pending;
    await Promise.resolve();
    expect(verticalOffsetM(tileset)).toBeCloseTo(-15.5, 3);
  });
});
