import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { gaussKrugerEpsg, gaussKrugerZone, toGaussKruger } from './gauss-kruger';

/**
 * Reference values: PROJ 9.1.1 through PostGIS 3.3 on this machine,
 * `ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), <epsg>)` (EPSG's own definitions, an implementation
 * independent of proj4js), computed 2026-12-07.
 */
const PROJ_REFERENCE = [
  // 八一广场, Nanchang (zone 39, central meridian 117°E)
  { lonDeg: 115.8929, latDeg: 28.6772, epsg: 4527, eastingM: 39391788.28108867, northingM: 3173994.1273813974 },
  // Ganzhou (zone 38, 114°E)
  { lonDeg: 114.9355, latDeg: 25.8312, epsg: 4526, eastingM: 38593796.172613375, northingM: 2858467.4422982354 },
  // first and last zone
  { lonDeg: 75.5, latDeg: 39.47, epsg: 4513, eastingM: 25543025.298100226, northingM: 4370802.709746554 },
  { lonDeg: 134.9, latDeg: 48.0, epsg: 4533, eastingM: 45492537.465034604, northingM: 5318432.434944766 },
];

describe('toGaussKruger', () => {
  it('matches PROJ 9.1.1 (EPSG definitions) to < 1 mm in zones 25, 38, 39 and 45', () => {
    for (const ref of PROJ_REFERENCE) {
      const gk = toGaussKruger(ref.lonDeg, ref.latDeg);
      expect(gk?.epsg).toBe(ref.epsg);
      expect(Math.abs(gk!.eastingM - ref.eastingM), `${ref.epsg} easting`).toBeLessThan(0.001);
      expect(Math.abs(gk!.northingM - ref.northingM), `${ref.epsg} northing`).toBeLessThan(0.001);
    }
  });

  it('matches proj4 with the epsg-index definition of EPSG:4527 to < 1 mm', async () => {
    const { default: definition } = (await import('epsg-index/s/4527.json', { with: { type: 'json' } })) as { default: { proj4: string } };
    const [e, n] = proj4(definition.proj4).forward([116.3, 29.1]);
    const gk = toGaussKruger(116.3, 29.1)!;
    expect(Math.abs(gk.eastingM - e)).toBeLessThan(0.001);
    expect(Math.abs(gk.northingM - n)).toBeLessThan(0.001);
  });

  it('picks the nearest central meridian; the border 115.5°E goes to zone 39', () => {
    expect(gaussKrugerZone(115.49)).toBe(38);
    expect(gaussKrugerZone(115.5)).toBe(39);
    expect(gaussKrugerZone(117)).toBe(39);
    expect(gaussKrugerEpsg(38)).toBe(4526);
    expect(gaussKrugerEpsg(45)).toBe(4533);
    // On the central meridian: easting = zone·10⁶ + 500 000 exactly.
    expect(toGaussKruger(117, 28)!.eastingM).toBeCloseTo(39_500_000, 6);
  });

  it('answers null outside zones 25..45 and for non-finite input', () => {
    expect(toGaussKruger(73.4, 30)).toBeNull();
    expect(toGaussKruger(136.5, 30)).toBeNull();
    expect(toGaussKruger(-75, 40)).toBeNull();
    expect(toGaussKruger(Number.NaN, 30)).toBeNull();
    expect(toGaussKruger(116, Number.POSITIVE_INFINITY)).toBeNull();
    expect(toGaussKruger(116, 91)).toBeNull();
  });
});
