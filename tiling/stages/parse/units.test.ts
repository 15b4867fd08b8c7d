import * as WebIFC from 'web-ifc';
import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIfcApi } from './parse';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING } from './sample-ifc';
import { buildStepFile } from './step-fixture';
import { StepLines } from './step-lines';
import { readLengthUnitM } from './units';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

/** Opens a fixture whose #1 is IfcProject with UnitsInContext #2 and reads its length unit. */
function lengthUnitOf(schema: string, unitLines: string[]): number {
  const bytes = buildStepFile(schema, ["#1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',$,'P',$,$,$,$,$,#2);", ...unitLines]);
  const modelId = api.OpenModel(bytes);
  try {
    const lines = new StepLines(api, modelId);
    return readLengthUnitM(lines, lines.idsOfType(WebIFC.IFCPROJECT)[0] ?? null, 'fixture.ifc');
  } finally {
    api.CloseModel(modelId);
  }
}

describe('readLengthUnitM', () => {
  it('reads SI length units with and without prefix, with * or $ dimensions', () => {
    expect(lengthUnitOf('IFC4', ['#2=IFCUNITASSIGNMENT((#3));', '#3=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);'])).toBe(0.001);
    expect(lengthUnitOf('IFC2X3', ['#2=IFCUNITASSIGNMENT((#3));', '#3=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);'])).toBe(1);
    expect(lengthUnitOf('IFC4', ['#2=IFCUNITASSIGNMENT((#3));', '#3=IFCSIUNIT($,.LENGTHUNIT.,.CENTI.,.METRE.);'])).toBe(0.01);
  });

  it('skips other unit types and defaults to metres without a length unit', () => {
    expect(
      lengthUnitOf('IFC4', [
        '#2=IFCUNITASSIGNMENT((#4,#3));',
        '#3=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);',
        '#4=IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.);',
      ]),
    ).toBe(0.001);
    expect(lengthUnitOf('IFC4', ['#2=IFCUNITASSIGNMENT((#3));', '#3=IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.);'])).toBe(1);
  });

  it('reads feet and inches as IfcConversionBasedUnit', () => {
    const foot = [
      '#2=IFCUNITASSIGNMENT((#3));',
      "#3=IFCCONVERSIONBASEDUNIT(#4,.LENGTHUNIT.,'FOOT',#5);",
      '#4=IFCDIMENSIONALEXPONENTS(1,0,0,0,0,0,0);',
      '#5=IFCMEASUREWITHUNIT(IFCLENGTHMEASURE(0.3048),#6);',
      '#6=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);',
    ];
    expect(lengthUnitOf('IFC2X3', foot)).toBeCloseTo(0.3048, 12);
    const inchOfMm = [
      '#2=IFCUNITASSIGNMENT((#3));',
      "#3=IFCCONVERSIONBASEDUNIT(#4,.LENGTHUNIT.,'INCH',#5);",
      '#4=IFCDIMENSIONALEXPONENTS(1,0,0,0,0,0,0);',
      '#5=IFCMEASUREWITHUNIT(IFCRATIOMEASURE(25.4),#6);',
      '#6=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);',
    ];
    expect(lengthUnitOf('IFC4', inchOfMm)).toBeCloseTo(0.0254, 12);
  });
});

describe.skipIf(!HAS_SAMPLE_IFC)(`length units of the samples (${HAS_SAMPLE_IFC ? 'present' : SAMPLES_MISSING})`, () => {
  it.each([
    ['nanchang-residential-sample.ifc', 0.001],
    ['AC20-FZK-Haus.ifc', 1],
    ['revit2012_janesville_restaurant.ifc', 0.3048],
    ['revit2014_unicode_japanese.ifc', 0.001],
  ])('%s: %f m per unit', async (fileName, metres) => {
    const modelId = api.OpenModel((await readSampleIfc(fileName)).bytes);
    try {
      const lines = new StepLines(api, modelId);
      expect(readLengthUnitM(lines, lines.idsOfType(WebIFC.IFCPROJECT)[0] ?? null, fileName)).toBeCloseTo(metres, 12);
    } finally {
      api.CloseModel(modelId);
    }
  });
});
