import * as WebIFC from 'web-ifc';
import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIfcInput } from '../../io/read-input';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { georef } from '../georef/georef';
import { createIfcApi, parseIfc } from './parse';
import type { RawGeoreference } from './parsed-model';
import { canonicalEpsetName, compoundAngleToDeg, readGeoreferenceSource } from './georeference-source';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLE_IFC_DIR, SAMPLES_MISSING } from './sample-ifc';
import { schemaFamilyOf } from './schema';
import { buildStepFile, fixtureGlobalId as g } from './step-fixture';
import { readFileSchema } from './step-file';
import { StepLines } from './step-lines';
import { readLengthUnitM } from './units';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

/** Opens bytes and reads only the georeferencing (no geometry), as parseIfc does. */
function georeferenceOf(bytes: Uint8Array, fileName: string): RawGeoreference {
  const family = schemaFamilyOf(readFileSchema(bytes, fileName)[0], fileName);
  const id = api.OpenModel(bytes);
  try {
    const lines = new StepLines(api, id);
    const unitM = readLengthUnitM(lines, lines.idsOfType(WebIFC.IFCPROJECT)[0] ?? null, fileName);
    return readGeoreferenceSource(lines, family, unitM, fileName);
  } finally {
    api.CloseModel(id);
  }
}

const DEG_15 = (15 * Math.PI) / 180;

describe('compoundAngleToDeg', () => {
  it('adds degrees, minutes, seconds and millionths of a second, sign on every part', () => {
    expect(compoundAngleToDeg([49, 6, 1, 566000])).toBeCloseTo(49 + 6 / 60 + 1.566 / 3600, 12);
    expect(compoundAngleToDeg([-71, -3, -35, -0])).toBeCloseTo(-(71 + 3 / 60 + 35 / 3600), 12);
    expect(compoundAngleToDeg([28, 41, 35])).toBeCloseTo(28 + 41 / 60 + 35 / 3600, 12);
    expect(compoundAngleToDeg([28, 41])).toBeNull();
  });
});

/**
 * IFC2X3 DATA lines with the two georeferencing property sets under the given names, attached to the project:
 * E 387900, N 3175800, H 22, X axis at 15°, Scale 0.001, EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E).
 */
function epsetLines(mapSetName: string, crsSetName: string, eastingsName = 'Eastings'): string[] {
  return [
    `#2=IFCPROPERTYSET('${g(2)}',$,'${mapSetName}',$,(#3,#4,#5,#6,#7,#8));`,
    `#3=IFCPROPERTYSINGLEVALUE('${eastingsName}',$,IFCLENGTHMEASURE(387900.),$);`,
    "#4=IFCPROPERTYSINGLEVALUE('Northings',$,IFCLENGTHMEASURE(3175800.),$);",
    "#5=IFCPROPERTYSINGLEVALUE('OrthogonalHeight',$,IFCLENGTHMEASURE(22.),$);",
    "#6=IFCPROPERTYSINGLEVALUE('XAxisAbscissa',$,IFCREAL(0.965925826289068),$);",
    "#7=IFCPROPERTYSINGLEVALUE('XAxisOrdinate',$,IFCREAL(0.258819045102521),$);",
    "#8=IFCPROPERTYSINGLEVALUE('Scale',$,IFCREAL(0.001),$);",
    `#9=IFCPROPERTYSET('${g(9)}',$,'${crsSetName}',$,(#10,#11,#12));`,
    "#10=IFCPROPERTYSINGLEVALUE('Name',$,IFCLABEL('EPSG:4548'),$);",
    "#11=IFCPROPERTYSINGLEVALUE('GeodeticDatum',$,IFCLABEL('CGCS2000'),$);",
    "#12=IFCPROPERTYSINGLEVALUE('MapUnit',$,IFCLABEL('METRE'),$);",
    `#13=IFCRELDEFINESBYPROPERTIES('${g(13)}',$,$,$,(#1),#2);`,
    `#14=IFCRELDEFINESBYPROPERTIES('${g(14)}',$,$,$,(#1),#9);`,
  ];
}

const EPSET_MAP_CONVERSION_READ = {
  source: 'ePset_MapConversion', eastings: 387900, northings: 3175800, orthogonalHeight: 22,
  xAxisAbscissa: 0.965925826289068, xAxisOrdinate: 0.258819045102521, scale: 0.001, factorX: null, factorY: null, factorZ: null,
};
const EPSET_PROJECTED_CRS_READ = {
  name: 'EPSG:4548', description: null, geodeticDatum: 'CGCS2000', verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1,
};

describe('canonicalEpsetName', () => {
  it('recognises the two ePsets in any case and keeps the guide\'s spelling', () => {
    for (const name of ['ePset_MapConversion', 'EPset_MapConversion', 'ePSet_MapConversion', 'EPSET_MAPCONVERSION', 'epset_mapconversion']) {
      expect(canonicalEpsetName(name)).toBe('ePset_MapConversion');
    }
    for (const name of ['ePset_ProjectedCRS', 'EPset_ProjectedCRS', 'ePSet_ProjectedCrs', 'EPSET_PROJECTEDCRS']) {
      expect(canonicalEpsetName(name)).toBe('ePset_ProjectedCRS');
    }
  });

  it('matches the whole name only', () => {
    for (const name of ['Pset_MapConversion', 'ePset_MapConversion2', ' ePset_MapConversion', 'ePset_Map_Conversion', 'MapConversion', '']) {
      expect(canonicalEpsetName(name)).toBeNull();
    }
    expect(canonicalEpsetName(null)).toBeNull();
  });
});

describe('readGeoreferenceSource on fixtures', () => {
  it('reads IFC2X3 ePset_MapConversion / ePset_ProjectedCRS property sets', () => {
    const bytes = buildStepFile('IFC2X3', [`#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,$,$);`, ...epsetLines('ePset_MapConversion', 'ePset_ProjectedCRS')]);
    const geo = georeferenceOf(bytes, 'epset.ifc');
    expect(geo.mapConversion).toEqual(EPSET_MAP_CONVERSION_READ);
    expect(geo.projectedCrs).toEqual(EPSET_PROJECTED_CRS_READ);
  });

  it.each([
    ['EPset_MapConversion', 'EPset_ProjectedCRS'],
    ['ePSet_MapConversion', 'ePSet_ProjectedCRS'],
    ['EPSET_MAPCONVERSION', 'EPSET_PROJECTEDCRS'],
  ])('reads the ePsets written as %s / %s, reported under the canonical name', (mapSetName, crsSetName) => {
    const bytes = buildStepFile('IFC2X3', [`#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,$,$);`, ...epsetLines(mapSetName, crsSetName)]);
    const geo = georeferenceOf(bytes, 'exporter.ifc');
    expect(geo.mapConversion).toEqual(EPSET_MAP_CONVERSION_READ);
    expect(geo.projectedCrs).toEqual(EPSET_PROJECTED_CRS_READ);
  });

  it('reads property names in any case (EASTINGS) and ignores sets with other names (Pset_MapConversion)', () => {
    const upper = buildStepFile('IFC2X3', [`#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,$,$);`, ...epsetLines('EPSET_MAPCONVERSION', 'ePset_ProjectedCRS', 'EASTINGS')]);
    expect(georeferenceOf(upper, 'upper.ifc').mapConversion).toEqual(EPSET_MAP_CONVERSION_READ);
    const other = buildStepFile('IFC2X3', [`#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,$,$);`, ...epsetLines('Pset_MapConversion', 'Pset_ProjectedCRS')]);
    const geo = georeferenceOf(other, 'other.ifc');
    expect(geo.mapConversion).toBeNull();
    expect(geo.projectedCrs).toBeNull();
  });

  it('end to end: parse → georef places an EPSET_MAPCONVERSION file exactly like an ePset_MapConversion one', async () => {
    // IFC2X3 in millimetres (Scale 0.001 maps them to metres), one 4 m × 0.2 m × 3 m wall so that parse has
    // something to mesh.
    const wall = [
      `#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,(#20),#40);`,
      '#40=IFCUNITASSIGNMENT((#41));',
      '#41=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);',
      "#20=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#21,$);",
      '#21=IFCAXIS2PLACEMENT3D(#22,$,$);',
      '#22=IFCCARTESIANPOINT((0.,0.,0.));',
      '#23=IFCLOCALPLACEMENT($,#21);',
      '#24=IFCDIRECTION((0.,0.,1.));',
      '#25=IFCRECTANGLEPROFILEDEF(.AREA.,$,#26,4000.,200.);',
      '#26=IFCAXIS2PLACEMENT2D(#27,$);',
      '#27=IFCCARTESIANPOINT((0.,0.));',
      '#28=IFCEXTRUDEDAREASOLID(#25,#21,#24,3000.);',
      "#29=IFCSHAPEREPRESENTATION(#20,'Body','SweptSolid',(#28));",
      '#30=IFCPRODUCTDEFINITIONSHAPE($,$,(#29));',
      `#31=IFCWALLSTANDARDCASE('${g(31)}',$,'W',$,$,#23,#30,$);`,
    ];
    const placed = async (mapSetName: string, crsSetName: string) => {
      const fileName = `${mapSetName}.ifc`;
      const ctx = { logger: SILENT_LOGGER, report: new ReportBuilder() };
      const model = await parseIfc({ bytes: buildStepFile('IFC2X3', [...wall, ...epsetLines(mapSetName, crsSetName)]), fileName }, { ifcApi: api }, ctx);
      expect(model.elements.map((e) => e.globalId)).toEqual([g(31)]);
      expect(model.georeference.mapConversion).toEqual(EPSET_MAP_CONVERSION_READ);
      return georef({ fileName, lengthUnitM: model.lengthUnitM, georeference: model.georeference }, {}, ctx);
    };
    const canonical = await placed('ePset_MapConversion', 'ePset_ProjectedCRS');
    const exporter = await placed('EPSET_MAPCONVERSION', 'EPset_ProjectedCRS');
    expect(exporter.method).toBe('ePset_MapConversion');
    expect(exporter.epsg).toBe(4548);
    expect(exporter.anchor).toEqual(canonical.anchor);
    expect(exporter.headingDeg).toBe(canonical.headingDeg);
    // E 387900, N 3175800 in CGCS2000 / 3° GK CM 117E ≈ 115.853° E, 28.693° N (the Nanchang sample's origin).
    expect(exporter.anchor.lonDeg).toBeCloseTo(115.853, 3);
    expect(exporter.anchor.latDeg).toBeCloseTo(28.693, 3);
    expect(exporter.anchor.heightM).toBe(22);
  });

  it('reads IfcMapConversionScaled (IFC4X3) factors and a millimetre MapUnit', () => {
    const bytes = buildStepFile('IFC4X3_ADD2', [
      `#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,(#2),$);`,
      "#2=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#3,#6);",
      '#3=IFCAXIS2PLACEMENT3D(#4,$,$);',
      '#4=IFCCARTESIANPOINT((0.,0.,0.));',
      '#6=IFCDIRECTION((0.,1.));',
      '#7=IFCMAPCONVERSIONSCALED(#2,#8,500000.,4000000.,10.,1.,0.,1.,0.9996,0.9996,1.);',
      "#8=IFCPROJECTEDCRS('EPSG:32650','WGS 84 / UTM zone 50N','WGS84',$,'UTM','50N',#9);",
      '#9=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);',
    ]);
    const geo = georeferenceOf(bytes, 'scaled.ifc');
    expect(geo.mapConversion).toMatchObject({ source: 'IfcMapConversionScaled', eastings: 500000, northings: 4000000, factorX: 0.9996, factorY: 0.9996, factorZ: 1 });
    expect(geo.projectedCrs).toMatchObject({ name: 'EPSG:32650', mapProjection: 'UTM', mapZone: '50N', mapUnitM: 0.001 });
    expect(geo.trueNorth).toEqual([0, 1]);
  });
});

describe.skipIf(!HAS_SAMPLE_IFC)(`georeferencing of the samples (${HAS_SAMPLE_IFC ? 'present' : SAMPLES_MISSING})`, () => {
  const sample = async (fileName: string) => georeferenceOf((await readSampleIfc(fileName)).bytes, fileName);

  it('nanchang: IfcMapConversion to EPSG:4548, 15° rotation, scale 0.001, site reference', async () => {
    const geo = await sample('nanchang-residential-sample.ifc');
    expect(geo.mapConversion).toMatchObject({ source: 'IfcMapConversion', eastings: 387900, northings: 3175800, orthogonalHeight: 22, scale: 0.001 });
    expect(geo.mapConversion?.xAxisAbscissa).toBeCloseTo(Math.cos(DEG_15), 12);
    expect(geo.mapConversion?.xAxisOrdinate).toBeCloseTo(Math.sin(DEG_15), 12);
    expect(geo.projectedCrs).toMatchObject({ name: 'EPSG:4548', geodeticDatum: 'CGCS2000', mapUnitM: 1 });
    expect(geo.siteReference?.latitudeDeg).toBeCloseTo(28.6931596, 7); // ≈ 1 cm
    expect(geo.siteReference?.longitudeDeg).toBeCloseTo(115.8529484, 7);
    expect(geo.siteReference?.elevationM).toBeCloseTo(22, 9);
  });

  it('geographic-referencing-gk (IFC4X3_ADD2): EPSG:31467 with Scale 1000, RefLat 49°5′43.98″', async () => {
    const geo = await sample('geographic-referencing-gk_IFC4X3.ifc');
    expect(geo.mapConversion).toMatchObject({
      eastings: 3458715.92, northings: 5439966.65, orthogonalHeight: 113.7, xAxisAbscissa: 0.270600445976, xAxisOrdinate: 0.962691746426, scale: 1000,
    });
    expect(geo.projectedCrs).toMatchObject({ name: 'EPSG:31467', mapZone: '3' });
    expect(geo.siteReference?.latitudeDeg).toBeCloseTo(49 + 5 / 60 + 43.9837 / 3600, 9);
    expect(geo.siteReference?.longitudeDeg).toBeCloseTo(8.433679805555554, 9);
    // RefElevation 113.7 is in project units (mm) per the spec: 0.1137 m.
    expect(geo.siteReference?.elevationM).toBeCloseTo(0.1137, 9);
  });

  it('Bentley road (IFC4X3_RC4): IfcProjectedCRS NC83 = EPSG 32119, NAVD88', async () => {
    const geo = await sample('Bentley_OpenRoads_road_test2_IFC4X3_RC4.ifc');
    expect(geo.mapConversion).toMatchObject({ source: 'IfcMapConversion', eastings: 0, northings: 0, scale: null, xAxisAbscissa: 1, xAxisOrdinate: 0 });
    expect(geo.projectedCrs).toEqual({
      name: 'NC83', description: 'NAD83 North Carolina State Plane, Meter', geodeticDatum: 'NAD83', verticalDatum: 'NAVD88',
      mapProjection: 'EPSG', mapZone: '32119', mapUnitM: 1,
    });
    expect(geo.siteReference).toBeNull();
  });

  it('FZK-Haus: RefLat 49°6′1.566″, RefLong 8°26′11.5404″, 110 m, TrueNorth rotated', async () => {
    const geo = await sample('AC20-FZK-Haus.ifc');
    expect(geo.mapConversion).toBeNull();
    expect(geo.siteReference?.latitudeDeg).toBeCloseTo(49 + 6 / 60 + 1.566 / 3600, 12);
    expect(geo.siteReference?.longitudeDeg).toBeCloseTo(8 + 26 / 60 + 11.5404 / 3600, 12);
    expect(geo.siteReference?.elevationM).toBe(110);
    expect(geo.trueNorth?.[0]).toBeCloseTo(0.766044443119, 12);
    expect(geo.trueNorth?.[1]).toBeCloseTo(0.642787609687, 12);
  });

  it('janesville (feet): negative longitude from a compound with the sign on every part', async () => {
    const geo = await sample('revit2012_janesville_restaurant.ifc');
    expect(geo.siteReference?.latitudeDeg).toBeCloseTo(42.358428955, 9);
    expect(geo.siteReference?.longitudeDeg).toBeCloseTo(-71.0597763061111, 9);
  });

  it('ACCA railway (IFC4X3_ADD2, zipped): EPSG:3065', async () => {
    const input = await readIfcInput(`${SAMPLE_IFC_DIR}ACCA_RFI_Track_07_San_Martino-Tufara_IFC4X3_ADD2.zip`);
    const geo = georeferenceOf(input.bytes, input.fileName);
    expect(geo.projectedCrs?.name).toMatch(/3065/);
    expect(geo.mapConversion?.source).toBe('IfcMapConversion');
  });
});
