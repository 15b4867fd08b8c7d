import * as Cesium from '@cesium/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CesiumModule } from '../load-cesium';
import { IMAGERY_LAYER_KIND } from './imagery';
import { recordingContext, sceneLayerOf } from './layer-kind-test-doubles';

/** A scene stand-in holding a real ImageryLayerCollection with a base layer at index 0. */
function imageryScene(Module: CesiumModule = Cesium as unknown as CesiumModule) {
  const imageryLayers = new Cesium.ImageryLayerCollection();
  const base = new Cesium.ImageryLayer(new Cesium.UrlTemplateImageryProvider({ url: '/cesium/base/{z}/{x}/{y}.jpg' }));
  imageryLayers.add(base);
  const ctx = recordingContext(Module, { imageryLayers });
  return { ctx, imageryLayers, base, binding: IMAGERY_LAYER_KIND.bind(ctx) };
}

const XYZ = { scheme: 'xyz' as const };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IMAGERY_LAYER_KIND', () => {
  it('stacks layers above the base imagery in ascending order and restacks when an order changes', () => {
    const { imageryLayers, base, binding } = imageryScene();
    const roads = sceneLayerOf('imagery', XYZ, { id: 'roads', url: '/roads/{z}/{x}/{y}.png', order: 2 });
    const photo = sceneLayerOf('imagery', XYZ, { id: 'photo', url: '/photo/{z}/{x}/{y}.jpg', order: 1 });
    const roadsHandle = binding.attach(roads);
    const photoHandle = binding.attach(photo);
    expect(imageryLayers.length).toBe(3);
    expect([imageryLayers.get(0), imageryLayers.get(1), imageryLayers.get(2)]).toEqual([base, photoHandle.imageryLayer, roadsHandle.imageryLayer]);
    binding.update(roadsHandle, { ...roads, order: 0 }, roads);
    expect([imageryLayers.get(0), imageryLayers.get(1), imageryLayers.get(2)]).toEqual([base, roadsHandle.imageryLayer, photoHandle.imageryLayer]);
  });

  it('changes opacity and visibility in place and re-attaches only for provider changes', () => {
    const { ctx, binding } = imageryScene();
    const layer = sceneLayerOf('imagery', { scheme: 'xyz', alpha: 0.8 }, { url: '/roads/{z}/{x}/{y}.png' });
    const handle = binding.attach(layer);
    const imageryLayer = handle.imageryLayer!;
    expect(imageryLayer.alpha).toBeCloseTo(0.8, 6);
    const next = { ...layer, isVisible: false, options: { scheme: 'xyz' as const, alpha: 0.4 } };
    expect(binding.needsReattach?.(next, layer)).toBe(false);
    const rendersBefore = ctx.renderRequests();
    binding.update(handle, next, layer);
    expect(handle.imageryLayer).toBe(imageryLayer);
    expect(imageryLayer.alpha).toBeCloseTo(0.4, 6);
    expect(imageryLayer.show).toBe(false);
    expect(ctx.renderRequests()).toBeGreaterThan(rendersBefore);
    expect(binding.needsReattach?.({ ...layer, url: '/other/{z}/{x}/{y}.png' }, layer)).toBe(true);
    expect(binding.needsReattach?.({ ...layer, options: { scheme: 'xyz', alpha: 0.8, maximumLevel: 12 } }, layer)).toBe(true);
  });

  it('requests 天地图 geographic tiles with TileMatrix = level + 1 and the layer and matrix-set values', async () => {
    const { binding } = imageryScene();
    const url =
      '/tdt/vec_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE={style}&TILEMATRIXSET={TileMatrixSet}' +
      '&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}';
    const handle = binding.attach(
      sceneLayerOf('imagery', { scheme: 'wmts', layer: 'vec', tileMatrixSetId: 'c', tilingScheme: 'geographic', maximumLevel: 17 }, { url }),
    );
    const provider = handle.imageryLayer!.imageryProvider;
    expect(provider).toBeInstanceOf(Cesium.WebMapTileServiceImageryProvider);
    expect(provider.tilingScheme).toBeInstanceOf(Cesium.GeographicTilingScheme);
    expect(provider.maximumLevel).toBe(17);
    const requested: string[] = [];
    vi.spyOn(Cesium.Resource.prototype, 'fetchImage').mockImplementation(function (this: Cesium.Resource) {
      requested.push(this.url);
      return Promise.resolve(undefined as unknown as ImageBitmap);
    });
    await provider.requestImage(1, 0, 0);
    await provider.requestImage(5, 2, 3);
    expect(requested).toHaveLength(2);
    expect(requested[0]).toContain('LAYER=vec&STYLE=default&TILEMATRIXSET=c');
    expect(requested[0]).toContain('TILEMATRIX=1&TILEROW=0&TILECOL=1');
    expect(requested[1]).toContain('TILEMATRIX=4&TILEROW=2&TILECOL=5');
  });

  it('reports success once the provider is ready, then only the first tile error', () => {
    const { ctx, binding } = imageryScene();
    const layer = sceneLayerOf('imagery', XYZ, { id: 'roads', url: '/roads/{z}/{x}/{y}.png' });
    const handle = binding.attach(layer);
    expect(ctx.reports).toEqual([['roads', null]]);
    const provider = handle.imageryLayer!.imageryProvider;
    for (let x = 0; x < 3; x++) {
      provider.errorEvent.raiseEvent(new Cesium.TileProviderError(provider, `Failed to obtain image tile X: ${x} Y: 0 Level: 1.`, x, 0, 1));
    }
    expect(ctx.reports).toEqual([
      ['roads', null],
      ['roads', 'imagery layer roads (/roads/{z}/{x}/{y}.png): Failed to obtain image tile X: 0 Y: 0 Level: 1.'],
    ]);
    expect(binding.isSettled?.(handle)).toBe(true);
    expect(binding.status?.(handle)).toMatchObject({ isReady: true, hasFailed: true, index: 1 });
  });

  it('reports refused options without adding a layer', () => {
    const { ctx, imageryLayers, binding } = imageryScene();
    const handle = binding.attach(sceneLayerOf('imagery', XYZ, { id: 'bad', url: '/roads/{x}/{y}.png' }));
    expect(handle.imageryLayer).toBeNull();
    expect(imageryLayers.length).toBe(1);
    expect(ctx.reports).toEqual([['bad', 'imagery layer bad (/roads/{x}/{y}.png): an XYZ url must contain {z}, {x} and {y} (or {-y} / {reverseY})']]);
    binding.detach(handle);
    expect(imageryLayers.length).toBe(1);
  });

  it('reports a TMS root that cannot be read, and removes and destroys layers on detach', async () => {
    const failingTms = {
      ...Cesium,
      TileMapServiceImageryProvider: { fromUrl: () => Promise.reject(new Cesium.RuntimeError('tilemapresource.xml: 500')) },
    } as unknown as CesiumModule;
    const { ctx, imageryLayers, binding } = imageryScene(failingTms);
    const handle = binding.attach(sceneLayerOf('imagery', { scheme: 'tms' }, { id: 'ortho', url: '/ortho/2023' }));
    expect(binding.isSettled?.(handle)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ctx.reports).toEqual([['ortho', 'imagery layer ortho (/ortho/2023): tilemapresource.xml: 500']]);
    expect(binding.isSettled?.(handle)).toBe(true);
    const imageryLayer = handle.imageryLayer!;
    binding.detach(handle);
    expect(imageryLayers.length).toBe(1);
    expect(imageryLayer.isDestroyed()).toBe(true);
  });
});
