import { WebIFC } from './web-ifc-module';
import { numberOf, refOf, refsOf, type StepLines } from './step-lines';

/**
 * Which elements web-ifc must mesh again with finer curve segmentation (issue #8 "exact geometry": areas and
 * volumes within 0.1 % of the exact solids).
 *
 * Notes (web-ifc 0.0.78; measurements in loader-settings.ts)
 * - web-ifc has one `CIRCLE_SEGMENTS` per opened model. The default 12 cuts a full circle into 11 segments: the
 *   sagitta is 4.05 % of the radius, ≤ 1 mm up to {@link COARSE_RADIUS_LIMIT_M} = 25 mm (fillets of furniture
 *   profiles, small pipes), but a 0.5 m cylinder loses 5.4 % of its volume and a 60° revolve 2 %.
 * - {@link FINE_CIRCLE_SEGMENTS} = 91 (4° per segment) brings both within 0.1 % (−0.09 %, −0.05 %). Given to the whole
 *   model it multiplies janesville's triangles by 7.4, so only elements whose body holds a full circle or ellipse
 *   of a larger radius as a profile (IfcCircleProfileDef, IfcEllipseProfileDef, an arbitrary profile bounded by
 *   an IfcCircle/IfcEllipse), a swept disk, a sphere, a cylinder or cone primitive, or a revolve are meshed a
 *   second time at that setting (parse.ts); every other element keeps the default.
 * - Left at the default on purpose: arcs (IfcTrimmedCurve of a circle) get n − 1 segments whatever their angle
 *   (a 90° fillet 11 at the default, 8° each; at 91 janesville's 1 139 chair arcs made 69.6 M triangles and
 *   204 MB of tiles), and circles that are the directrix or alignment of a sweep (the railway's 168 alignment
 *   arcs of hundreds of metres: 161 s of meshing at 91) — their segmentation is a documented limit.
 * - Finding them: the entities with such a radius are read first (one typed list per entity type); only when
 *   there is one does a walk go down each element's representations (memoised, never into points, directions,
 *   placements, styles or polygonal faces), so files without large curves pay a handful of type queries.
 */

/** Curves up to this radius (metres) stay at web-ifc's default segmentation: sagitta ≤ 1 mm at 11 segments. */
export const COARSE_RADIUS_LIMIT_M = 0.025;

/** `CIRCLE_SEGMENTS` for the second meshing of elements with large curves: 90 segments per full circle (4°). */
export const FINE_CIRCLE_SEGMENTS = 91;

/** Entity types whose arguments at these positions hold a radius or semi-axis (IFC2X3, IFC4, IFC4X3 alike). */
const RADIUS_ARGUMENTS: ReadonlyArray<[typeCode: number | undefined, positions: number[], inherited: boolean]> = [
  [WebIFC.IFCCIRCLEPROFILEDEF, [3], true], // IfcCircleHollowProfileDef too
  [WebIFC.IFCELLIPSEPROFILEDEF, [3, 4], false],
  [WebIFC.IFCSWEPTDISKSOLID, [1], true],
  [WebIFC.IFCRIGHTCIRCULARCYLINDER, [2], false],
  [WebIFC.IFCRIGHTCIRCULARCONE, [2], false],
  [WebIFC.IFCSPHERE, [1], false],
];

/** Full circles and ellipses as the outline of an arbitrary profile (positions of OuterCurve and InnerCurves). */
const PROFILE_CURVES: ReadonlyArray<[typeCode: number | undefined, positions: number[]]> = [
  [WebIFC.IFCARBITRARYCLOSEDPROFILEDEF, [2]],
  [WebIFC.IFCARBITRARYPROFILEDEFWITHVOIDS, [2, 3]],
];
const CURVE_RADII: ReadonlyArray<[typeCode: number | undefined, positions: number[]]> = [
  [WebIFC.IFCCIRCLE, [1]],
  [WebIFC.IFCELLIPSE, [1, 2]],
];

/** Nesting depth of representation items the walk follows (real files: tens; recursion stays far from the stack limit). */
const MAX_WALK_DEPTH = 1000;

/** Segmented by angle whatever their radius: always meshed finely. */
const ALWAYS_FINE = [WebIFC.IFCREVOLVEDAREASOLID];

/** Entities the walk never enters: they hold no curve (or only polygonal geometry). */
const LEAF_CLASSES: ReadonlySet<string> = new Set(
  [
    'IfcCartesianPoint',
    'IfcDirection',
    'IfcCartesianPointList2D',
    'IfcCartesianPointList3D',
    'IfcPolyline',
    'IfcPolyLoop',
    'IfcAxis1Placement',
    'IfcAxis2Placement2D',
    'IfcAxis2Placement3D',
    'IfcLocalPlacement',
    'IfcCartesianTransformationOperator2D',
    'IfcCartesianTransformationOperator3D',
    'IfcCartesianTransformationOperator3DnonUniform',
    'IfcGeometricRepresentationContext',
    'IfcGeometricRepresentationSubContext',
    'IfcStyledItem',
    'IfcFacetedBrep',
    'IfcFacetedBrepWithVoids',
    'IfcTriangulatedFaceSet',
    'IfcPolygonalFaceSet',
    'IfcOwnerHistory',
    // Polygonal surface models (Revit's IfcFaceBasedSurfaceModel: janesville's 114 reach 81 548 faces; walking
    // them was 2–4 s of the parse). Advanced faces sit in IfcClosedShell / IfcOpenShell, which stay open.
    'IfcFaceBasedSurfaceModel',
    'IfcConnectedFaceSet',
    'IfcFace',
    'IfcFaceBound',
    'IfcFaceOuterBound',
    // Curves and planes reach only curves and points; a circle is a source through the profile holding it.
    'IfcCompositeCurve',
    'IfcCompositeCurveSegment',
    'IfcTrimmedCurve',
    'IfcCircle',
    'IfcEllipse',
    'IfcLine',
    'IfcPlane',
    'IfcRectangleProfileDef',
  ].map((name) => name.toUpperCase()),
);

/**
 * Elements (of `elementIds`) whose representations reach a curve larger than {@link COARSE_RADIUS_LIMIT_M} or a
 * revolve.
 * @param lines the open model
 * @param elementIds express ids of the IfcProducts that were meshed
 * @param lengthUnitM metres per model length unit (radii are in model units)
 * @returns their express ids, in the order given (empty when the file has no large curve); an element whose items
 *   nest deeper than 1 000 levels counts as having one (meshed finely rather than overflowing the stack)
 */
export function findElementsWithLargeCurves(lines: StepLines, elementIds: readonly number[], lengthUnitM: number): number[] {
  const sources = new Set<number>();
  const largeRadius = (id: number, positions: number[]) => {
    const args = lines.args(id);
    return positions.some((p) => (numberOf(args[p]) ?? 0) * lengthUnitM > COARSE_RADIUS_LIMIT_M);
  };
  for (const [code, positions, inherited] of RADIUS_ARGUMENTS) {
    for (const id of lines.idsOfType(code, inherited)) if (largeRadius(id, positions)) sources.add(id);
  }

  const curveClasses = new Map(CURVE_RADII.filter(([code]) => code !== undefined).map(([code, positions]) => [lines.typeName(code!).toUpperCase(), positions]));
  for (const [code, positions] of PROFILE_CURVES) {
    for (const profile of lines.idsOfType(code, false)) {
      const args = lines.args(profile);
      for (const curve of positions.flatMap((p) => refsOf(args[p]))) {
        const radiusPositions = curveClasses.get(lines.className(curve).toUpperCase());
        if (radiusPositions && largeRadius(curve, radiusPositions)) sources.add(profile);
      }
    }
  }
  for (const code of ALWAYS_FINE) for (const id of lines.idsOfType(code, true)) sources.add(id);
  if (sources.size === 0) return [];

  // Memo: true = reaches a source; false = does not (or is being visited: representation graphs are acyclic,
  // a cycle in a hostile file then ends the walk instead of recursing forever). Deeper than MAX_WALK_DEPTH (a
  // hostile chain of nested booleans) counts as reaching one: the element is meshed finely, the stack holds.
  const reaches = new Map<number, boolean>();
  const visit = (id: number, depth: number): boolean => {
    const known = reaches.get(id);
    if (known !== undefined) return known;
    if (sources.has(id) || depth > MAX_WALK_DEPTH) {
      reaches.set(id, true);
      return true;
    }
    reaches.set(id, false);
    if (LEAF_CLASSES.has(lines.className(id).toUpperCase())) return false;
    for (const arg of lines.args(id)) {
      for (const ref of refsOf(arg)) {
        if (visit(ref, depth + 1)) {
          reaches.set(id, true);
          return true;
        }
      }
    }
    return false;
  };
  return elementIds.filter((elementId) => {
    // IfcProduct.Representation (position 6) → IfcProductDefinitionShape.Representations (2) → Items (3).
    const shape = refOf(lines.args(elementId)[6]);
    if (shape === null) return false;
    return refsOf(lines.args(shape)[2]).some((representation) => refsOf(lines.args(representation)[3]).some((item) => visit(item, 0)));
  });
}
