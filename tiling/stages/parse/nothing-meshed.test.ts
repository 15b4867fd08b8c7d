import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { createIfcApi, parseIfc } from './parse';
import type { ParsedModel } from './parsed-model';
import { buildStepFile, fixtureGlobalId as g, fixtureProjectLines } from './step-fixture';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

const newCtx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

/** Parses IFC4X3_ADD2 DATA lines. */
function parseLines(lines: string[], fileName: string, includeSpaces = false): Promise<ParsedModel> {
  return parseIfc({ bytes: buildStepFile('IFC4X3_ADD2', lines), fileName }, { ifcApi: api, includeSpaces }, newCtx());
}

/** What parsing the lines threw (null when it did not throw). */
function errorOf(lines: string[], fileName: string): Promise<unknown> {
  return parseLines(lines, fileName).then(
    () => null,
    (error: unknown) => error,
  );
}

/** Project, model context, origin placement and a 10 m × 10 m point grid with heights 0–2 m (4 points). */
/** A 4 × 3 × 2.5 m room (#28–#33): meshable, but a feature only with includeSpaces. */
const SPACE_101 = [
  '#28=IFCDIRECTION((0.,0.,1.));',
  '#29=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,4.,3.);',
  '#30=IFCEXTRUDEDAREASOLID(#29,#3,#28,2.5);',
  "#31=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#30));",
  '#32=IFCPRODUCTDEFINITIONSHAPE($,$,(#31));',
  `#33=IFCSPACE('${g(33)}',$,'101',$,$,#5,#32,$,.ELEMENT.,.SPACE.,$);`,
];

const TERRAIN_BASE = [
  ...fixtureProjectLines('P'),
  '#5=IFCLOCALPLACEMENT($,#3);',
  '#6=IFCCARTESIANPOINTLIST3D(((0.,0.,0.),(10.,0.,1.),(10.,10.,2.),(0.,10.,1.)),$);',
];

/** An IfcGeotechnicalStratum whose Body is the TIN `tin` (written as #7). */
const stratumWithTin = (tin: string) => [
  tin,
  "#8=IFCSHAPEREPRESENTATION(#2,'Body','Tessellation',(#7));",
  '#9=IFCPRODUCTDEFINITIONSHAPE($,$,(#8));',
  `#10=IFCGEOTECHNICALSTRATUM('${g(10)}',$,'Clay',$,$,#5,#9,$,.SOLID.);`,
];

describe('parse: a file in which nothing meshes', () => {
  it('control: web-ifc 0.0.78 does mesh an IfcTriangulatedIrregularNetwork (2 triangles, 10 m × 10 m, 2 m rise)', async () => {
    const model = await parseLines([...TERRAIN_BASE, ...stratumWithTin('#7=IFCTRIANGULATEDIRREGULARNETWORK(#6,$,.F.,((1,2,3),(1,3,4)),$,(0,0));')], 'tin.ifc');
    expect(model.elements.map((e) => [e.ifcClass, e.globalId])).toEqual([['IfcGeotechnicalStratum', g(10)]]);
    const [placed] = model.elementGeometries[0].placed;
    const mesh = model.geometries.get(placed.geometryExpressId);
    expect(mesh?.indices.length).toBe(6);
    // World bounds in the Y-up model frame, IFC (x, y, z) → (x, z, −y): x 0..10, y (IFC z) 0..2, z −10..0 (±1 µm).
    const p = mesh?.positions ?? new Float32Array();
    const t = placed.transform;
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < p.length; i += 3) {
      for (let a = 0; a < 3; a += 1) {
        const w = t[a] * p[i] + t[4 + a] * p[i + 1] + t[8 + a] * p[i + 2] + t[12 + a];
        min[a] = Math.min(min[a], w);
        max[a] = Math.max(max[a], w);
      }
    }
    expect(min).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6), expect.closeTo(-10, 6)]);
    expect(max).toEqual([expect.closeTo(10, 6), expect.closeTo(2, 6), expect.closeTo(0, 6)]);
  });

  it('throws InputError naming the file, the count, each entity with class, #id, GlobalId, Body items and cause', async () => {
    const lines = [
      ...TERRAIN_BASE,
      // A TIN whose second triangle points at a 5th point of a 4-point list: web-ifc streams nothing for it.
      ...stratumWithTin('#7=IFCTRIANGULATEDIRREGULARNETWORK(#6,$,.F.,((1,2,3),(1,3,5)),$,(0,0));'),
      // Terrain given only as a bounding box.
      '#11=IFCBOUNDINGBOX(#4,10.,10.,2.);',
      "#12=IFCSHAPEREPRESENTATION(#2,'Body','BoundingBox',(#11));",
      '#13=IFCPRODUCTDEFINITIONSHAPE($,$,(#12));',
      `#14=IFCGEOGRAPHICELEMENT('${g(14)}',$,'Terrain',$,$,#5,#13,$,.TERRAIN.);`,
      // A mapped polyline (a curve, not a surface).
      '#15=IFCCARTESIANPOINT((10.,10.,0.));',
      '#16=IFCPOLYLINE((#4,#15));',
      "#17=IFCSHAPEREPRESENTATION(#2,'Body','Curve3D',(#16));",
      '#18=IFCREPRESENTATIONMAP(#3,#17);',
      '#19=IFCCARTESIANTRANSFORMATIONOPERATOR3D($,$,#4,$,$);',
      '#20=IFCMAPPEDITEM(#18,#19);',
      "#21=IFCSHAPEREPRESENTATION(#2,'Body','MappedRepresentation',(#20));",
      '#22=IFCPRODUCTDEFINITIONSHAPE($,$,(#21));',
      `#23=IFCBUILDINGELEMENTPROXY('${g(23)}',$,'Marker',$,$,#5,#22,$,$);`,
      // An entity web-ifc's schema lacks (IfcSolidStratum of the IFC4X3 drafts), with a valid triangulated Body.
      '#24=IFCTRIANGULATEDFACESET(#6,$,.F.,((1,2,3)),$);',
      "#25=IFCSHAPEREPRESENTATION(#2,'Body','Tessellation',(#24));",
      '#26=IFCPRODUCTDEFINITIONSHAPE($,$,(#25));',
      `#27=IFCSOLIDSTRATUM('${g(27)}',$,'Sand',$,$,#5,#26,$);`,
      // A space (not a feature without includeSpaces) and an opening (never one), both with a meshable Body.
      ...SPACE_101,
      `#34=IFCOPENINGELEMENT('${g(34)}',$,$,$,$,#5,#32,$,.OPENING.);`,
    ];
    const error = await errorOf(lines, 'strata.ifc');
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'strata.ifc: no element has triangles, nothing to tile; 3 products with a Body representation: ' +
        `IfcGeotechnicalStratum #10 (GlobalId ${g(10)}): Body is IfcTriangulatedIrregularNetwork #7; web-ifc 0.0.78 produced no mesh for the Body representation; ` +
        `IfcGeographicElement #14 (GlobalId ${g(14)}): Body is IfcBoundingBox #11; web-ifc 0.0.78 produced no mesh for the Body representation; ` +
        `IfcBuildingElementProxy #23 (GlobalId ${g(23)}): Body is IfcMappedItem #20 → IfcPolyline #16; web-ifc 0.0.78 produced no mesh for the Body representation. ` +
        `1 entity with a representation is of a type web-ifc 0.0.78 does not know: IFCSOLIDSTRATUM #27 (GlobalId ${g(27)}): Body is IfcTriangulatedFaceSet #24; ` +
        'web-ifc 0.0.78 does not know this entity (it is not in its schema), so it never meshes it. ' +
        '1 IfcSpace with a Body representation left out (includeSpaces is off)',
    );
    expect((error as InputError).context).toMatchObject({ file: 'strata.ifc', productsWithBody: 3, spacesLeftOut: 1 });
    expect((error as InputError).context.unmeshed).toEqual([
      { expressId: 10, globalId: g(10), ifcClass: 'IfcGeotechnicalStratum', items: ['IfcTriangulatedIrregularNetwork #7'], reason: 'web-ifc 0.0.78 produced no mesh for the Body representation' },
      { expressId: 14, globalId: g(14), ifcClass: 'IfcGeographicElement', items: ['IfcBoundingBox #11'], reason: 'web-ifc 0.0.78 produced no mesh for the Body representation' },
      { expressId: 23, globalId: g(23), ifcClass: 'IfcBuildingElementProxy', items: ['IfcMappedItem #20 → IfcPolyline #16'], reason: 'web-ifc 0.0.78 produced no mesh for the Body representation' },
    ]);
  });

  it('names the first three (zero triangles, the cause from streaming) and counts the rest', async () => {
    const lines = [
      ...TERRAIN_BASE,
      '#7=IFCDIRECTION((0.,0.,1.));',
      '#8=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,0.,0.);', // zero-area profile: zero triangles
      '#9=IFCEXTRUDEDAREASOLID(#8,#3,#7,1.);',
      "#10=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#9));",
      '#11=IFCPRODUCTDEFINITIONSHAPE($,$,(#10));',
      "#12=IFCSHAPEREPRESENTATION(#2,'Body','Brep',(#999));", // references a missing item
      '#13=IFCPRODUCTDEFINITIONSHAPE($,$,(#12));',
      ...[20, 21, 22].map((id) => `#${id}=IFCWALL('${g(id)}',$,'W${id}',$,$,#5,#11,$,$);`),
      `#23=IFCSLAB('${g(23)}',$,'S',$,$,#5,#13,$,$);`,
    ];
    const error = await errorOf(lines, 'walls.ifc');
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      'walls.ifc: no element has triangles, nothing to tile; 4 products with a Body representation: ' +
        `IfcWall #20 (GlobalId ${g(20)}): Body is IfcExtrudedAreaSolid #9; web-ifc 0.0.78 produced geometry with zero triangles; ` +
        `IfcWall #21 (GlobalId ${g(21)}): Body is IfcExtrudedAreaSolid #9; web-ifc 0.0.78 produced geometry with zero triangles; ` +
        `IfcWall #22 (GlobalId ${g(22)}): Body is IfcExtrudedAreaSolid #9; web-ifc 0.0.78 produced geometry with zero triangles; and 1 more`,
    );
  });

  it('names a dangling Body item as not in the file', async () => {
    const lines = [
      ...TERRAIN_BASE,
      "#12=IFCSHAPEREPRESENTATION(#2,'Body','Brep',(#999));",
      '#13=IFCPRODUCTDEFINITIONSHAPE($,$,(#12));',
      `#23=IFCSLAB('${g(23)}',$,'S',$,$,#5,#13,$,$);`,
    ];
    const error = await errorOf(lines, 'slab.ifc');
    expect((error as InputError).context.unmeshed).toEqual([
      { expressId: 23, globalId: g(23), ifcClass: 'IfcSlab', items: ['#999 (not in the file)'], reason: expect.stringMatching(/^web-ifc 0\.0\.78 /) },
    ]);
  });

  it('says so when there is no geometry at all, and goes on when one element meshes', async () => {
    const empty = await errorOf(TERRAIN_BASE, 'empty.ifc');
    expect(empty).toBeInstanceOf(InputError);
    expect((empty as InputError).message).toBe('empty.ifc: no element has triangles, nothing to tile; 0 products with a Body representation');

    const withSpaces = [
      ...TERRAIN_BASE,
      ...SPACE_101,
    ];
    expect(((await errorOf(withSpaces, 'rooms.ifc')) as InputError).message).toBe(
      'rooms.ifc: no element has triangles, nothing to tile; 0 products with a Body representation. 1 IfcSpace with a Body representation left out (includeSpaces is off)',
    );
    const rooms = await parseLines(withSpaces, 'rooms.ifc', true);
    expect(rooms.elements.map((e) => [e.ifcClass, e.globalId])).toEqual([['IfcSpace', g(33)]]);
  });
});
