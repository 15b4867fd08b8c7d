import * as WebIFC from 'web-ifc';
import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { createIfcApi, parseIfc } from './parse';
import type { SpatialNode } from './parsed-model';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLES_MISSING } from './sample-ifc';
import { readSpatialStructure } from './spatial-structure';
import { buildStepFile, fixtureGlobalId as g } from './step-fixture';
import { StepLines } from './step-lines';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

const summary = (node: SpatialNode): unknown => [node.ifcClass, node.name, node.children.map(summary)];

/** Project → site → building → storey → space, plus a wall, its opening, the window filling it and a stair. */
const BUILDING = [
  `#1=IFCPROJECT('${g(1)}',$,'Project',$,$,$,$,$,$);`,
  `#2=IFCSITE('${g(2)}',$,'Site',$,$,$,$,$,.ELEMENT.,$,$,$,$,$);`,
  `#3=IFCBUILDING('${g(3)}',$,'Building',$,$,$,$,$,.ELEMENT.,$,$,$);`,
  `#4=IFCBUILDINGSTOREY('${g(4)}',$,'EG',$,$,$,$,$,.ELEMENT.,0.);`,
  `#5=IFCSPACE('${g(5)}',$,'101',$,$,$,$,'Kitchen',.ELEMENT.,$,$);`,
  `#6=IFCRELAGGREGATES('${g(6)}',$,$,$,#1,(#2));`,
  `#7=IFCRELAGGREGATES('${g(7)}',$,$,$,#2,(#3));`,
  `#8=IFCRELAGGREGATES('${g(8)}',$,$,$,#3,(#4));`,
  `#9=IFCRELAGGREGATES('${g(9)}',$,$,$,#4,(#5));`,
  `#10=IFCWALL('${g(10)}',$,'W1',$,$,$,$,$,$);`,
  `#11=IFCOPENINGELEMENT('${g(11)}',$,$,$,$,$,$,$,$);`,
  `#12=IFCWINDOW('${g(12)}',$,'Win',$,$,$,$,$,$,$,$,$,$);`,
  `#13=IFCSTAIR('${g(13)}',$,'Stair',$,$,$,$,$,$);`,
  `#14=IFCSTAIRFLIGHT('${g(14)}',$,'Flight',$,$,$,$,$,$,$,$,$,$);`,
  `#15=IFCFURNITURE('${g(15)}',$,'Table',$,$,$,$,$,$);`,
  `#20=IFCRELCONTAINEDINSPATIALSTRUCTURE('${g(20)}',$,$,$,(#10,#13),#4);`,
  `#21=IFCRELCONTAINEDINSPATIALSTRUCTURE('${g(21)}',$,$,$,(#15),#5);`,
  `#22=IFCRELVOIDSELEMENT('${g(22)}',$,$,$,#10,#11);`,
  `#23=IFCRELFILLSELEMENT('${g(23)}',$,$,$,#11,#12);`,
  `#24=IFCRELAGGREGATES('${g(24)}',$,$,$,#13,(#14));`,
];

describe('readSpatialStructure', () => {
  it('builds the tree and resolves containment through fills, voids and aggregation', () => {
    const id = api.OpenModel(buildStepFile('IFC4', BUILDING));
    try {
      const spatial = readSpatialStructure(new StepLines(api, id), 1);
      expect(summary(spatial.tree as SpatialNode)).toEqual([
        'IfcProject', 'Project', [['IfcSite', 'Site', [['IfcBuilding', 'Building', [['IfcBuildingStorey', 'EG', [['IfcSpace', '101', []]]]]]]]],
      ]);
      expect(spatial.containerOf(10)).toBe(4);
      expect(spatial.containerOf(12)).toBe(4); // window → opening → wall → storey
      expect(spatial.containerOf(14)).toBe(4); // flight → stair → storey
      expect(spatial.containerOf(15)).toBe(5); // in a space …
      expect(spatial.storeyNameOf(5)).toBe('EG'); // … whose storey is EG
      expect(spatial.globalIdOf(4)).toBe(g(4));
      expect(spatial.isSpatial(5)).toBe(true);
      expect(spatial.isSpatial(10)).toBe(false);
    } finally {
      api.CloseModel(id);
    }
  });

  it('gives storeys their Elevation in metres (project unit mm here) and no elevation to other nodes', () => {
    const lines = BUILDING.map((line) => line.replace("'EG',$,$,$,$,$,.ELEMENT.,0.)", "'EG',$,$,$,$,$,.ELEMENT.,2800.)"));
    const id = api.OpenModel(buildStepFile('IFC4', lines));
    try {
      const tree = readSpatialStructure(new StepLines(api, id), 1, 0.001).tree as SpatialNode;
      const storey = tree.children[0].children[0].children[0];
      expect(storey.ifcClass).toBe('IfcBuildingStorey');
      expect(storey.elevationM).toBeCloseTo(2.8, 9);
      expect(tree).not.toHaveProperty('elevationM');
      expect(storey.children[0]).not.toHaveProperty('elevationM');
    } finally {
      api.CloseModel(id);
    }
  });

  it('treats IFC4X3 facilities (IfcRoad, IfcRailway, IfcFacilityPart) as spatial elements', () => {
    const id = api.OpenModel(
      buildStepFile('IFC4X3_ADD2', [
        `#1=IFCPROJECT('${g(1)}',$,'Project',$,$,$,$,$,$);`,
        `#2=IFCSITE('${g(2)}',$,'Site',$,$,$,$,$,.ELEMENT.,$,$,$,$,$);`,
        `#3=IFCROAD('${g(3)}',$,'Road',$,$,$,$,$,.ELEMENT.,$);`,
        `#4=IFCROADPART('${g(4)}',$,'Carriageway',$,$,$,$,$,.ELEMENT.,.LONGITUDINAL.,.CARRIAGEWAY.);`,
        `#5=IFCRAILWAY('${g(5)}',$,'Railway',$,$,$,$,$,.ELEMENT.,$);`,
        `#6=IFCRELAGGREGATES('${g(6)}',$,$,$,#1,(#2));`,
        `#7=IFCRELAGGREGATES('${g(7)}',$,$,$,#2,(#3,#5));`,
        `#8=IFCRELAGGREGATES('${g(8)}',$,$,$,#3,(#4));`,
        `#9=IFCPAVEMENT('${g(9)}',$,'Pavement',$,$,$,$,$,$);`,
        `#10=IFCRELCONTAINEDINSPATIALSTRUCTURE('${g(10)}',$,$,$,(#9),#4);`,
      ]),
    );
    try {
      const spatial = readSpatialStructure(new StepLines(api, id), 1);
      expect(summary(spatial.tree as SpatialNode)).toEqual([
        'IfcProject', 'Project', [['IfcSite', 'Site', [['IfcRoad', 'Road', [['IfcRoadPart', 'Carriageway', []]]], ['IfcRailway', 'Railway', []]]]],
      ]);
      expect(spatial.containerOf(9)).toBe(4);
      expect(spatial.storeyNameOf(4)).toBe('Carriageway'); // no storey above: the facility part's own name
    } finally {
      api.CloseModel(id);
    }
  });
});

describe.skipIf(!HAS_SAMPLE_IFC)(`spatial structure of the samples (${HAS_SAMPLE_IFC ? 'present' : SAMPLES_MISSING})`, () => {
  const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

  it('nanchang: project → 地块 → 1# 住宅楼 → 1层…6层 with 6 rooms each; every element in a storey', async () => {
    const model = await parseIfc(await readSampleIfc('nanchang-residential-sample.ifc'), { ifcApi: api }, ctx());
    const tree = model.spatialTree as SpatialNode;
    expect([tree.ifcClass, tree.name]).toEqual(['IfcProject', '南昌红谷滩示范住宅项目']);
    const site = tree.children[0];
    expect([site.ifcClass, site.name]).toEqual(['IfcSite', '红谷滩 A-07 地块']);
    const building = site.children[0];
    expect([building.ifcClass, building.name]).toEqual(['IfcBuilding', '1# 住宅楼']);
    expect(building.children.map((s) => s.name)).toEqual(['1层', '2层', '3层', '4层', '5层', '6层']);
    expect(building.children.map((s) => s.children.length)).toEqual([6, 6, 6, 6, 6, 6]);
    expect(building.children[0].children.map((s) => s.ifcClass)).toEqual(Array(6).fill('IfcSpace'));
    expect(model.elements.every((e) => /^[1-6]层$/.test(e.storey ?? ''))).toBe(true);
    const contained = Object.values(model.containment).flat();
    expect(contained.length).toBe(67);
    expect(Object.keys(model.containment).sort()).toEqual(building.children.map((s) => s.globalId).sort());
  });

  it('FZK-Haus: Erdgeschoss 26 and Dachgeschoss 56 elements; the site terrain has no storey', async () => {
    const model = await parseIfc(await readSampleIfc('AC20-FZK-Haus.ifc'), { ifcApi: api }, ctx());
    const count = (storey: string | null) => model.elements.filter((e) => e.storey === storey).length;
    expect([count('Erdgeschoss'), count('Dachgeschoss'), count(null)]).toEqual([26, 56, 1]);
    const storeys = (model.spatialTree as SpatialNode).children[0].children[0].children;
    expect(Object.fromEntries(storeys.map((s) => [s.name, s.elevationM]))).toEqual({ Erdgeschoss: 0, Dachgeschoss: 2.7 });
    expect(model.elements.find((e) => e.storey === null)?.ifcClass).toBe('IfcSite');
  });

  it('KIT road (IFC4X3_RC2): IfcRoad with IfcFacilityPart children; pavements and kerbs named by their part', async () => {
    const model = await parseIfc(await readSampleIfc('KIT-Simple-Road-Test-Web-IFC4x3_RC2.ifc'), { ifcApi: api }, ctx());
    const road = model.spatialTree?.children[0]?.children[0];
    expect(road?.ifcClass).toBe('IfcRoad');
    expect(road?.children.every((c) => c.ifcClass === 'IfcFacilityPart')).toBe(true);
    const kerb = model.elements.find((e) => e.ifcClass === 'IfcKerb');
    expect(kerb?.storey).toMatch(/^Road-/);
  });
});
