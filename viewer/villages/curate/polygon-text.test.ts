import { describe, expect, it } from 'vitest';
import { parsePolygonText, polygonText } from './polygon-text';

const ring = [[116, 29.67], [116.001, 29.67], [116.001, 29.671], [116, 29.67]];

describe('parsePolygonText', () => {
  it('accepts a closed polygon, a Feature around one, and empty text as none', () => {
    expect(parsePolygonText(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual({ ok: true, polygon: { type: 'Polygon', coordinates: [ring] } });
    expect(parsePolygonText(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }))).toMatchObject({ ok: true, polygon: { coordinates: [ring] } });
    expect(parsePolygonText('  \n')).toEqual({ ok: true, polygon: null });
  });

  it('names the problem: JSON, type, short or open ring, position outside Jiangxi, too many positions', () => {
    expect(parsePolygonText('{"type":')).toMatchObject({ ok: false, key: 'geojson.invalidJson' });
    expect(parsePolygonText('{"type":"Point","coordinates":[116,29]}')).toMatchObject({ ok: false, key: 'geojson.notPolygon' });
    expect(parsePolygonText(JSON.stringify({ type: 'Polygon', coordinates: [ring.slice(0, 3)] }))).toEqual({ ok: false, key: 'geojson.ring', params: { ring: 1 } });
    expect(parsePolygonText(JSON.stringify({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [116, 29.6705]]] }))).toEqual({ ok: false, key: 'geojson.open', params: { ring: 1 } });
    expect(parsePolygonText(JSON.stringify({ type: 'Polygon', coordinates: [[ring[0], [121.47, 31.23], ring[2], ring[0]]] }))).toEqual({ ok: false, key: 'geojson.position', params: { ring: 1, index: 2 } });
    const big = Array.from({ length: 2001 }, (_, i) => [116 + i * 1e-6, 29.67 + (i % 2) * 1e-6]);
    big[2000] = big[0];
    expect(parsePolygonText(JSON.stringify({ type: 'Polygon', coordinates: [big] }))).toEqual({ ok: false, key: 'geojson.tooMany', params: { count: 2001, max: 2000 } });
  });

  it('round-trips through polygonText', () => {
    expect(parsePolygonText(polygonText({ coordinates: [ring] }))).toEqual({ ok: true, polygon: { type: 'Polygon', coordinates: [ring] } });
    expect(polygonText(null)).toBe('');
  });
});
