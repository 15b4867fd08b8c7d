import { describe, expect, it } from 'vitest';
import { checkServiceUrl, MAX_SERVICE_URL_CHARS, originsOfLayerUrl } from './service-url';

describe('checkServiceUrl', () => {
  it('accepts an XYZ template and gives its origin (port kept)', () => {
    expect(checkServiceUrl('xyz', ' http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png ')).toEqual({
      url: 'http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png',
      origins: ['http://127.0.0.1:8081'],
    });
  });

  it('expands 天地图 subdomains into one origin each, keeping the key in the query', () => {
    const url = 'https://t{s}.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=0123456789abcdef';
    const checked = checkServiceUrl('wmts', url, ['0', '1', '2']);
    expect(checked.origins).toEqual(['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn', 'https://t2.tianditu.gov.cn']);
    expect(checked.url).toContain('tk=0123456789abcdef');
  });

  it('accepts a GeoServer / SuperMap REST WMTS template with a prefixed matrix id', () => {
    expect(checkServiceUrl('wmts', 'https://gis.nc.example/geoserver/gwc/service/wmts/rest/base:img/default/EPSG:4326/EPSG:4326:{TileMatrix}/{TileRow}/{TileCol}?format=image/png').origins).toEqual([
      'https://gis.nc.example',
    ]);
  });

  it.each([
    ['javascript:alert(1)//{z}/{x}/{y}', 'must start with https:// or http://'],
    ['data:image/png;base64,AAAA{z}{x}{y}', 'must start with https:// or http://'],
    ['ftp://tiles.example/{z}/{x}/{y}.png', 'must start with https:// or http://'],
    ['https://user:secret@tiles.example/{z}/{x}/{y}.png', 'user name or password'],
    ['https://tiles.example/{z}/{x}.png', 'must contain {y}'],
    ['https://tiles.example/{zoom}/{x}/{y}.png', 'placeholder {zoom} is not one of'],
    ['https://{z}.tiles.example/{z}/{x}/{y}.png', 'host may contain only the {s} placeholder'],
    ['https://[::1]:8080/{z}/{x}/{y}.png', 'IPv6'],
    ['https://tiles.example/{z}/{x}/{y}.png#frag', '#fragment'],
    ['https://tiles .example/{z}/{x}/{y}.png', 'spaces or control characters'],
    ['https://tiles.example/{z/{x}/{y}.png', 'unbalanced'],
    ['https://tiles.example/{s}/{z}/{x}/{y}.png', 'uses {s} but no subdomains'],
    ['', 'must not be empty'],
  ])('refuses %j (%s)', (url, reason) => {
    expect(() => checkServiceUrl('xyz', url)).toThrow(reason);
  });

  it('refuses an over-long URL, a tileset URL that is not JSON, bad subdomains and WMTS without {TileCol}', () => {
    expect(() => checkServiceUrl('xyz', `https://t.example/{z}/{x}/{y}?${'a'.repeat(MAX_SERVICE_URL_CHARS)}`)).toThrow(`at most ${MAX_SERVICE_URL_CHARS} characters`);
    expect(() => checkServiceUrl('tileset', 'https://3d.example/oblique/')).toThrow('tileset JSON');
    expect(() => checkServiceUrl('xyz', 'https://t{s}.example/{z}/{x}/{y}', ['*'])).toThrow('DNS label');
    expect(() => checkServiceUrl('xyz', 'https://t.example/{z}/{x}/{y}', ['a'])).toThrow('no {s}');
    expect(() => checkServiceUrl('wmts', 'https://t.example/{TileMatrix}/{TileRow}')).toThrow('{TileCol}');
    expect(() => checkServiceUrl('terrain', 'https://t.example/{z}/terrain')).toThrow('placeholder {z}');
  });

  it('originsOfLayerUrl: same-origin paths and unchecked URLs give nothing', () => {
    expect(originsOfLayerUrl('/api/geo/regions-city', undefined)).toEqual([]);
    expect(originsOfLayerUrl('https://a.example:8443/x/tileset.json', undefined)).toEqual(['https://a.example:8443']);
    expect(originsOfLayerUrl('https://t{s}.example/{z}/{x}/{y}', ['a', 'b'])).toEqual(['https://ta.example', 'https://tb.example']);
    expect(originsOfLayerUrl('https://user:pw@a.example/x.json', undefined)).toEqual([]);
  });
});
