import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { createIfcApi, parseIfc } from './parse';
import { readElementSemantics } from './properties';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING } from './sample-ifc';
import { buildStepFile, fixtureGlobalId as g } from './step-fixture';
import { StepLines } from './step-lines';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

/** Three walls with every kind of property, a type with its own pset, and three kinds of material. */
const FIXTURE = [
  `#10=IFCWALL('${g(10)}',$,'W1',$,$,$,$,$,$);`,
  `#11=IFCWALL('${g(11)}',$,'W2',$,$,$,$,$,$);`,
  `#12=IFCWALL('${g(12)}',$,'W3',$,$,$,$,$,$);`,
  `#20=IFCPROPERTYSET('${g(20)}',$,'Pset_WallCommon',$,(#21,#22,#23,#24,#25,#26,#27));`,
  "#21=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.T.),$);",
  "#22=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 90'),$);",
  "#23=IFCPROPERTYENUMERATEDVALUE('Status',$,(IFCLABEL('NEW')),$);",
  "#24=IFCPROPERTYLISTVALUE('Layers',$,(IFCLABEL('A'),IFCLABEL('B')),$);",
  "#25=IFCPROPERTYBOUNDEDVALUE('Temperature',$,IFCTHERMODYNAMICTEMPERATUREMEASURE(30.),IFCTHERMODYNAMICTEMPERATUREMEASURE(-5.),$,$);",
  "#26=IFCPROPERTYSINGLEVALUE('ThermalTransmittance',$,IFCTHERMALTRANSMITTANCEMEASURE(0.24),$);",
  "#27=IFCCOMPLEXPROPERTY('Fixing',$,'usage',(#28));",
  "#28=IFCPROPERTYSINGLEVALUE('Depth',$,IFCLENGTHMEASURE(50.),$);",
  `#30=IFCRELDEFINESBYPROPERTIES('${g(30)}',$,$,$,(#10),#20);`,
  `#40=IFCELEMENTQUANTITY('${g(40)}',$,'Qto_WallBaseQuantities',$,$,(#41,#42,#43));`,
  "#41=IFCQUANTITYLENGTH('Length',$,$,5000.,$);",
  "#42=IFCQUANTITYAREA('NetSideArea',$,$,12.5,$);",
  "#43=IFCQUANTITYVOLUME('NetVolume',$,$,2.5,$);",
  `#44=IFCRELDEFINESBYPROPERTIES('${g(44)}',$,$,$,(#10,#11),#40);`,
  `#50=IFCWALLTYPE('${g(50)}',$,'Basic Wall 300',$,$,(#51),$,$,$,.STANDARD.);`,
  `#51=IFCPROPERTYSET('${g(51)}',$,'Pset_WallCommon',$,(#52,#53));`,
  "#52=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 30'),$);",
  "#53=IFCPROPERTYSINGLEVALUE('AcousticRating',$,IFCLABEL('Rw 45'),$);",
  `#55=IFCRELDEFINESBYTYPE('${g(55)}',$,$,$,(#10,#12),#50);`,
  "#60=IFCMATERIAL('Concrete',$,$);",
  "#61=IFCMATERIAL('Insulation',$,$);",
  '#62=IFCMATERIALLAYER(#60,200.,$,$,$,$,$);',
  '#63=IFCMATERIALLAYER(#61,100.,$,$,$,$,$);',
  "#64=IFCMATERIALLAYERSET((#62,#63),'Wall 300',$);",
  '#65=IFCMATERIALLAYERSETUSAGE(#64,.AXIS2.,.POSITIVE.,0.,$);',
  `#66=IFCRELASSOCIATESMATERIAL('${g(66)}',$,$,$,(#10),#65);`,
  "#70=IFCMATERIALCONSTITUENTSET('Mix',$,(#71,#72));",
  "#71=IFCMATERIALCONSTITUENT('a',$,#60,$,$);",
  "#72=IFCMATERIALCONSTITUENT('b',$,#73,$,$);",
  "#73=IFCMATERIAL('Steel',$,$);",
  `#74=IFCRELASSOCIATESMATERIAL('${g(74)}',$,$,$,(#11),#70);`,
  '#80=IFCMATERIALLIST((#73,#60));',
  `#81=IFCRELASSOCIATESMATERIAL('${g(81)}',$,$,$,(#50),#80);`,
];

describe('readElementSemantics', () => {
  const modelId = () => api.OpenModel(buildStepFile('IFC4', FIXTURE));

  it('reads single, enumerated, list, bounded and complex properties and quantities', () => {
    const id = modelId();
    try {
      const semantics = readElementSemantics(new StepLines(api, id), new Set([10, 11, 12]));
      const w1 = semantics.get(10);
      expect(w1?.propertySets.Pset_WallCommon).toEqual({
        IsExternal: true,
        FireRating: 'REI 90', // the occurrence wins over the type's 'REI 30'
        AcousticRating: 'Rw 45', // inherited from the type
        Status: 'NEW',
        Layers: 'A, B',
        Temperature: '-5..30',
        ThermalTransmittance: 0.24,
        'Fixing.Depth': 50,
      });
      expect(w1?.propertySets.Qto_WallBaseQuantities).toEqual({ Length: 5000, NetSideArea: 12.5, NetVolume: 2.5 });
      expect(semantics.get(11)?.propertySets).toEqual({ Qto_WallBaseQuantities: { Length: 5000, NetSideArea: 12.5, NetVolume: 2.5 } });
    } finally {
      api.CloseModel(id);
    }
  });

  it('reads the type name and materials of layer set usages, constituent sets and (type) material lists', () => {
    const id = modelId();
    try {
      const semantics = readElementSemantics(new StepLines(api, id), new Set([10, 11, 12]));
      expect(semantics.get(10)).toMatchObject({ typeName: 'Basic Wall 300', material: 'Concrete / Insulation' });
      expect(semantics.get(11)).toMatchObject({ typeName: null, material: 'Concrete / Steel' });
      // W3 has no material of its own: it takes its type's IfcMaterialList.
      expect(semantics.get(12)).toMatchObject({ typeName: 'Basic Wall 300', material: 'Steel / Concrete' });
      expect(semantics.get(12)?.propertySets).toEqual({ Pset_WallCommon: { FireRating: 'REI 30', AcousticRating: 'Rw 45' } });
    } finally {
      api.CloseModel(id);
    }
  });
});

describe.skipIf(!HAS_SAMPLE_IFC)(`properties of the samples (${HAS_SAMPLE_IFC ? 'present' : SAMPLES_MISSING})`, () => {
  const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

  it('nanchang: Chinese property values and space quantities come out exactly', async () => {
    const model = await parseIfc(await readSampleIfc('nanchang-residential-sample.ifc'), { ifcApi: api, includeSpaces: true }, ctx());
    const wall = model.elements.find((e) => e.ifcClass === 'IfcWall');
    expect(wall?.propertySets.Pset_WallCommon?.['材料']).toBe('加气混凝土砌块');
    const space = model.elements.find((e) => e.ifcClass === 'IfcSpace');
    expect(space?.propertySets.Qto_SpaceBaseQuantities?.NetFloorArea).toBeGreaterThan(0);
  });

  it('FZK-Haus: base quantities, ArchiCAD properties with umlauts and layer materials', async () => {
    const model = await parseIfc(await readSampleIfc('AC20-FZK-Haus.ifc'), { ifcApi: api }, ctx());
    const slab = model.elements.find((e) => e.name === 'Bodenplatte');
    expect(slab?.ifcClass).toBe('IfcSlab');
    expect(slab?.propertySets.BaseQuantities).toMatchObject({ Perimeter: 44, GrossArea: 120, GrossVolume: 24 });
    expect(slab?.propertySets.ArchiCADProperties?.['Oberfläche oben']).toBe('Beton');
    expect(slab?.material).toContain('Stahlbeton');
  });
});

describe('readElementSemantics shares identical property sets', () => {
  it('two IfcPropertySet entities with the same values give one object; a different value its own', () => {
    const lines = [
      `#10=IFCWALL('${g(10)}',$,'W1',$,$,$,$,$,$);`,
      `#11=IFCWALL('${g(11)}',$,'W2',$,$,$,$,$,$);`,
      `#12=IFCWALL('${g(12)}',$,'W3',$,$,$,$,$,$);`,
      "#21=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 60'),$);",
      "#22=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 60'),$);",
      "#23=IFCPROPERTYSINGLEVALUE('FireRating',$,IFCLABEL('REI 90'),$);",
      ...[1, 2, 3].map((i) => `#3${i}=IFCPROPERTYSET('${g(30 + i)}',$,'Pset_WallCommon',$,(#2${i}));`),
      ...[1, 2, 3].map((i) => `#4${i}=IFCRELDEFINESBYPROPERTIES('${g(40 + i)}',$,$,$,(#1${i - 1}),#3${i});`),
    ];
    const modelId = api.OpenModel(buildStepFile('IFC4', lines));
    try {
      const semantics = readElementSemantics(new StepLines(api, modelId), new Set([10, 11, 12]));
      const [w1, w2, w3] = [10, 11, 12].map((id) => semantics.get(id)!.propertySets.Pset_WallCommon);
      expect(w1).toEqual({ FireRating: 'REI 60' });
      expect(w2).toBe(w1);
      expect(w3).toEqual({ FireRating: 'REI 90' });
      expect(w3).not.toBe(w1);
    } finally {
      api.CloseModel(modelId);
    }
  });
});
