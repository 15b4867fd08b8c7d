import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { jiangxiMap, MAP_UNITS_PER_DEG, type JiangxiMap } from './jiangxi-map';
import { escapeXml, jiangxiMapSvg } from './jiangxi-map-svg';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

/** The absolute first vertex `[x, y]` of an `ST_AsSVG` path. */
function firstVertex(pathD: string): [number, number] {
  const match = /^M (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)/.exec(pathD);
  if (!match) throw new Error(`not an absolute move: ${pathD.slice(0, 40)}`);
  return [Number(match[1]), Number(match[2])];
}

describe('jiangxiMap (regions → projected, simplified SVG outlines)', () => {
  let map: JiangxiMap;
  beforeAll(async () => {
    await ensureTestRegions(connection.db);
    map = await jiangxiMap(connection.db);
  });

  it('projects with kx = ky·cos(mid latitude), y down, and a view box around every outline', () => {
    expect(map.frame.ky).toBe(MAP_UNITS_PER_DEG);
    const [minX, minY, width, height] = map.frame.viewBox;
    const midLatDeg = Math.acos(map.frame.kx / map.frame.ky) * (180 / Math.PI);
    // Test regions span 28.67–29.71° N (东湖区 to 九江市 squares); other files may add more, all in Jiangxi.
    expect(midLatDeg).toBeGreaterThan(24.4);
    expect(midLatDeg).toBeLessThan(30.2);
    for (const outline of [...map.cities, ...map.counties]) {
      const [x, y] = outline.labelXy;
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(x).toBeLessThanOrEqual(minX + width);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(y).toBeLessThanOrEqual(minY + height);
    }
  });

  it('draws 东湖区 where a dot at its label point goes, within 1 unit (≈ 1 km)', async () => {
    const donghu = map.counties.find((county) => county.code === '360102');
    expect(donghu).toBeDefined();
    expect(donghu!.parentCode).toBe('360100');
    // The fixture's square, or the real outline when another test file of this run seeded the regions.
    const { rows } = await connection.pool.query<{ lon: number; lat: number; source: string }>(`SELECT ST_X(center) AS lon, ST_Y(center) AS lat, source FROM regions WHERE code = '360102'`);
    const region = rows[0]!;
    // Label point: the same projection the page uses for village dots.
    expect(donghu!.labelXy[0]).toBeCloseTo(region.lon * map.frame.kx, 0);
    expect(donghu!.labelXy[1]).toBeCloseTo(-region.lat * map.frame.ky, 0);
    if (region.source !== 'test fixture') return;
    // The fixture is a 0.02° square around 115.90° E 28.69° N: its first ring vertex is the south-west corner
    // (115.89, 28.68), written in whole units, and the 2-unit square keeps its four corners (M + l, three moves, closed).
    const [x, y] = firstVertex(donghu!.pathD);
    expect(Math.abs(x - 115.89 * map.frame.kx)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(y - -28.68 * map.frame.ky)).toBeLessThanOrEqual(0.5);
    expect(donghu!.pathD).toMatch(/^M -?\d+ -?\d+ l -?\d+ -?\d+ -?\d+ -?\d+ -?\d+ -?\d+ z$/);
  });

  it('writes a standalone SVG document with the same view box, escaped names and nothing executable', () => {
    const svg = jiangxiMapSvg(map);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.frame.viewBox.join(' ')}">`)).toBe(true);
    expect(svg).toContain('>南昌</text>');
    expect(svg.match(/<path /g)).toHaveLength(map.cities.length + map.counties.length);
    expect(svg).not.toMatch(/<script|on[a-z]+=|href=/i);
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('refuses path data that is not PostGIS SVG', () => {
    const bad: JiangxiMap = { ...map, counties: [{ code: '360102', name: 'x', parentCode: null, pathD: 'M 0 0"/><script>', labelXy: [0, 0] }] };
    expect(() => jiangxiMapSvg(bad)).toThrow(/unexpected characters in the outline of 360102/);
  });
});
