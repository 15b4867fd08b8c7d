/**
 * Test support: builds a small ISO 10303-21 file in memory from DATA lines, so tests state their input
 * entity by entity instead of relying on a sample file.
 */

/**
 * @param schema FILE_SCHEMA identifier, e.g. `IFC4`
 * @param dataLines entity instances such as `#1=IFCPROJECT(…);`
 * @returns the UTF-8 bytes of a complete STEP file
 */
export function buildStepFile(schema: string, dataLines: string[]): Uint8Array {
  const text = [
    'ISO-10303-21;',
    'HEADER;',
    "FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');",
    "FILE_NAME('fixture.ifc','2026-01-01T00:00:00',(''),(''),'','GanTwin test','');",
    `FILE_SCHEMA(('${schema}'));`,
    'ENDSEC;',
    'DATA;',
    ...dataLines,
    'ENDSEC;',
    'END-ISO-10303-21;',
    '',
  ].join('\n');
  return new TextEncoder().encode(text);
}

/** A valid 22-character IFC GlobalId made from a number (for fixtures only). */
export function fixtureGlobalId(n: number): string {
  return `0${String(n).padStart(21, '0')}`;
}

/**
 * The lines #1–#4 every fixture starts with: IfcProject `projectName` (its UnitsInContext `unitsRef`, `$` = none),
 * its 3D 'Model' context and that context's world placement at the origin (#3, #4).
 */
export function fixtureProjectLines(projectName: string, unitsRef = '$'): string[] {
  return [
    `#1=IFCPROJECT('${fixtureGlobalId(1)}',$,'${projectName}',$,$,$,$,(#2),${unitsRef});`,
    "#2=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#3,$);",
    '#3=IFCAXIS2PLACEMENT3D(#4,$,$);',
    '#4=IFCCARTESIANPOINT((0.,0.,0.));',
  ];
}

/**
 * IFC4 DATA lines with three walls: `Good` (a 4 m × 0.2 m × 3 m extrusion), `Degenerate` (a zero-area profile:
 * web-ifc yields zero triangles) and `Broken` (its Body item references the missing `#999`: web-ifc streams
 * nothing). Used to check that per-element failures are reported and the conversion goes on.
 */
export const WALLS_WITH_FAILURES: string[] = [
  ...fixtureProjectLines('P'),
  '#5=IFCLOCALPLACEMENT($,#3);',
  '#6=IFCDIRECTION((0.,0.,1.));',
  '#7=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,4.,0.2);',
  '#8=IFCEXTRUDEDAREASOLID(#7,#3,#6,3.);',
  "#9=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#8));",
  '#10=IFCPRODUCTDEFINITIONSHAPE($,$,(#9));',
  `#11=IFCWALL('${fixtureGlobalId(11)}',$,'Good',$,$,#5,#10,$,$);`,
  '#17=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,0.,0.);',
  '#18=IFCEXTRUDEDAREASOLID(#17,#3,#6,0.);',
  "#19=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#18));",
  '#20=IFCPRODUCTDEFINITIONSHAPE($,$,(#19));',
  `#21=IFCWALL('${fixtureGlobalId(21)}',$,'Degenerate',$,$,#5,#20,$,$);`,
  "#29=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#999));",
  '#30=IFCPRODUCTDEFINITIONSHAPE($,$,(#29));',
  `#31=IFCWALL('${fixtureGlobalId(31)}',$,'Broken',$,$,#5,#30,$,$);`,
];
