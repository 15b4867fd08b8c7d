import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import type { RawGeoreference } from '../parse/parsed-model';
import { datumShiftOf, EPSG_INDEX_HELMERT_CONVENTIONS } from './datum-shift';
import { ecefToEnu, geodeticToEcef } from './ecef';
import type { EpsgRegistry } from './epsg-registry';
import { EPSG_INDEX_REGISTRY } from './epsg-registry';
import { georef } from './georef';
import type { Georeference } from './georeference';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

/** Georeferences a model whose origin sits at grid (E, N) of an EPSG CRS (map conversion, metres, no rotation). */
function atGridPoint(crsName: string, eastings: number, northings: number, epsgRegistry?: EpsgRegistry): Georeference {
  const raw: RawGeoreference = {
    mapConversion: {
      source: 'IfcMapConversion', eastings, northings, orthogonalHeight: 0, xAxisAbscissa: 1, xAxisOrdinate: 0,
      scale: null, factorX: null, factorY: null, factorZ: null,
    },
    projectedCrs: { name: crsName, geodeticDatum: null, verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1 },
    siteReference: null,
    trueNorth: null,
  };
  return georef({ fileName: 'datum.ifc', lengthUnitM: 1, georeference: raw }, { epsgRegistry }, ctx());
}

/** Horizontal distance (metres) from a result's anchor to a WGS84 lon/lat. */
function offsetM(g: Georeference, lonDeg: number, latDeg: number): number {
  const enu = ecefToEnu(g.enuToEcef, geodeticToEcef(lonDeg, latDeg, g.anchor.heightM));
  return Math.hypot(enu[0], enu[1]);
}

const datumWarnings = (g: Georeference) => g.warnings.filter((w) => /not WGS84-compatible|convention is not known|Molodensky|CGCS2000|grid/.test(w));

describe('datum shifts (EPSG definitions from epsg-index, checked against PROJ 9.1.1 cs2cs)', () => {
  it('EPSG:28992 Amersfoort / RD New: the RD origin 155000/463000 lands 0.3 m from 52.15517440° N 5.38720621° E (official; the Helmert\'s own accuracy) and on PROJ within 1 cm', () => {
    const g = atGridPoint('EPSG:28992', 155000, 463000);
    // Official RD ↔ ETRS89/WGS84 reference of the Amersfoort origin (RDNAPTRANS); a 7-parameter Helmert is good to ≈ 1 m.
    const official = offsetM(g, 5.38720621, 52.1551744);
    expect(official).toBeLessThan(1);
    expect(official).toBeGreaterThan(0.2); // measured 0.29 m: the Helmert's own accuracy, not ours
    // PROJ 9.1.1 `cs2cs EPSG:28992 EPSG:4326` (Amersfoort to WGS 84 (4)): 52.1551723012, 5.3872035084.
    expect(offsetM(g, 5.3872035084, 52.1551723012)).toBeLessThan(0.01);
    expect(datumWarnings(g)).toEqual([]);
  });

  it('EPSG:28992 as epsg-index writes it would be 170 m off, and without a shift 114 m off', () => {
    const definition = EPSG_INDEX_REGISTRY.byCode(28992);
    expect(definition?.proj4).toContain('+towgs84=565.4171,50.3319,465.5524,1.9342,-1.6677,9.1019,4.0725');
    expect(definition?.datum).toBe('Amersfoort');
    const official = (def: string) => {
      const [lonDeg, latDeg] = proj4(def, 'WGS84', [155000, 463000]);
      const enu = ecefToEnu(atGridPoint('EPSG:28992', 155000, 463000).enuToEcef, geodeticToEcef(lonDeg, latDeg, 0));
      return Math.hypot(enu[0], enu[1]);
    };
    expect(official(definition!.proj4)).toBeGreaterThan(160); // measured 170 m: Coordinate Frame µrad read as Position Vector ″
    expect(official(definition!.proj4.replace(/\+towgs84=\S+/, ''))).toBeGreaterThan(110); // measured 114 m
    // Coordinate Frame (EPSG 9607) in µrad → Position Vector in arc-seconds: negate and × 0.206264806.
    expect(datumShiftOf(definition!).towgs84).toBe('565.4171,50.3319,465.5524,-0.398957388243,0.343987817378,-1.87740163998,4.0725');
  });

  it('matches PROJ within 0.01 m for Coordinate Frame shifts in arc-seconds (BD72 Belgian Lambert 72, Hong Kong 1980 Grid)', () => {
    // PROJ 9.1.1 cs2cs to EPSG:4326 (BD72 to WGS 84 (3), Hong Kong 1980 to WGS 84 (1)).
    expect(offsetM(atGridPoint('EPSG:31370', 150000, 170000), 4.3687521409, 50.8404112831)).toBeLessThan(0.01);
    // EPSG:2326 is northing-first for cs2cs: `820000 836000` is E = 836000, N = 820000.
    expect(offsetM(atGridPoint('EPSG:2326', 836000, 820000), 114.1742731681, 22.3190027313)).toBeLessThan(0.01);
  });

  it('keeps translation-only shifts as written (CH1903+ / LV95: 3 parameters, within 1 m of PROJ’s CHENYX06 grid)', () => {
    const g = atGridPoint('EPSG:2056', 2600000, 1200000);
    expect(offsetM(g, 7.4386324209, 46.9510827719)).toBeLessThan(1);
    expect(datumWarnings(g)).toEqual([]);
  });

  it('replaces the OSTN15 grid of British National Grid by EPSG:1314 (what PROJ uses without the grid), with a warning', () => {
    const g = atGridPoint('EPSG:27700', 400000, 300000);
    expect(offsetM(g, -2.0014331155, 52.5977924308)).toBeLessThan(0.01);
    expect(g.warnings.some((w) => /OSTN15_NTv2_OSGBtoETRS\.gsb.*EPSG:1314/.test(w))).toBe(true);
  });

  it('applies only the translations of a Molodensky-Badekas shift (Macao 1920, pivot unknown) and says so', () => {
    const g = atGridPoint('EPSG:8433', 20000, 20000);
    // PROJ 9.1.1 with the pivot (Macao 1920 to WGS 84 (1)): 22.2111996337, 113.5394716908.
    // Its rotations are large (up to 76″ = 0.37 mm/m): 2.3 m measured at the grid origin, ≈ 6 km from the pivot.
    expect(offsetM(g, 113.5394716908, 22.2111996337)).toBeLessThan(3);
    expect(g.warnings.some((w) => /Molodensky-Badekas.*translations only/.test(w))).toBe(true);
  });

  it('CGCS2000 Gauss-Krüger (EPSG:4548) and ETRS89 (EPSG:2180, zero shift) are WGS84-compatible: no datum warning', () => {
    expect(datumShiftOf(EPSG_INDEX_REGISTRY.byCode(4548)!).kind).toBe('wgs84-compatible');
    expect(datumShiftOf(EPSG_INDEX_REGISTRY.byCode(4490)!).kind).toBe('wgs84-compatible');
    expect(datumWarnings(atGridPoint('EPSG:4548', 387900, 3175800))).toEqual([]);
    expect(datumWarnings(atGridPoint('EPSG:2180', 500000, 500000))).toEqual([]);
  });

  it('warns for Xian 1980 and New Beijing (no shift known anywhere) with the datum and the expected error', () => {
    const xian = atGridPoint('EPSG:2383', 385000, 3175000);
    expect(xian.warnings.some((w) => /EPSG:2383 .*datum Xian 1980 \(IAU76\).*not WGS84-compatible.*≈ 50 m around Nanchang/.test(w))).toBe(true);
    const newBeijing = atGridPoint('EPSG:4796', 385000, 3175000);
    expect(newBeijing.warnings.some((w) => /datum New Beijing \(krass\).*tens of metres/.test(w))).toBe(true);
  });

  it('uses an unknown 7-parameter set as written and states the convention ambiguity in metres at the anchor', () => {
    const rd = EPSG_INDEX_REGISTRY.byCode(28992)!;
    const fake: EpsgRegistry = {
      byCode: (epsg) => (epsg === 990002 ? { ...rd, epsg, proj4: rd.proj4.replace(/\+towgs84=\S+/, '+towgs84=565,50,465,0.4,-0.34,1.9,4') } : null),
      byName: () => null,
    };
    const g = atGridPoint('EPSG:990002', 155000, 463000, fake);
    const warning = g.warnings.find((w) => /convention is not known here/.test(w));
    expect(warning).toMatch(/Amersfoort/);
    const metres = Number(/puts the anchor ([\d.]+) m away/.exec(warning ?? '')?.[1]);
    expect(metres).toBeGreaterThan(50); // two readings of ≈ 2″ rotations differ by ≈ 2·2″·R ≈ 120 m
    expect(metres).toBeLessThan(200);
  });

  it('covers every 7-parameter set with rotations of a projected CRS in epsg-index, and each entry is still there', () => {
    const require = createRequire(import.meta.url);
    const all = JSON.parse(readFileSync(require.resolve('epsg-index/all.json'), 'utf8')) as Record<string, { kind: string; proj4: string | null }>;
    const withRotations = new Set<string>();
    for (const entry of Object.values(all)) {
      if (entry.kind !== 'CRS-PROJCRS') continue; // georef places projected CRSs only
      const p = entry.proj4 ? /\+towgs84=(\S+)/.exec(entry.proj4)?.[1] : undefined;
      const v = p?.split(',').map(Number);
      if (p && v && v.length === 7 && (v[3] !== 0 || v[4] !== 0 || v[5] !== 0)) withRotations.add(p);
    }
    const known = new Set(EPSG_INDEX_HELMERT_CONVENTIONS.map((row) => row[1]));
    expect([...withRotations].filter((p) => !known.has(p))).toEqual([]);
    expect([...known].filter((p) => !withRotations.has(p))).toEqual([]);
  });
});
