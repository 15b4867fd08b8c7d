import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { parseIfc } from '../parse/parse';
import type { ParsedModel } from '../parse/parsed-model';
import { buildStepFile, fixtureGlobalId as g } from '../parse/step-fixture';
import { geodeticToEcef } from './ecef';
import { georef } from './georef';
import type { Georeference } from './georeference';
import { chooseAnchorModelM, modelCentreM } from './model-centre';

// IfcSite RefLatitude/RefLongitude/RefElevation locate the origin of the site's ObjectPlacement (IFC 4.3 IfcSite),
// which here holds map-like coordinates ≈ 1 186 km from the IFC world origin (as some exporters write).
const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });
const ECEF = '+proj=geocent +datum=WGS84 +units=m +no_defs';
const DEG = Math.PI / 180;

const SITE_ORIGIN_M = [840000, 837000, 12]; // |(x, y)| = 1 185 878 m
const SITE_LAT_DEG = 28 + 41 / 60 + 35 / 3600;
const SITE_LON_DEG = 115 + 51 / 60 + 10 / 3600;
const SITE_ELEVATION_M = 25;
// TrueNorth at 60° from IFC +X: IFC +Y points 30° west of north (heading 330°).
const TRUE_NORTH = [0.5, Math.sqrt(3) / 2];
// The site placement is turned 20° about Z; the wall sits at (10, 5, 0) in it; its box is 4 × 0.2 × 3 m.
const SITE_TURN_DEG = 20;

const FIXTURE = buildStepFile('IFC4', [
  `#1=IFCPROJECT('${g(1)}',$,'P',$,$,$,$,(#2),#60);`,
  `#2=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#3,#5);`,
  '#3=IFCAXIS2PLACEMENT3D(#4,$,$);',
  '#4=IFCCARTESIANPOINT((0.,0.,0.));',
  `#5=IFCDIRECTION((${TRUE_NORTH[0]},${TRUE_NORTH[1]}));`,
  '#60=IFCUNITASSIGNMENT((#61));',
  '#61=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);',
  `#10=IFCCARTESIANPOINT((${SITE_ORIGIN_M.map((v) => `${v}.`).join(',')}));`,
  '#11=IFCDIRECTION((0.,0.,1.));',
  `#12=IFCDIRECTION((${Math.cos(SITE_TURN_DEG * DEG)},${Math.sin(SITE_TURN_DEG * DEG)},0.));`,
  '#13=IFCAXIS2PLACEMENT3D(#10,#11,#12);',
  '#14=IFCLOCALPLACEMENT($,#13);',
  `#15=IFCSITE('${g(15)}',$,'Site',$,$,#14,$,$,.ELEMENT.,(28,41,35,0),(115,51,10,0),${SITE_ELEVATION_M}.,$,$);`,
  `#16=IFCRELAGGREGATES('${g(16)}',$,$,$,#1,(#15));`,
  '#20=IFCCARTESIANPOINT((10.,5.,0.));',
  '#21=IFCAXIS2PLACEMENT3D(#20,$,$);',
  '#22=IFCLOCALPLACEMENT(#14,#21);',
  '#23=IFCRECTANGLEPROFILEDEF(.AREA.,$,#24,4.,0.2);',
  '#24=IFCAXIS2PLACEMENT2D(#25,$);',
  '#25=IFCCARTESIANPOINT((2.,0.1));',
  '#26=IFCEXTRUDEDAREASOLID(#23,#3,#11,3.);',
  "#27=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#26));",
  '#28=IFCPRODUCTDEFINITIONSHAPE($,$,(#27));',
  `#29=IFCWALL('${g(29)}',$,'Wall',$,$,#22,#28,$,$);`,
  `#30=IFCRELCONTAINEDINSPATIALSTRUCTURE('${g(30)}',$,$,$,(#29),#15);`,
]);

/** As the pipeline calls it: anchor at the geometry's centre when that lies > 1 km from the model origin. */
function georefAsPipeline(model: ParsedModel): { result: Georeference; anchorModelM: [number, number, number] } {
  const anchorModelM = chooseAnchorModelM(modelCentreM(model));
  expect(anchorModelM).toBeDefined();
  const result = georef(
    { fileName: model.fileName, lengthUnitM: model.lengthUnitM, georeference: model.georeference, anchorModelM },
    {},
    ctx(),
  );
  return { result, anchorModelM: anchorModelM! };
}

/** Angle (degrees) between the model's up (model +Y = IFC +Z) and the anchor's ENU up. */
const tiltDeg = (r: Georeference) =>
  Math.acos(r.modelToEnu[6] / Math.hypot(r.modelToEnu[4], r.modelToEnu[5], r.modelToEnu[6])) / DEG;

describe('georef: IfcSite RefLatitude/RefLongitude at the site placement (≈ 1 186 km from the IFC world origin)', async () => {
  const model = await parseIfc({ bytes: FIXTURE, fileName: 'site-offset.ifc' }, {}, ctx());

  it('parse reads the site placement: origin (840000, 837000, 12) m, X axis turned 20°', () => {
    const placement = model.georeference.siteReference?.placementM;
    expect(placement).toHaveLength(16);
    expect(placement!.slice(12, 15)).toEqual(SITE_ORIGIN_M);
    expect(placement![0]).toBeCloseTo(Math.cos(SITE_TURN_DEG * DEG), 12);
    expect(placement![1]).toBeCloseTo(Math.sin(SITE_TURN_DEG * DEG), 12);
  });

  it('anchors at the site reference point moved to the geometry centre: upright (tilt 0.00012°) at RefElevation + 1.5 m', () => {
    const { result, anchorModelM } = georefAsPipeline(model);
    expect(result.method).toBe('IfcSite.RefLatitude');
    expect(result.warnings.some((w) => /at the origin of the site placement/.test(w))).toBe(true);
    // Expected, independently: the geometry centre relative to the site origin, IFC world metres …
    const dIfc = [anchorModelM[0] - SITE_ORIGIN_M[0], -anchorModelM[2] - SITE_ORIGIN_M[1], anchorModelM[1] - SITE_ORIGIN_M[2]];
    expect(Math.hypot(dIfc[0], dIfc[1])).toBeLessThan(15); // the wall stands ≈ 12 m from the site origin
    // … turned by the heading 330° of IFC +Y into east/north, then along the ellipsoid's ENU at the site point.
    const h = 330 * DEG;
    const east = dIfc[0] * Math.cos(h) + dIfc[1] * Math.sin(h);
    const north = -dIfc[0] * Math.sin(h) + dIfc[1] * Math.cos(h);
    const [lo, la] = [SITE_LON_DEG * DEG, SITE_LAT_DEG * DEG];
    const site = proj4('WGS84', ECEF, [SITE_LON_DEG, SITE_LAT_DEG, SITE_ELEVATION_M]) as number[];
    const e = [-Math.sin(lo), Math.cos(lo), 0];
    const n = [-Math.sin(la) * Math.cos(lo), -Math.sin(la) * Math.sin(lo), Math.cos(la)];
    const u = [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
    const want = [0, 1, 2].map((i) => site[i] + east * e[i] + north * n[i] + dIfc[2] * u[i]);
    const got = geodeticToEcef(result.anchor.lonDeg, result.anchor.latDeg, result.anchor.heightM);
    expect(Math.hypot(got[0] - want[0], got[1] - want[1], got[2] - want[2])).toBeLessThan(0.001);
    // Height and tilt: the wall's mid-height (1.5 m above the site origin), upright to 12 m / R.
    expect(result.anchor.heightM).toBeCloseTo(SITE_ELEVATION_M + 1.5, 3);
    console.info(`site fix: height ${result.anchor.heightM.toFixed(4)} m, tilt ${tiltDeg(result).toExponential(3)}°`);
    expect(tiltDeg(result)).toBeLessThan(0.0002); // measured 0.000118°: the wall centre is 13 m from the site point; 13 m / R
    expect(result.headingDeg).toBeCloseTo(330, 3);
  });

  it('before the fix (site origin taken as the IFC world origin): 109.7 km above the ellipsoid, tilted 10.6°', () => {
    const site = model.georeference.siteReference!;
    const worldOrigin = { ...model, georeference: { ...model.georeference, siteReference: { ...site, placementM: null } } };
    const { result } = georefAsPipeline(worldOrigin);
    expect(result.warnings.some((w) => /assumed to be the IFC world origin/.test(w))).toBe(true);
    expect(result.anchor.heightM / 1000).toBeCloseTo(109.7, 1); // km: ≈ (1 186 km)² / 2R along the tangent plane
    console.info(`before: height ${result.anchor.heightM.toFixed(0)} m, tilt ${tiltDeg(result).toFixed(3)}°`);
    expect(tiltDeg(result)).toBeCloseTo(10.6, 1);
  });

  it('without an explicit anchor, anchors at the site reference point itself (not the IFC world origin)', () => {
    const result = georef({ fileName: 'site-offset.ifc', lengthUnitM: 1, georeference: model.georeference }, {}, ctx());
    expect(result.anchor).toEqual({ lonDeg: SITE_LON_DEG, latDeg: SITE_LAT_DEG, heightM: SITE_ELEVATION_M });
    const origin = [SITE_ORIGIN_M[0], SITE_ORIGIN_M[2], -SITE_ORIGIN_M[1]]; // model frame of the site origin
    const m = result.modelToEnu;
    for (let i = 0; i < 3; i++) expect(Math.abs(m[i] * origin[0] + m[4 + i] * origin[1] + m[8 + i] * origin[2] + m[12 + i])).toBeLessThan(1e-6);
  });
});

describe('georef: cross-check of a map conversion against the IfcSite reference of an offset site placement', () => {
  // Map conversion at the Nanchang sample's origin (EPSG:4548, no rotation); the site placement sits 100 m east
  // and its RefLatitude/RefLongitude are that point's, as proj4 gives them.
  const [lonDeg, latDeg] = proj4('+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', 'WGS84', [388000, 3175800]);
  const raw = (placementM: number[] | null) => ({
    mapConversion: {
      source: 'IfcMapConversion' as const, eastings: 387900, northings: 3175800, orthogonalHeight: 22, xAxisAbscissa: 1, xAxisOrdinate: 0,
      scale: 1, factorX: null, factorY: null, factorZ: null,
    },
    projectedCrs: { name: 'EPSG:4548', geodeticDatum: null, verticalDatum: null, mapProjection: null, mapZone: null, mapUnitM: 1 },
    siteReference: { latitudeDeg: latDeg, longitudeDeg: lonDeg, elevationM: 22, placementM },
    trueNorth: null,
  });
  const mismatch = (placementM: number[] | null) =>
    georef({ fileName: 'mc.ifc', lengthUnitM: 1, georeference: raw(placementM) }, {}, ctx()).warnings.find((w) => /RefLatitude\/RefLongitude lies/.test(w));

  it('compares the reference with the site placement origin: no warning when they agree', () => {
    expect(mismatch([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 100, 0, 0, 1])).toBeUndefined();
  });

  it('warns with the distance (100 m) when the site placement is unknown and the IFC world origin is compared', () => {
    expect(mismatch(null)).toMatch(/lies 100\.0 m from where the map conversion puts the site placement's origin/);
  });
});
