import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { ecefToEnu, ecefToGeodetic, enuToEcefAt, geodeticToEcef } from './wgs84-ecef';

// Independent reference: proj4's own geodetic → geocentric conversion.
const ECEF_PROJ4 = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const proj4Ecef = (lonDeg: number, latDeg: number, heightM: number) =>
  proj4('WGS84', ECEF_PROJ4, [lonDeg, latDeg, heightM]) as number[];

const POINTS: Array<[number, number, number]> = [
  [115.8529484, 28.6931596, 22], // Nanchang sample
  [8.4365389, 49.1004350, 110], // FZK-Haus
  [-87.6394, 41.8744, -30],
  [179.9, -89.5, 4000],
  [0, 0, 0],
];

describe('geodeticToEcef', () => {
  it('matches proj4 geocent within 1 µm', () => {
    for (const [lon, lat, h] of POINTS) {
      const ours = geodeticToEcef(lon, lat, h);
      const theirs = proj4Ecef(lon, lat, h);
      for (let i = 0; i < 3; i++) expect(Math.abs(ours[i] - theirs[i])).toBeLessThan(1e-6);
    }
  });

  it('puts (0°, 0°, 0 m) on the semi-major axis and the pole on the semi-minor axis', () => {
    expect(geodeticToEcef(0, 0, 0)).toEqual([6378137, 0, 0]);
    const pole = geodeticToEcef(0, 90, 0);
    expect(pole[2]).toBeCloseTo(6356752.314245, 5);
    expect(Math.abs(pole[0])).toBeLessThan(1e-9);
  });

  it('rejects latitude outside −90..90° and non-finite heights', () => {
    expect(() => geodeticToEcef(0, 90.5, 0)).toThrow(InputError);
    expect(() => geodeticToEcef(0, -91, 0)).toThrow(/latitude/);
    expect(() => geodeticToEcef(181, 0, 0)).toThrow(/longitude/);
    expect(() => geodeticToEcef(0, 0, Number.NaN)).toThrow(/height/);
  });
});

describe('enuToEcefAt', () => {
  it('is orthonormal (RᵀR = I within 1e-15) and maps (0, 0, 0) to the anchor ECEF', () => {
    for (const [lon, lat, h] of POINTS) {
      const m = enuToEcefAt(lon, lat, h);
      expect(m).toHaveLength(16);
      expect([m[3], m[7], m[11], m[15]]).toEqual([0, 0, 0, 1]);
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          const dot = m[4 * a] * m[4 * b] + m[4 * a + 1] * m[4 * b + 1] + m[4 * a + 2] * m[4 * b + 2];
          expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-15);
        }
      }
      // Right-handed: east × north = up.
      const [e, n, u] = [m.slice(0, 3), m.slice(4, 7), m.slice(8, 11)];
      expect(e[1] * n[2] - e[2] * n[1]).toBeCloseTo(u[0], 14);
      expect(e[2] * n[0] - e[0] * n[2]).toBeCloseTo(u[1], 14);
      expect(e[0] * n[1] - e[1] * n[0]).toBeCloseTo(u[2], 14);
      const anchor = proj4Ecef(lon, lat, h);
      for (let i = 0; i < 3; i++) expect(Math.abs(m[12 + i] - anchor[i])).toBeLessThan(1e-6);
    }
  });

  it('has up along the ellipsoid normal and north toward increasing latitude (checked with proj4)', () => {
    const [lon, lat, h] = POINTS[0];
    const m = enuToEcefAt(lon, lat, h);
    const above = proj4Ecef(lon, lat, h + 1000);
    const north = proj4Ecef(lon, lat + 1e-4, h);
    const upEnu = ecefToEnu(m, above);
    expect(Math.abs(upEnu[0])).toBeLessThan(1e-6);
    expect(Math.abs(upEnu[1])).toBeLessThan(1e-6);
    expect(upEnu[2]).toBeCloseTo(1000, 6);
    const northEnu = ecefToEnu(m, north);
    expect(Math.abs(northEnu[0])).toBeLessThan(1e-6);
    expect(northEnu[1]).toBeGreaterThan(11); // 1e-4° of latitude ≈ 11.09 m
  });
});

describe('ecefToGeodetic', () => {
  it('inverts proj4 geocent within 1e-11° and 1 µm, poles and heights up to 9 km included', () => {
    const cases: Array<[number, number, number]> = [...POINTS, [45, 89.999, 100], [-120, -60, 8848], [10, 45, -400]];
    for (const [lon, lat, h] of cases) {
      const [lonDeg, latDeg, heightM] = ecefToGeodetic(proj4Ecef(lon, lat, h));
      expect(Math.abs(lonDeg - lon)).toBeLessThan(1e-11);
      expect(Math.abs(latDeg - lat)).toBeLessThan(1e-11);
      expect(Math.abs(heightM - h)).toBeLessThan(1e-6);
    }
  });
});
