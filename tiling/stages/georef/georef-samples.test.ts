import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { GeorefError } from '../../errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { parseIfc } from '../parse/parse';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING } from '../parse/sample-ifc';
import { ecefToEnu, geodeticToEcef } from './ecef';
import { georef } from './georef';

// End to end on the real sample files: parse → georef, checked against values computed here with proj4.
const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

async function georefOf(fileName: string) {
  const model = await parseIfc(await readSampleIfc(fileName), {}, ctx());
  return georef({ fileName, lengthUnitM: model.lengthUnitM, georeference: model.georeference }, {}, ctx());
}

/** Horizontal distance (metres) between a result's anchor and a lon/lat. */
function horizontalDistanceM(g: Awaited<ReturnType<typeof georefOf>>, lonDeg: number, latDeg: number) {
  const enu = ecefToEnu(g.enuToEcef, geodeticToEcef(lonDeg, latDeg, g.anchor.heightM));
  return Math.hypot(enu[0], enu[1]);
}

describe.skipIf(!HAS_SAMPLE_IFC)(HAS_SAMPLE_IFC ? 'georef on the sample IFC files' : SAMPLES_MISSING, () => {
  it('nanchang-residential-sample: EPSG:4548 origin = proj4(387900, 3175800) and = its IfcSite reference within 1 cm', async () => {
    const g = await georefOf('nanchang-residential-sample.ifc');
    expect(g.method).toBe('IfcMapConversion');
    expect(g.epsg).toBe(4548);
    const [lonDeg, latDeg] = proj4('+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', 'WGS84', [387900, 3175800]);
    expect(Math.abs(g.anchor.lonDeg - lonDeg)).toBeLessThan(1e-12);
    expect(Math.abs(g.anchor.latDeg - latDeg)).toBeLessThan(1e-12);
    expect(horizontalDistanceM(g, 115.8529484, 28.6931596)).toBeLessThan(0.01);
    expect(g.anchor.heightM).toBe(22);
    expect(g.headingDeg).toBeCloseTo(344.4492, 3);
    // TrueNorth (0, 1) is the exporter default and is not reported as a contradiction.
    expect(g.warnings.some((w) => /TrueNorth/.test(w))).toBe(false);
  });

  it('geographic-referencing-gk: EPSG:31467, Scale=1000 read as inverted, origin within 2 m of its RefLatitude/RefLongitude', async () => {
    const g = await georefOf('geographic-referencing-gk_IFC4X3.ifc');
    expect(g.epsg).toBe(31467);
    expect(g.warnings.some((w) => /looks inverted/.test(w))).toBe(true);
    expect(horizontalDistanceM(g, 8 + 26 / 60 + 1.2473 / 3600, 49 + 5 / 60 + 43.9837 / 3600)).toBeLessThan(2);
    expect(g.anchor.heightM).toBeCloseTo(113.7, 9);
  });

  it('AC20-FZK-Haus: IfcSite reference 49.100435° N 8.436539° E 110 m, heading 310° from TrueNorth', async () => {
    const g = await georefOf('AC20-FZK-Haus.ifc');
    expect(g.method).toBe('IfcSite.RefLatitude');
    expect(Math.abs(g.anchor.latDeg - (49 + 6 / 60 + 1.566 / 3600))).toBeLessThan(1e-9);
    expect(Math.abs(g.anchor.lonDeg - (8 + 26 / 60 + 11.5404 / 3600))).toBeLessThan(1e-9);
    expect(g.anchor.heightM).toBe(110);
    expect(g.headingDeg).toBeCloseTo(310, 6);
  });

  it('IfcOpenHouse (no georeferencing): GeorefError naming the file', async () => {
    await expect(georefOf('IfcOpenHouse_IFC4.ifc')).rejects.toThrow(GeorefError);
    await expect(georefOf('IfcOpenHouse_IFC4.ifc')).rejects.toThrow(/IfcOpenHouse_IFC4\.ifc: no georeferencing/);
  });
});
