import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { imageryAlpha, imagerySourceKey, resolveImagerySource, type ImageryOptions } from './imagery-source';

/** 天地图-style KVP request written as a template (host-less: the twin only ever talks to its own proxy). */
const TDT_VEC_C =
  '/tdt/vec_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE={style}&TILEMATRIXSET={TileMatrixSet}' +
  '&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}';

describe('resolveImagerySource', () => {
  it('builds an XYZ source with Web Mercator tiling by default', () => {
    expect(resolveImagerySource('/basemap/{z}/{x}/{y}.png', { scheme: 'xyz' })).toEqual({
      provider: 'url-template',
      url: '/basemap/{z}/{x}/{y}.png',
      tilingScheme: 'webmercator',
      maximumLevel: undefined,
      credit: undefined,
      subdomains: undefined,
    });
  });

  it("turns Leaflet's {-y} into CesiumJS's {reverseY} and keeps subdomains, level and credit", () => {
    const source = resolveImagerySource('/t{s}/{z}/{x}/{-y}.jpg', {
      scheme: 'xyz',
      subdomains: ['0', '1'],
      maximumLevel: 18,
      credit: 'Survey bureau',
      tilingScheme: 'geographic',
    });
    expect(source).toMatchObject({
      url: '/t{s}/{z}/{x}/{reverseY}.jpg',
      subdomains: ['0', '1'],
      maximumLevel: 18,
      credit: 'Survey bureau',
      tilingScheme: 'geographic',
    });
  });

  it('hands CesiumJS the attribution as text: its Credit renders HTML (DOMPurify keeps <style>, <a>, <form>)', () => {
    // A registering admin's attribution shows on every visitor's twin page; a <style> there restyled the whole page.
    const credit = '<style>body{display:none}</style><a href="https://phish.example/">天地图 & "GS(2024)"</a>';
    expect(resolveImagerySource('/b/{z}/{x}/{y}.png', { scheme: 'xyz', credit }).credit).toBe(
      '&lt;style&gt;body{display:none}&lt;/style&gt;&lt;a href=&quot;https://phish.example/&quot;&gt;天地图 &amp; &quot;GS(2024)&quot;&lt;/a&gt;',
    );
  });

  it('refuses an XYZ url without {z}/{x}/{y}, naming the url', () => {
    expect(() => resolveImagerySource('/basemap/{x}/{y}.png', { scheme: 'xyz' })).toThrow(InputError);
    expect(() => resolveImagerySource('/basemap/{x}/{y}.png', { scheme: 'xyz' })).toThrow('/basemap/{x}/{y}.png');
    expect(() => resolveImagerySource('   ', { scheme: 'xyz' })).toThrow('url is empty');
  });

  it('builds a TMS source from the root url', () => {
    expect(resolveImagerySource('/imagery/jiangxi-2023', { scheme: 'tms', maximumLevel: 16 })).toEqual({
      provider: 'tile-map-service',
      url: '/imagery/jiangxi-2023',
      tilingScheme: 'webmercator',
      maximumLevel: 16,
      credit: undefined,
    });
  });

  it('labels 天地图 geographic matrices (set c) as level + 1, one label per level up to maximumLevel', () => {
    const source = resolveImagerySource(TDT_VEC_C, {
      scheme: 'wmts',
      layer: 'vec',
      tileMatrixSetId: 'c',
      tilingScheme: 'geographic',
      maximumLevel: 17,
    });
    if (source.provider !== 'web-map-tile-service') throw new Error(`expected WMTS, got ${source.provider}`);
    expect(source.layer).toBe('vec');
    expect(source.style).toBe('default');
    expect(source.tileMatrixSetId).toBe('c');
    expect(source.tileMatrixLabels).toHaveLength(18);
    expect(source.tileMatrixLabels?.[0]).toBe('1');
    expect(source.tileMatrixLabels?.[17]).toBe('18');
  });

  it('numbers 天地图 Web Mercator matrices (set w) and other sets like levels (no labels)', () => {
    const url = TDT_VEC_C.replace('vec_c', 'vec_w');
    const w = resolveImagerySource(url, { scheme: 'wmts', layer: 'vec', tileMatrixSetId: 'w' });
    expect(w).toMatchObject({ provider: 'web-map-tile-service', tilingScheme: 'webmercator', tileMatrixLabels: undefined });
    const rest = resolveImagerySource('/gwc/rest/roads/{style}/EPSG:4326/EPSG:4326:{TileMatrix}/{TileRow}/{TileCol}?format=image/png', {
      scheme: 'wmts',
      tilingScheme: 'geographic',
      wmtsStyle: 'night',
    });
    expect(rest).toMatchObject({ layer: '', tileMatrixSetId: '', style: 'night', tileMatrixLabels: undefined });
  });

  it('refuses a WMTS url that is not a tile template, or a placeholder without its option', () => {
    expect(() => resolveImagerySource('/wmts?SERVICE=WMTS&TILEMATRIX={TileMatrix}', { scheme: 'wmts' })).toThrow(
      'missing {TileRow}, {TileCol}',
    );
    expect(() => resolveImagerySource(TDT_VEC_C, { scheme: 'wmts', tileMatrixSetId: 'c' })).toThrow('options.layer is not set');
    expect(() => resolveImagerySource(TDT_VEC_C, { scheme: 'wmts', layer: 'vec' })).toThrow('options.tileMatrixSetId is not set');
    // lower-case placeholders are what CesiumJS also substitutes
    expect(resolveImagerySource('/w/{tilematrix}/{tilerow}/{tilecol}.png', { scheme: 'wmts' }).provider).toBe('web-map-tile-service');
  });

  it('refuses a maximumLevel outside 0–22 or not an integer', () => {
    expect(() => resolveImagerySource('/x/{z}/{x}/{y}', { scheme: 'xyz', maximumLevel: 23 })).toThrow('got 23');
    expect(() => resolveImagerySource('/x/{z}/{x}/{y}', { scheme: 'xyz', maximumLevel: 2.5 })).toThrow(InputError);
    expect(resolveImagerySource('/x/{z}/{x}/{y}', { scheme: 'xyz', maximumLevel: 0 }).maximumLevel).toBe(0);
  });

  it('refuses missing options and an unknown scheme', () => {
    expect(() => resolveImagerySource('/x/{z}/{x}/{y}', null)).toThrow('options with a scheme (xyz, tms or wmts) are missing');
    expect(() => resolveImagerySource('/x', { scheme: 'wms' } as unknown as ImageryOptions)).toThrow('unknown scheme wms');
  });
});

describe('imageryAlpha', () => {
  it('clamps to [0, 1] and defaults to opaque', () => {
    expect(imageryAlpha({ scheme: 'xyz', alpha: 0.35 })).toBe(0.35);
    expect(imageryAlpha({ scheme: 'xyz', alpha: 1.7 })).toBe(1);
    expect(imageryAlpha({ scheme: 'xyz', alpha: -0.2 })).toBe(0);
    expect(imageryAlpha({ scheme: 'xyz', alpha: Number.NaN })).toBe(1);
    expect(imageryAlpha({ scheme: 'xyz' })).toBe(1);
  });
});

describe('imagerySourceKey', () => {
  const base: ImageryOptions = { scheme: 'wmts', layer: 'img', tileMatrixSetId: 'w', subdomains: ['0', '1'] };
  it('ignores alpha and key order, and changes with the url or any provider option', () => {
    const key = imagerySourceKey('/a', base);
    expect(imagerySourceKey('/a', { subdomains: ['0', '1'], tileMatrixSetId: 'w', layer: 'img', scheme: 'wmts', alpha: 0.4 })).toBe(key);
    expect(imagerySourceKey('/b', base)).not.toBe(key);
    expect(imagerySourceKey('/a', { ...base, subdomains: ['0'] })).not.toBe(key);
    expect(imagerySourceKey('/a', { ...base, tileMatrixSetId: 'c' })).not.toBe(key);
    expect(imagerySourceKey('/a', { ...base, scheme: 'xyz' })).not.toBe(key);
  });
});
