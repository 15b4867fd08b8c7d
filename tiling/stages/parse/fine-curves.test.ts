import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IfcAPI } from 'web-ifc';
import { COARSE_RADIUS_LIMIT_M, findElementsWithLargeCurves } from './fine-curves';
import { WEB_IFC_LOADER_SETTINGS } from './loader-settings';
import { createIfcApi } from './parse';
import { buildStepFile, fixtureGlobalId as g, fixtureProjectLines } from './step-fixture';
import { StepLines } from './step-lines';

/** A proxy at #id whose Body holds `items` (lines #id+1 … #id+2 are its representation). */
const proxy = (id: number, items: string) => [
  `#${id + 1}=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(${items}));`,
  `#${id + 2}=IFCPRODUCTDEFINITIONSHAPE($,$,(#${id + 1}));`,
  `#${id}=IFCBUILDINGELEMENTPROXY('${g(id)}',$,'P${id}',$,$,$,#${id + 2},$,$);`,
];

const FIXTURE_LINES = [
  ...fixtureProjectLines('Curves'),
  '#5=IFCDIRECTION((0.,0.,1.));',
  '#6=IFCAXIS2PLACEMENT2D(#7,$);',
  '#7=IFCCARTESIANPOINT((0.,0.));',
  // 0.5 m circle profile (large), 10 mm circle profile (small)
  '#10=IFCCIRCLEPROFILEDEF(.AREA.,$,$,0.5);',
  '#11=IFCEXTRUDEDAREASOLID(#10,#3,#5,2.);',
  '#12=IFCCIRCLEPROFILEDEF(.AREA.,$,$,0.01);',
  '#13=IFCEXTRUDEDAREASOLID(#12,#3,#5,2.);',
  // an arbitrary profile bounded by a full 0.3 m circle
  '#14=IFCCIRCLE(#6,0.3);',
  '#15=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#14);',
  '#16=IFCEXTRUDEDAREASOLID(#15,#3,#5,1.);',
  // a profile whose only curve is a 90° arc of the same circle (trimmed): left at the default
  '#17=IFCTRIMMEDCURVE(#14,(IFCPARAMETERVALUE(0.)),(IFCPARAMETERVALUE(1.5707963267948966)),.T.,.PARAMETER.);',
  '#18=IFCCOMPOSITECURVESEGMENT(.CONTINUOUS.,.T.,#17);',
  '#19=IFCCOMPOSITECURVE((#18),.F.);',
  '#20=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#19);',
  '#21=IFCEXTRUDEDAREASOLID(#20,#3,#5,1.);',
  // the large cylinder through a mapped item
  "#22=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#11));",
  '#23=IFCREPRESENTATIONMAP(#3,#22);',
  '#24=IFCCARTESIANTRANSFORMATIONOPERATOR3D($,$,#4,1.,$);',
  '#25=IFCMAPPEDITEM(#23,#24);',
  ...proxy(100, '#11'),
  ...proxy(110, '#13'),
  ...proxy(120, '#16'),
  ...proxy(130, '#21'),
  ...proxy(140, '#25'),
  ...proxy(150, '#13,#25'),
];
const FIXTURE = buildStepFile('IFC4', FIXTURE_LINES);

let api: IfcAPI;
let lines: StepLines;
beforeAll(async () => {
  api = await createIfcApi();
  lines = new StepLines(api, api.OpenModel(FIXTURE, WEB_IFC_LOADER_SETTINGS));
});
afterAll(() => api.Dispose());

describe('findElementsWithLargeCurves (elements meshed again with fine curves)', () => {
  const all = [100, 110, 120, 130, 140, 150];

  it('finds circle profiles above 25 mm, circles bounding a profile and mapped copies; not small circles nor arcs', () => {
    expect(findElementsWithLargeCurves(lines, all, 1)).toEqual([100, 120, 140, 150]);
  });

  it('reads radii in the model length unit', () => {
    // 0.5 and 0.3 units of 1 cm are 5 and 3 mm: nothing is large.
    expect(COARSE_RADIUS_LIMIT_M).toBe(0.025);
    expect(findElementsWithLargeCurves(lines, all, 0.01)).toEqual([]);
    // 0.01 units of 1 m → 10 mm stays small at any unit up to 2.5 m.
    expect(findElementsWithLargeCurves(lines, [110], 2)).toEqual([]);
    expect(findElementsWithLargeCurves(lines, [110], 3)).toEqual([110]);
  });

  it('survives a hostile chain of 50 000 nested booleans (counted as large: meshed finely, no stack overflow)', async () => {
    const depth = 50_000;
    const chain = Array.from({ length: depth }, (_, i) => `#${1000 + i}=IFCBOOLEANRESULT(.UNION.,#${i === 0 ? 13 : 999 + i},#13);`);
    const hostile = buildStepFile('IFC4', [...FIXTURE_LINES, ...chain, ...proxy(900, `#${999 + depth}`)]);
    const hostileApi = await createIfcApi();
    try {
      const modelId = hostileApi.OpenModel(hostile, WEB_IFC_LOADER_SETTINGS);
      expect(findElementsWithLargeCurves(new StepLines(hostileApi, modelId), [110, 900], 1)).toEqual([900]);
    } finally {
      hostileApi.Dispose();
    }
  }, 60_000);
});

