import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { GeorefError } from '../../errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import type { RawGeoreference } from '../parse/parsed-model';
import type { EpsgRegistry } from './epsg-registry';
import { georef, type GeorefOptions } from './georef';
import type { Georeference } from './georeference';

// Control points come from proj4 directly, with the proj4 strings written out here (not through the registry).
const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const EPSG_31467_HELMERT =
  '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';
const ECEF = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const DEG = Math.PI / 180;

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });
type MapConversion = NonNullable<RawGeoreference['mapConversion']>;
type ProjectedCrs = NonNullable<RawGeoreference['projectedCrs']>;

function rawWith(mc: Partial<MapConversion> | null, crs: Partial<ProjectedCrs> | null, rest: Partial<RawGeoreference> = {}): RawGeoreference {
  return {
    mapConversion: mc && {
      source: 'IfcMapConversion', eastings: 0, northings: 0, orthogonalHeight: 0, xAxisAbscissa: 1, xAxisOrdinate: 0,
      scale: null, factorX: null, factorY: null, factorZ: null, ...mc,
    },
    projectedCrs: crs && { name: 'EPSG:4548', geodeticDatum: null, verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: null, ...crs },
    siteReference: null,
    trueNorth: null,
    ...rest,
  };
}

const run = (raw: RawGeoreference, lengthUnitM = 1, options: GeorefOptions = {}) =>
  georef({ fileName: 'test.ifc', lengthUnitM, georeference: raw }, options, ctx());

/** Applies a column-major 4×4 to a point. */
const apply = (m: number[], p: number[]) => [0, 1, 2].map((i) => m[i] * p[0] + m[4 + i] * p[1] + m[8 + i] * p[2] + m[12 + i]);
/** Model frame (web-ifc Y-up metres) of an IFC world point in metres: (x, z, −y). */
const modelOf = (ifcM: number[]) => [ifcM[0], ifcM[2], -ifcM[1]];
const toEcef = (g: Georeference, ifcM: number[]) => apply(g.enuToEcef, apply(g.modelToEnu, modelOf(ifcM)));

/** Horizontal and vertical parts (metres) of an ECEF difference, at the given geodetic position. */
function splitError(gotEcef: number[], expectedEcef: number[], lonDeg: number, latDeg: number) {
  const d = [0, 1, 2].map((i) => gotEcef[i] - expectedEcef[i]);
  const up = [Math.cos(latDeg * DEG) * Math.cos(lonDeg * DEG), Math.cos(latDeg * DEG) * Math.sin(lonDeg * DEG), Math.sin(latDeg * DEG)];
  const verticalM = d[0] * up[0] + d[1] * up[1] + d[2] * up[2];
  const horizontalM = Math.hypot(d[0] - verticalM * up[0], d[1] - verticalM * up[1], d[2] - verticalM * up[2]);
  return { horizontalM, verticalM };
}

/** Expected ECEF of IFC local metres (x, y, z) under a map conversion whose effective map-m per IFC-m is 1. */
function expectedEcef(def: string, e0: number, n0: number, h0: number, a: number, o: number, [x, y, z]: number[]) {
  const [lonDeg, latDeg] = proj4(def, 'WGS84', [e0 + x * a - y * o, n0 + x * o + y * a]);
  return { ecef: proj4('WGS84', ECEF, [lonDeg, latDeg, h0 + z]) as number[], lonDeg, latDeg };
}

const LOCAL_POINTS_M = [[100, 0, 0], [0, 100, 0], [-100, 0, 0], [0, -100, 0], [60, 80, 0]];

describe('georef: IfcMapConversion (nanchang-residential-sample values, EPSG:4548)', () => {
  const a = Math.cos(15 * DEG);
  const o = Math.sin(15 * DEG);
  const raw = rawWith(
    { eastings: 387900, northings: 3175800, orthogonalHeight: 22, xAxisAbscissa: a, xAxisOrdinate: o, scale: 0.001 },
    { name: 'EPSG:4548', verticalDatum: '1985 National Height Datum', mapUnitM: 1 },
  );
  const g = run(raw, 0.001);

  it('anchors at the map conversion origin ≈ 28.6931596° N, 115.8529484° E, 22 m', () => {
    expect(g.method).toBe('IfcMapConversion');
    expect(g.epsg).toBe(4548);
    const [lonDeg, latDeg] = proj4(EPSG_4548, 'WGS84', [387900, 3175800]);
    expect(Math.abs(g.anchor.lonDeg - lonDeg)).toBeLessThan(1e-12);
    expect(Math.abs(g.anchor.latDeg - latDeg)).toBeLessThan(1e-12);
    expect(g.anchor.lonDeg).toBeCloseTo(115.8529484, 7);
    expect(g.anchor.latDeg).toBeCloseTo(28.6931596, 7);
    expect(g.anchor.heightM).toBe(22);
    expect(g.heightDatum).toMatch(/orthometric \(1985 National Height Datum\) used as ellipsoidal/);
  });

  it('puts points 100 m along local X and Y within 1 cm (measured < 0.1 mm) of proj4 → ECEF', () => {
    for (const p of LOCAL_POINTS_M) {
      const want = expectedEcef(EPSG_4548, 387900, 3175800, 22, a, o, p);
      const err = splitError(toEcef(g, p), want.ecef, want.lonDeg, want.latDeg);
      expect(err.horizontalM).toBeLessThan(0.01);
      expect(err.horizontalM).toBeLessThan(1e-4);
      expect(Math.abs(err.verticalM)).toBeLessThan(0.002); // Earth curvature at 100 m: 0.8 mm
    }
  });

  it('carries meridian convergence and scale: a plain grid rotation would be ≈ 1 m off at 100 m', () => {
    // Grid azimuth of IFC +Y is −15°; the convergence west of CM 117°E is ≈ −0.55°.
    expect(g.headingDeg).toBeGreaterThan(344.4);
    expect(g.headingDeg).toBeLessThan(344.5);
    const xAxisLengthM = Math.hypot(g.modelToEnu[0], g.modelToEnu[1]);
    expect(1 / xAxisLengthM).toBeCloseTo(1.000152, 6); // point scale factor k 112 km from the CM
    expect(g.modelToEnu[6]).toBeCloseTo(1, 9); // model +Y (IFC up) stays 1:1 vertical
  });
});

describe('georef: geographic-referencing-gk sample (EPSG:31467, Scale=1000 in a mm project)', () => {
  // Values as written in the shared sample data/ifc/geographic-referencing-gk_IFC4X3.ifc (#1, #2, #3, #100020).
  const a = 0.270600445976;
  const o = 0.962691746426;
  const siteLatDeg = 49 + 5 / 60 + 43.9837 / 3600;
  const siteLonDeg = 8 + 26 / 60 + 1.2473 / 3600;
  const raw = rawWith(
    { eastings: 3458715.92, northings: 5439966.65, orthogonalHeight: 113.7, xAxisAbscissa: a, xAxisOrdinate: o, scale: 1000 },
    { name: 'EPSG:31467', geodeticDatum: 'ETRS89', mapProjection: 'Gaus-Krueger', mapZone: '3', mapUnitM: 1 },
    { siteReference: { latitudeDeg: siteLatDeg, longitudeDeg: siteLonDeg, elevationM: 113.7 } },
  );
  const g = run(raw, 0.001);

  it('reads Scale=1000 as inverted (1 mm = 0.001 m) and replaces the missing BETA2007 grid by a Helmert shift', () => {
    expect(g.epsg).toBe(31467);
    expect(g.warnings.some((w) => /Scale=1000 looks inverted/.test(w))).toBe(true);
    expect(g.warnings.some((w) => /BETA2007\.gsb/.test(w))).toBe(true);
    const [lonDeg, latDeg] = proj4(EPSG_31467_HELMERT, 'WGS84', [3458715.92, 5439966.65]);
    expect(Math.abs(g.anchor.lonDeg - lonDeg)).toBeLessThan(1e-12);
    expect(Math.abs(g.anchor.latDeg - latDeg)).toBeLessThan(1e-12);
  });

  it("lands within 2 m of the file's own RefLatitude/RefLongitude (no mismatch warning at 10 m)", () => {
    const site = proj4('WGS84', ECEF, [siteLonDeg, siteLatDeg, 113.7]) as number[];
    const err = splitError(g.enuToEcef.slice(12, 15), site, siteLonDeg, siteLatDeg);
    expect(err.horizontalM).toBeLessThan(2); // measured 1.4 m: the file used another DHDN transformation
    expect(g.warnings.some((w) => /RefLatitude\/RefLongitude lies/.test(w))).toBe(false);
  });

  it('puts points 100 m along local X and Y within 1 cm of proj4 → ECEF', () => {
    for (const p of LOCAL_POINTS_M) {
      const want = expectedEcef(EPSG_31467_HELMERT, 3458715.92, 5439966.65, 113.7, a, o, p);
      expect(splitError(toEcef(g, p), want.ecef, want.lonDeg, want.latDeg).horizontalM).toBeLessThan(0.01);
    }
  });
});

describe('georef: IfcSite RefLatitude/RefLongitude (FZK-Haus 49°6\'1.566" N 8°26\'11.5404" E, 110 m)', () => {
  const latDeg = 49 + 6 / 60 + 1.566 / 3600;
  const lonDeg = 8 + 26 / 60 + 11.5404 / 3600;
  const siteReference = { latitudeDeg: latDeg, longitudeDeg: lonDeg, elevationM: 110 };
  const g = run(rawWith(null, null, { siteReference, trueNorth: [0.766044443119, 0.642787609687] }));

  it('anchors at the site reference exactly and takes the heading from TrueNorth (40° from +X → 310°)', () => {
    expect(g.method).toBe('IfcSite.RefLatitude');
    expect(Math.abs(g.anchor.latDeg - 49.100435)).toBeLessThan(1e-9);
    expect(Math.abs(g.anchor.lonDeg - 8.436539)).toBeLessThan(1e-9);
    expect(g.anchor.heightM).toBe(110);
    expect(g.epsg).toBeNull();
    expect(g.headingDeg).toBeCloseTo(310, 9);
    expect(g.warnings.some((w) => /assumed to be the IFC world origin/.test(w))).toBe(true);
  });

  it('maps ENU 100 m east / north to the ECEF of an independent geodetic computation within 1 mm', () => {
    // Independent: the east/north unit vectors as normalised derivatives of proj4's geodetic → ECEF.
    const at = (dLonDeg: number, dLatDeg: number) => proj4('WGS84', ECEF, [lonDeg + dLonDeg, latDeg + dLatDeg, 110]) as number[];
    const unit = (p: number[], q: number[]) => {
      const d = [0, 1, 2].map((i) => p[i] - q[i]);
      const n = Math.hypot(d[0], d[1], d[2]);
      return d.map((v) => v / n);
    };
    const origin = at(0, 0);
    const east = unit(at(1e-6, 0), at(-1e-6, 0));
    const north = unit(at(0, 1e-6), at(0, -1e-6));
    for (const [enu, dir] of [[[100, 0, 0], east], [[0, 100, 0], north]] as const) {
      const got = apply(g.enuToEcef, [...enu]);
      for (let i = 0; i < 3; i++) expect(Math.abs(got[i] - (origin[i] + 100 * dir[i]))).toBeLessThan(1e-3);
    }
  });

  it('turns IFC +Y to azimuth 310° and keeps IFC up as ENU up', () => {
    const yEnu = apply(g.modelToEnu, modelOf([0, 100, 0]));
    expect(yEnu[0]).toBeCloseTo(100 * Math.sin(310 * DEG), 9);
    expect(yEnu[1]).toBeCloseTo(100 * Math.cos(310 * DEG), 9);
    apply(g.modelToEnu, [0, 5, 0]).forEach((v, i) => expect(v).toBeCloseTo([0, 0, 5][i], 12));
  });

  it('uses heading 0 with a warning when TrueNorth is absent', () => {
    const h = run(rawWith(null, null, { siteReference }));
    expect(h.headingDeg).toBe(0);
    expect(h.warnings.some((w) => /no usable TrueNorth/.test(w))).toBe(true);
  });
});

describe('georef: placement option', () => {
  const placement = { lonDeg: 115.9, latDeg: 28.68, heightM: 30, headingDeg: 90 };

  it('heading 90: plan north (IFC +Y, model −Z) → east, model +X → south, model +Y → up', () => {
    const g = run(rawWith({ eastings: 387900, northings: 3175800 }, {}), 0.001, { placement });
    expect(g.method).toBe('placement');
    expect(g.anchor).toEqual({ lonDeg: 115.9, latDeg: 28.68, heightM: 30 });
    expect(g.epsg).toBeNull();
    const close = (v: number[], w: number[]) => v.forEach((x, i) => expect(x).toBeCloseTo(w[i], 12));
    close(apply(g.modelToEnu, [0, 0, -1]), [1, 0, 0]);
    close(apply(g.modelToEnu, [1, 0, 0]), [0, -1, 0]);
    close(apply(g.modelToEnu, [0, 1, 0]), [0, 0, 1]);
    expect(g.warnings.some((w) => /overrides the file's IfcMapConversion/.test(w))).toBe(true);
  });

  it('ignores undefined options instead of letting them override defaults', () => {
    const g = run(rawWith(null, null), 1, { placement: undefined, allowUngeoreferenced: true, fallbackPlacement: undefined });
    expect(g.method).toBe('none');
    expect(g.anchor.lonDeg).toBeCloseTo(115.8529484, 9);
  });
});

describe('georef: CRS names, Scale rule and IfcMapConversionScaled', () => {
  it('accepts the EPSG name, the URN form and Bentley-style MapProjection=EPSG/MapZone', () => {
    const mc = { eastings: 387900, northings: 3175800 };
    expect(run(rawWith(mc, { name: 'CGCS2000 / 3-degree Gauss-Kruger CM 117E' })).epsg).toBe(4548);
    expect(run(rawWith(mc, { name: 'urn:ogc:def:crs:EPSG::4548' })).epsg).toBe(4548);
    const nc = run(rawWith({}, { name: 'NC83', mapProjection: 'EPSG', mapZone: '32119' }));
    expect(nc.epsg).toBe(32119);
    const [lonDeg, latDeg] = proj4('+proj=lcc +lat_0=33.75 +lon_0=-79 +lat_1=36.1666666666667 +lat_2=34.3333333333333 +x_0=609601.22 +y_0=0 +ellps=GRS80 +units=m +no_defs', 'WGS84', [0, 0]);
    expect(nc.anchor.lonDeg).toBeCloseTo(lonDeg, 10);
    expect(nc.anchor.latDeg).toBeCloseTo(latDeg, 10);
  });

  it('falls back to an EPSG code or EPSG name in the Description', () => {
    const mc = { eastings: 3458715.92, northings: 5439966.65 };
    const crs = { name: 'GK3', mapProjection: 'Gaus-Krueger', mapZone: '3' };
    expect(run(rawWith(mc, { ...crs, description: 'DHDN / 3-Degree Gauss-Krueger Zone 3' })).epsg).toBe(31467);
    expect(run(rawWith({ eastings: 387900, northings: 3175800 }, { name: 'Site grid', description: 'EPSG:4548 - CGCS2000' })).epsg).toBe(4548);
  });

  it('uses the injected registry', () => {
    const fake: EpsgRegistry = {
      byCode: (epsg) => (epsg === 990001 ? { epsg, name: 'Test TM', proj4: EPSG_4548, areaOfUseDeg: null } : null),
      byName: () => null,
    };
    const g = run(rawWith({ eastings: 387900, northings: 3175800 }, { name: 'EPSG:990001' }), 1, { epsgRegistry: fake });
    expect(g.epsg).toBe(990001);
    expect(g.anchor.latDeg).toBeCloseTo(28.6931596, 7);
  });

  it('Scale absent in a mm project → 0.001 with a warning; Scale 1 in a mm project → 0.001 with a warning', () => {
    for (const scale of [null, 1]) {
      const g = run(rawWith({ eastings: 387900, northings: 3175800, scale }, { mapUnitM: 1 }), 0.001);
      expect(Math.hypot(g.modelToEnu[0], g.modelToEnu[1])).toBeCloseTo(1 / 1.000155, 6); // k at height 0
      expect(g.warnings.some((w) => /Scale/.test(w))).toBe(true);
    }
  });

  it('Scale far from the unit ratio → GeorefError', () => {
    expect(() => run(rawWith({ eastings: 387900, northings: 3175800, scale: 5 }, {}), 0.001)).toThrow(/Scale=5 contradicts/);
    expect(() => run(rawWith({ eastings: 387900, northings: 3175800, scale: -1 }, {}), 0.001)).toThrow(GeorefError);
  });

  it('IfcMapConversionScaled multiplies local X/Y/Z by FactorX/Y/Z before rotating', () => {
    const base = { source: 'IfcMapConversionScaled' as const, eastings: 387900, northings: 3175800, scale: 1 };
    const g1 = run(rawWith(base, {}));
    const g2 = run(rawWith({ ...base, factorX: 2, factorY: 1, factorZ: 3 }, {}));
    expect(g2.method).toBe('IfcMapConversionScaled');
    const ratio = (i: number) => Math.hypot(g2.modelToEnu[i], g2.modelToEnu[i + 1]) / Math.hypot(g1.modelToEnu[i], g1.modelToEnu[i + 1]);
    expect(ratio(0)).toBeCloseTo(2, 8); // model X = IFC X
    expect(ratio(8)).toBeCloseTo(1, 8); // model Z = IFC −Y
    expect(g2.modelToEnu[6] / g1.modelToEnu[6]).toBeCloseTo(3, 8); // model Y = IFC Z (up)
  });
});

describe('georef: anchor at a model point (anchorModelM)', () => {
  it('map conversion at E = N = 0 with geometry at map coordinates (Bentley sample, EPSG:32119): < 1 cm at ±100 m', () => {
    const lcc = '+proj=lcc +lat_0=33.75 +lon_0=-79 +lat_1=36.1666666666667 +lat_2=34.3333333333333 +x_0=609601.22 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const centreIfcM = [435676.565284869, 168486.547406911, 227.275375568507]; // #23 of the Bentley file
    const raw = rawWith({}, { name: 'NC83', mapProjection: 'EPSG', mapZone: '32119', mapUnitM: 1 });
    const g = georef({ fileName: 'road.ifc', lengthUnitM: 1, georeference: raw, anchorModelM: modelOf(centreIfcM) as [number, number, number] }, {}, ctx());
    const [lonDeg, latDeg] = proj4(lcc, 'WGS84', [centreIfcM[0], centreIfcM[1]]);
    expect(Math.abs(g.anchor.lonDeg - lonDeg)).toBeLessThan(1e-12);
    expect(Math.abs(g.anchor.latDeg - latDeg)).toBeLessThan(1e-12);
    expect(g.anchor.heightM).toBeCloseTo(227.275375568507, 9);
    apply(g.modelToEnu, modelOf(centreIfcM)).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
    for (const p of LOCAL_POINTS_M) {
      const ifcM = [0, 1, 2].map((i) => centreIfcM[i] + p[i]);
      const want = expectedEcef(lcc, 0, 0, 0, 1, 0, ifcM);
      expect(splitError(toEcef(g, ifcM), want.ecef, want.lonDeg, want.latDeg).horizontalM).toBeLessThan(0.01);
    }
    expect(g.warnings.some((w) => /outside the area of use/.test(w))).toBe(false);
  });

  it('re-anchoring a rigid placement keeps every model point where it was (within 1 µm)', () => {
    const siteReference = { latitudeDeg: 49.100435, longitudeDeg: 8.436539, elevationM: 110 };
    const raw = rawWith(null, null, { siteReference, trueNorth: [0.766044443119, 0.642787609687] });
    const atOrigin = run(raw);
    const anchorModelM: [number, number, number] = [3000, 20, -4000];
    const moved = georef({ fileName: 'test.ifc', lengthUnitM: 1, georeference: raw, anchorModelM }, {}, ctx());
    for (const p of [[0, 0, 0], anchorModelM, [3100, 0, -4000], [-500, 30, 800]]) {
      const a = apply(atOrigin.enuToEcef, apply(atOrigin.modelToEnu, p));
      const b = apply(moved.enuToEcef, apply(moved.modelToEnu, p));
      for (let i = 0; i < 3; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-6);
    }
    apply(moved.modelToEnu, anchorModelM).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
    expect(moved.anchor.latDeg).not.toBeCloseTo(atOrigin.anchor.latDeg, 3);
    expect(Math.abs(moved.headingDeg - 310)).toBeLessThan(0.1); // the ENU frames differ by ≈ 5 km / R
  });
});

describe('georef: errors', () => {
  it('unknown EPSG code or CRS name → GeorefError naming the CRS and the file', () => {
    expect(() => run(rawWith({}, { name: 'EPSG:999999' }))).toThrow(/test\.ifc: unknown coordinate reference system 'EPSG:999999'/);
    expect(() => run(rawWith({}, { name: 'Local Grid Nanchang 1987' }))).toThrow(/'Local Grid Nanchang 1987'/);
    expect(() => run(rawWith({}, null))).toThrow(/no IfcProjectedCRS/);
    expect(() => run(rawWith({}, { name: 'EPSG:4326' }))).toThrow(/not a projected CRS/);
  });

  it('zero-length X axis → GeorefError', () => {
    expect(() => run(rawWith({ xAxisAbscissa: 0, xAxisOrdinate: 0 }, {}))).toThrow(/X axis .* has zero length/);
  });

  it('latitude out of range (placement or site) → GeorefError', () => {
    expect(() => run(rawWith(null, null), 1, { placement: { lonDeg: 0, latDeg: 91, heightM: 0, headingDeg: 0 } })).toThrow(GeorefError);
    const siteReference = { latitudeDeg: -95, longitudeDeg: 8, elevationM: 0 };
    expect(() => run(rawWith(null, null, { siteReference }))).toThrow(/latitude -95 is outside/);
  });

  it('no georeferencing → GeorefError unless allowUngeoreferenced (then method none at the fallback)', () => {
    expect(() => run(rawWith(null, null))).toThrow(/no georeferencing/);
    const fallbackPlacement = { lonDeg: 114.9, latDeg: 25.8, heightM: 100, headingDeg: 0 };
    const g = run(rawWith(null, null), 1, { allowUngeoreferenced: true, fallbackPlacement });
    expect(g.method).toBe('none');
    expect(g.anchor).toEqual({ lonDeg: 114.9, latDeg: 25.8, heightM: 100 });
    expect(g.warnings[0]).toMatch(/has no georeferencing/);
  });
});
