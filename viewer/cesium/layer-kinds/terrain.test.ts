import * as Cesium from '@cesium/engine';
import type { CesiumTerrainProvider, TerrainProvider } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import type { CesiumModule } from '../load-cesium';
import { recordingContext, sceneLayerOf } from './layer-kind-test-doubles';
import { TERRAIN_LAYER_KIND } from './terrain';

/** A CesiumTerrainProvider stand-in (the plugin only reads its errorEvent). */
function fakeProvider(name: string): CesiumTerrainProvider {
  return { name, errorEvent: new Cesium.Event() } as unknown as CesiumTerrainProvider;
}

/** Terrain loads the test resolves or rejects by url, with the options each load was started with. */
function terrainLoads() {
  const pending = new Map<string, { resolve: (p: CesiumTerrainProvider) => void; reject: (e: unknown) => void }>();
  const calls: [string, unknown][] = [];
  const fromUrl = (url: string, options: unknown) => {
    calls.push([url, options]);
    return new Promise<CesiumTerrainProvider>((resolve, reject) => pending.set(url, { resolve, reject }));
  };
  const module = { ...Cesium, CesiumTerrainProvider: { fromUrl } } as unknown as CesiumModule;
  return { module, calls, settle: (url: string) => pending.get(url)! };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function terrainScene(module: CesiumModule, initial: TerrainProvider) {
  const scene = { terrainProvider: initial };
  const ctx = recordingContext(module, scene);
  return { scene, ctx, binding: TERRAIN_LAYER_KIND.bind(ctx) };
}

describe('TERRAIN_LAYER_KIND', () => {
  it('puts the last visible loaded terrain on the globe and falls back to the ellipsoid', async () => {
    const loads = terrainLoads();
    const initial = new Cesium.EllipsoidTerrainProvider();
    const { scene, ctx, binding } = terrainScene(loads.module, initial);
    const coarse = sceneLayerOf('terrain', null, { id: 'dem-30m', url: '/terrain/30m', order: 1 });
    const fine = sceneLayerOf('terrain', { requestVertexNormals: true }, { id: 'dem-5m', url: '/terrain/5m', order: 2 });
    const coarseHandle = binding.attach(coarse);
    const fineHandle = binding.attach(fine);
    expect(loads.calls).toEqual([
      ['/terrain/30m', { requestVertexNormals: false }],
      ['/terrain/5m', { requestVertexNormals: true }],
    ]);
    expect(scene.terrainProvider).toBe(initial); // nothing loaded yet: untouched

    const coarseProvider = fakeProvider('30m');
    loads.settle('/terrain/30m').resolve(coarseProvider);
    await flush();
    expect(scene.terrainProvider).toBe(coarseProvider); // the finer one is still loading
    const fineProvider = fakeProvider('5m');
    loads.settle('/terrain/5m').resolve(fineProvider);
    await flush();
    expect(scene.terrainProvider).toBe(fineProvider);
    expect(binding.status?.(fineHandle)).toEqual({ isLoaded: true, isActive: true, hasFailed: false });
    expect(ctx.reports).toEqual([['dem-30m', null], ['dem-5m', null]]);

    binding.update(fineHandle, { ...fine, isVisible: false }, fine);
    expect(scene.terrainProvider).toBe(coarseProvider);
    binding.update(coarseHandle, { ...coarse, isVisible: false }, coarse);
    expect(scene.terrainProvider).toBeInstanceOf(Cesium.EllipsoidTerrainProvider);
    expect(scene.terrainProvider).not.toBe(initial);
    binding.update(coarseHandle, coarse, { ...coarse, isVisible: false });
    expect(scene.terrainProvider).toBe(coarseProvider);
    binding.detach(coarseHandle);
    expect(scene.terrainProvider).toBeInstanceOf(Cesium.EllipsoidTerrainProvider);
    binding.detach(fineHandle);
  });

  it('lets the later attach win among equal orders, and a raised order take over', async () => {
    const loads = terrainLoads();
    const { scene, binding } = terrainScene(loads.module, new Cesium.EllipsoidTerrainProvider());
    const a = sceneLayerOf('terrain', null, { id: 'a', url: '/a' });
    const b = sceneLayerOf('terrain', null, { id: 'b', url: '/b' });
    const aHandle = binding.attach(a);
    binding.attach(b);
    const [pa, pb] = [fakeProvider('a'), fakeProvider('b')];
    loads.settle('/a').resolve(pa);
    loads.settle('/b').resolve(pb);
    await flush();
    expect(scene.terrainProvider).toBe(pb);
    binding.update(aHandle, { ...a, order: 5 }, a);
    expect(scene.terrainProvider).toBe(pa);
  });

  it('reports a layer.json that cannot be read and the first failed tile, once each attach', async () => {
    const loads = terrainLoads();
    const initial = new Cesium.EllipsoidTerrainProvider();
    const { scene, ctx, binding } = terrainScene(loads.module, initial);
    const broken = binding.attach(sceneLayerOf('terrain', null, { id: 'dem-x', url: '/terrain/x' }));
    loads.settle('/terrain/x').reject(new Cesium.RuntimeError('An error occurred while accessing /terrain/x/layer.json.'));
    await flush();
    expect(ctx.reports).toEqual([['dem-x', 'terrain layer dem-x (/terrain/x): An error occurred while accessing /terrain/x/layer.json.']]);
    expect(scene.terrainProvider).toBe(initial);
    expect(binding.isSettled?.(broken)).toBe(true);

    binding.attach(sceneLayerOf('terrain', null, { id: 'dem-y', url: '/terrain/y' }));
    const provider = fakeProvider('y');
    loads.settle('/terrain/y').resolve(provider);
    await flush();
    provider.errorEvent.raiseEvent({ message: 'Failed to obtain terrain tile X: 1 Y: 0 Level: 1.' });
    provider.errorEvent.raiseEvent({ message: 'Failed to obtain terrain tile X: 2 Y: 0 Level: 1.' });
    expect(ctx.reports.slice(1)).toEqual([
      ['dem-y', null],
      ['dem-y', 'terrain layer dem-y (/terrain/y): Failed to obtain terrain tile X: 1 Y: 0 Level: 1.'],
    ]);
  });

  it('ignores a terrain that arrives after its layer was detached', async () => {
    const loads = terrainLoads();
    const initial = new Cesium.EllipsoidTerrainProvider();
    const { scene, ctx, binding } = terrainScene(loads.module, initial);
    const handle = binding.attach(sceneLayerOf('terrain', null, { url: '/late' }));
    expect(binding.isSettled?.(handle)).toBe(false);
    binding.detach(handle);
    loads.settle('/late').resolve(fakeProvider('late'));
    await flush();
    expect(scene.terrainProvider).toBe(initial);
    expect(ctx.reports).toEqual([]);
  });

  it('re-attaches for a new url or a change of vertex normals only', () => {
    const { binding } = terrainScene(terrainLoads().module, new Cesium.EllipsoidTerrainProvider());
    const layer = sceneLayerOf('terrain', null);
    expect(binding.needsReattach?.({ ...layer, isVisible: false, order: 3 }, layer)).toBe(false);
    expect(binding.needsReattach?.({ ...layer, options: { requestVertexNormals: false } }, layer)).toBe(false);
    expect(binding.needsReattach?.({ ...layer, options: { requestVertexNormals: true } }, layer)).toBe(true);
    expect(binding.needsReattach?.({ ...layer, url: '/terrain/other' }, layer)).toBe(true);
  });
});
