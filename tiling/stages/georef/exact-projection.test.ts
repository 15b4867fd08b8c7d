import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { GeorefError } from '../../errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import type { RawGeoreference } from '../parse/parsed-model';
import { exactModelToEnu, localAffineAt } from './exact-projection';
import { georef } from './georef';

// Control values from proj4 with the EPSG:4548 definition written out, and proj4's geocentric conversion.
const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const ECEF = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });
const raw: RawGeoreference = {
  mapConversion: {
    source: 'IfcMapConversion', eastings: 387900, northings: 3175800, orthogonalHeight: 22, xAxisAbscissa: 1, xAxisOrdinate: 0,
    scale: 0.001, factorX: null, factorY: null, factorZ: null,
  },
  projectedCrs: { name: 'EPSG:4548', geodeticDatum: null, verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1 },
  siteReference: null,
  trueNorth: null,
};
const g = georef({ fileName: 'x.ifc', lengthUnitM: 0.001, georeference: raw }, {}, ctx());
const apply = (m: number[], p: number[]) => [0, 1, 2].map((i) => m[i] * p[0] + m[4 + i] * p[1] + m[8 + i] * p[2] + m[12 + i]);
const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('exactModelToEnu', () => {
  const exact = exactModelToEnu(g, 'x.ifc')!;

  it('puts a model point 10 km away where proj4 + geocentric put it, within 1 µm (mm project: Scale 0.001)', () => {
    const model = [6000, 30, -8000]; // model (x, y, z) = IFC (6000, 8000, 30) m
    const [lonDeg, latDeg] = proj4(EPSG_4548, 'WGS84', [387900 + 6000, 3175800 + 8000]);
    const want = proj4('WGS84', ECEF, [lonDeg, latDeg, 22 + 30]) as number[];
    expect(distance(apply(g.enuToEcef, exact(model[0], model[1], model[2])), want)).toBeLessThan(1e-6);
  });

  it('agrees with the rigid modelToEnu at the anchor and drifts from it by ≈ d²/2R (7.8 m at 10 km)', () => {
    expect(Math.hypot(...exact(0, 0, 0))).toBeLessThan(1e-6);
    const d = distance(exact(10000, 0, 0), apply(g.modelToEnu, [10000, 0, 0]));
    expect(d).toBeGreaterThan(7.5);
    expect(d).toBeLessThan(8.2);
  });

  it('is null for rigid methods (IfcSite reference)', () => {
    const site = georef({ fileName: 's.ifc', lengthUnitM: 1, georeference: { ...raw, mapConversion: null, siteReference: { latitudeDeg: 28.7, longitudeDeg: 115.9, elevationM: 0 } } }, {}, ctx());
    expect(exactModelToEnu(site, 's.ifc')).toBeNull();
  });

  it('throws a GeorefError naming the file for a point proj4 cannot place', () => {
    expect(() => exact(Number.NaN, 0, 0)).toThrow(GeorefError);
    expect(() => exact(Number.NaN, 0, 0)).toThrow(/x\.ifc: EPSG:4548 maps/);
  });
});

describe('localAffineAt', () => {
  const exact = exactModelToEnu(g, 'x.ifc')!;
  it('is exact at its centre and ≈ r²/2R off at distance r (0.8 mm at 100 m, 8 µm at 10 m), 5 km from the anchor', () => {
    const centre: [number, number, number] = [3000, 10, -4000];
    const fit = localAffineAt(exact, centre, 50);
    expect(distance(apply(fit, centre), exact(...centre))).toBeLessThan(1e-9);
    const errorAt = (r: number) => Math.max(...[[r, 0, 0], [0, 0, r], [0.6 * r, 0, 0.8 * r]].map(([dx, dy, dz]) => {
      const p: [number, number, number] = [centre[0] + dx, centre[1] + dy, centre[2] + dz];
      return distance(apply(fit, p), exact(...p));
    }));
    expect(errorAt(100)).toBeGreaterThan(0.0005);
    expect(errorAt(100)).toBeLessThan(0.0012);
    expect(errorAt(10)).toBeLessThan(0.00002);
  });
});
