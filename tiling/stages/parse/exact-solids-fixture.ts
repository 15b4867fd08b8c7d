/**
 * Test support (unit tests, the "geometry exactness" benchmark table): a hand-made IFC4 file of solids whose
 * volume and surface area are known in closed form, one IfcBuildingElementProxy per solid, each away from the
 * others. Lengths in metres, angles in radians (IfcUnitAssignment says so).
 *
 * | Name            | Solid                                                                                | Volume           | Area                   |
 * |-----------------|--------------------------------------------------------------------------------------|------------------|------------------------|
 * | `MirroredBox`   | the box map (below) through an IfcCartesianTransformationOperator3DnonUniform, Scale2 = −1 | 2 m³       | A_box                  |
 * | `Box`           | X × Y rectangle extruded Z (IfcExtrudedAreaSolid in an IfcRepresentationMap, mapped)  | X·Y·Z = 2 m³     | A_box = 2(XY + YZ + XZ) |
 * | `MirroredAxes`  | the same map through a left-handed operator (Axis1 = −X, Axis2 = +Y, Axis3 = +Z)      | 2 m³             | A_box                  |
 * | `MirroredBoxes` | two mapped items of the map, plain and Scale2 = −1, 3 m apart (one element)          | 4 m³             | 2 · A_box              |
 * | `Revolved`      | 1 × 1 square at radius 2..3 m revolved by 60° (IfcRevolvedAreaSolid)                 | π/6 · (3² − 2²)  | 2 + 10 · π/3           |
 * | `Cylinder`      | circle r = 0.5 m extruded 2 m (IfcCircleProfileDef)                                  | π · 0.5² · 2     | 2π · 0.5² + 2π · 0.5 · 2 |
 *
 * X = 1.6003 m, Y = 0.9999 m, Z = 2 / (X·Y) m: off any millimetre grid, so position rounding shows in the
 * measures. The mirrored elements come first in the file: web-ifc streams them before the plain box.
 * Volumes are signed outward-positive (counter-clockwise seen from outside, glTF's front face).
 */
import { buildStepFile, fixtureGlobalId as g, fixtureProjectLines } from './step-fixture';

/** One solid of {@link EXACT_SOLIDS}: element name (IfcRoot.Name), GlobalId and closed-form measures. */
export interface ExactSolid {
  name: string;
  globalId: string;
  /** Exact volume, m³ (outward orientation positive). */
  volumeM3: number;
  /** Exact surface area, m². */
  areaM2: number;
}

const SIXTY_DEG = Math.PI / 3;
const BOX_X = 1.6003;
const BOX_Y = 0.9999;
const BOX_Z = 2 / (BOX_X * BOX_Y);
const BOX_AREA = 2 * (BOX_X * BOX_Y + BOX_Y * BOX_Z + BOX_X * BOX_Z);

/** The solids of {@link exactSolidsIfc}, in file order. */
export const EXACT_SOLIDS: readonly ExactSolid[] = [
  { name: 'MirroredBox', globalId: g(100), volumeM3: 2, areaM2: BOX_AREA },
  { name: 'Box', globalId: g(110), volumeM3: 2, areaM2: BOX_AREA },
  { name: 'MirroredAxes', globalId: g(120), volumeM3: 2, areaM2: BOX_AREA },
  { name: 'MirroredBoxes', globalId: g(130), volumeM3: 4, areaM2: 2 * BOX_AREA },
  { name: 'Revolved', globalId: g(140), volumeM3: (SIXTY_DEG / 2) * (3 * 3 - 2 * 2), areaM2: 2 + 10 * SIXTY_DEG },
  { name: 'Cylinder', globalId: g(150), volumeM3: Math.PI * 0.25 * 2, areaM2: 2 * Math.PI * 0.25 + 2 * Math.PI * 0.5 * 2 },
];

/** A local placement at (x, y, 0) m, identity rotation; `id` and `id + 1`, `id + 2` are used. */
function placementAt(id: number, x: number, y: number): string[] {
  return [
    `#${id}=IFCLOCALPLACEMENT($,#${id + 1});`,
    `#${id + 1}=IFCAXIS2PLACEMENT3D(#${id + 2},$,$);`,
    `#${id + 2}=IFCCARTESIANPOINT((${x.toFixed(1)},${y.toFixed(1)},0.));`,
  ];
}

/** An IfcBuildingElementProxy `#id` named `name` with body items `items`; uses ids id+1 … id+5. */
function proxy(id: number, name: string, x: number, y: number, items: string, repType: string): string[] {
  return [
    ...placementAt(id + 1, x, y),
    `#${id + 4}=IFCSHAPEREPRESENTATION(#2,'Body','${repType}',(${items}));`,
    `#${id + 5}=IFCPRODUCTDEFINITIONSHAPE($,$,(#${id + 4}));`,
    `#${id}=IFCBUILDINGELEMENTPROXY('${g(id)}',$,'${name}',$,$,#${id + 1},#${id + 5},$,$);`,
  ];
}

/**
 * The STEP bytes of the fixture (IFC4, metres, radians), see the table above.
 * @returns a complete ISO 10303-21 file
 */
export function exactSolidsIfc(): Uint8Array {
  return buildStepFile('IFC4', [
    ...fixtureProjectLines('Exact solids', '#5'),
    '#5=IFCUNITASSIGNMENT((#6,#7));',
    '#6=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);',
    '#7=IFCSIUNIT(*,.PLANEANGLEUNIT.,$,.RADIAN.);',
    '#8=IFCDIRECTION((0.,0.,1.));',
    '#9=IFCDIRECTION((1.,0.,0.));',
    '#10=IFCDIRECTION((-1.,0.,0.));',
    '#11=IFCDIRECTION((0.,1.,0.));',
    // The box map: X × Y rectangle centred on its origin, extruded Z along +Z.
    `#20=IFCRECTANGLEPROFILEDEF(.AREA.,$,$,${BOX_X},${BOX_Y});`,
    `#21=IFCEXTRUDEDAREASOLID(#20,#3,#8,${BOX_Z.toPrecision(17)});`,
    "#22=IFCSHAPEREPRESENTATION(#2,'Body','SweptSolid',(#21));",
    '#23=IFCREPRESENTATIONMAP(#3,#22);',
    '#30=IFCCARTESIANTRANSFORMATIONOPERATOR3D($,$,#4,1.,$);',
    '#31=IFCMAPPEDITEM(#23,#30);',
    '#32=IFCCARTESIANTRANSFORMATIONOPERATOR3DNONUNIFORM($,$,#4,1.,$,-1.,1.);',
    '#33=IFCMAPPEDITEM(#23,#32);',
    '#34=IFCCARTESIANTRANSFORMATIONOPERATOR3D(#10,#11,#4,1.,#8);',
    '#35=IFCMAPPEDITEM(#23,#34);',
    '#36=IFCCARTESIANPOINT((3.,0.,0.));',
    '#37=IFCCARTESIANTRANSFORMATIONOPERATOR3DNONUNIFORM($,$,#36,1.,$,-1.,1.);',
    '#38=IFCMAPPEDITEM(#23,#37);',
    ...proxy(100, 'MirroredBox', 5, 0, '#33', 'MappedRepresentation'),
    ...proxy(110, 'Box', 0, 0, '#31', 'MappedRepresentation'),
    ...proxy(120, 'MirroredAxes', 10, 0, '#35', 'MappedRepresentation'),
    ...proxy(130, 'MirroredBoxes', 15, 0, '#31,#38', 'MappedRepresentation'),
    // Revolved: square x 2..3, y 0..1 in the profile plane, turned 60° about the plane's Y axis.
    '#40=IFCCARTESIANPOINT((2.5,0.5));',
    '#41=IFCAXIS2PLACEMENT2D(#40,$);',
    '#42=IFCRECTANGLEPROFILEDEF(.AREA.,$,#41,1.,1.);',
    '#43=IFCAXIS1PLACEMENT(#4,#11);',
    `#44=IFCREVOLVEDAREASOLID(#42,#3,#43,${SIXTY_DEG.toPrecision(17)});`,
    ...proxy(140, 'Revolved', 0, 10, '#44', 'SweptSolid'),
    // Cylinder: r = 0.5 m, 2 m high.
    '#50=IFCCIRCLEPROFILEDEF(.AREA.,$,$,0.5);',
    '#51=IFCEXTRUDEDAREASOLID(#50,#3,#8,2.);',
    ...proxy(150, 'Cylinder', 10, 10, '#51', 'SweptSolid'),
  ]);
}
