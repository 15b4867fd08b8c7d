/**
 * Converts a submitted IFC with the tiling library and measures it for the planning review (报建审查).
 *
 * Notes: the tiler's `measure` hook hands each feature's triangles (ENU at the anchor) over one at a time; each is
 * reduced at once to its plan polygon and its bottom/top heights (plan-geometry.ts), so the extra memory is the
 * reduced plans, never a second copy of the triangles. Storeys, spaces and their quantities come from the tiler's
 * properties.json's spatial structure (with the hook, spatial nodes carry their property sets), failures from report.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertIfc, PROPERTIES_PATH, type Placement, type ReportEntry, type StageContext } from '@tiling/index';
import { decodePropertiesFile } from '@kernel/properties-file';
import { deriveModelMeasures, FOOTPRINT_CLASSES, GROUND_TOLERANCE_M, type ElementMeasure, type ModelMeasures } from './model-measures';
import { hullPlanOfTriangles, planOfTriangles, roundPlan, simplifyPlan } from './plan-geometry';

/** Slab classes whose exact plans give the `slab-geometry` GFA. */
const SLAB_CLASSES = new Set(['IfcSlab', 'IfcSlabStandardCase', 'IfcSlabElementedCase']);

/** Most triangles of one element united exactly; a larger one (a terrain-like slab) gets its convex hull. */
export const MAX_EXACT_PLAN_TRIANGLES = 20_000;

/**
 * Whether an element's plan must be exact (the union of its triangles' projections) or may be its convex hull: exact
 * for what the indicators measure — the ground-touching footprint elements and the slabs (GFA from slab geometry) —
 * up to {@link MAX_EXACT_PLAN_TRIANGLES}; everything else (furniture, MEP, upper-storey walls, railings …) is only
 * pointed at as an offender, for which the hull is enough and costs O(n log n) instead of a polygon union.
 * Measured on Janesville (a restaurant full of furniture): exact plans for all elements ran for > 8 min; see
 * docs/bench-review.md.
 * @param bottomAboveGroundM the element's lowest point above ±0.000, metres
 */
export function needsExactPlan(ifcClass: string, bottomAboveGroundM: number, triangleCount: number): boolean {
  if (triangleCount > MAX_EXACT_PLAN_TRIANGLES) return false;
  return SLAB_CLASSES.has(ifcClass) || (FOOTPRINT_CLASSES.has(ifcClass) && Math.abs(bottomAboveGroundM) <= GROUND_TOLERANCE_M);
}

/** Options of {@link measureModel}. */
export interface MeasureModelOptions {
  /** Where the tileset is written (a new or empty directory, or an earlier conversion); the review job publishes it. */
  outDir: string;
  /** Explicit placement (overrides the file's georeferencing), e.g. for models without IfcMapConversion. */
  placement?: Placement;
  /** Where a model without any georeferencing is placed (its parcel's base point); georeferenced models ignore it. */
  fallbackPlacement?: Placement;
}

/**
 * Converts `inputPath` into a tileset at `options.outDir` and returns what the review needs from the model.
 *
 * Footprint rule (建筑基底面积, GB/T 50353-2013 术语 "建筑基底面积": the horizontal projection of the building's
 * outer outline at ground level): the outer rings of the union of the plan projections of the ground-touching
 * building elements — classes in `FOOTPRINT_CLASSES` (walls, slabs, columns, curtain walls and their plates/members)
 * whose bottom lies within 1.0 m of ±0.000 — holes dropped. IfcSite, IfcSpace, IfcOpeningElement,
 * furniture, IfcAnnotation, terrain and foundations never count. Height: the top of the highest building element
 * above ±0.000 (ENU height of the IFC world origin). GFA: see `deriveModelMeasures`.
 *
 * @param inputPath `.ifc`, `.ifczip` or `.zip` holding one IFC
 * @returns JSON-serialisable {@link ModelMeasures} (plans in ENU metres at the tileset anchor, heights in metres)
 * @throws {InputError} unreadable input or an unusable `outDir` (from convertIfc)
 * @throws {IfcParseError} broken IFC · {UnsupportedSchemaError} other schemas · {GeorefError} no usable georeference
 * @example
 * const measures = await measureModel('submission.ifc', { outDir: '/srv/tiles/review-42' });
 * console.log(measures.footprint.areaM2, measures.gfa.areaM2, measures.gfa.method, measures.heightM);
 * @see GB/T 50353-2013; tiling/stages/build/feature-geometry.ts (the hook)
 */
export async function measureModel(inputPath: string, options: MeasureModelOptions, ctx: Partial<StageContext> = {}): Promise<ModelMeasures> {
  const reduced: Omit<ElementMeasure, 'bottomM' | 'topM'>[] = [];
  const bottomEnu: number[] = [];
  const topEnu: number[] = [];
  let groundEnuZM = 0;
  const { report, outDir } = await convertIfc(
    inputPath,
    {
      outDir: options.outDir,
      placement: options.placement,
      fallbackPlacement: options.fallbackPlacement,
      measure: {
        // modelToEnu is column-major: the model origin (IFC z = 0, ±0.000) lands at ENU up = m[14].
        onGeoreference: (georeference) => (groundEnuZM = georeference.modelToEnu[14]),
        onFeature: (feature) => {
          const t = feature.trianglesEnu;
          let lo = Infinity;
          let hi = -Infinity;
          for (let i = 2; i < t.length; i += 3) {
            if (t[i] < lo) lo = t[i];
            if (t[i] > hi) hi = t[i];
          }
          bottomEnu.push(lo);
          topEnu.push(hi);
          const plan = needsExactPlan(feature.ifcClass, lo - groundEnuZM, t.length / 9) ? planOfTriangles(t) : hullPlanOfTriangles(t);
          reduced.push({ globalId: feature.globalId, ifcClass: feature.ifcClass, name: feature.name, storey: feature.storey, plan: roundPlan(simplifyPlan(plan, 0.001), 0.001) });
        },
      },
    },
    ctx,
  );
  const structure = decodePropertiesFile(JSON.parse(await readFile(join(outDir, PROPERTIES_PATH), 'utf8'))).structure();
  const elements: ElementMeasure[] = reduced.map((e, i) => ({
    ...e,
    bottomM: Number((bottomEnu[i] - groundEnuZM).toFixed(3)),
    topM: Number((topEnu[i] - groundEnuZM).toFixed(3)),
  }));
  const georeference = report.georeference;
  return deriveModelMeasures({
    fileName: report.input.fileName,
    schema: report.input.schema,
    anchor: {
      lonDeg: georeference?.anchor.lonDeg ?? 0,
      latDeg: georeference?.anchor.latDeg ?? 0,
      heightM: georeference?.anchor.heightM ?? 0,
      headingDeg: georeference?.headingDeg ?? 0,
      method: georeference?.method ?? 'none',
      epsg: georeference?.epsg ?? null,
    },
    groundEnuZM: Number(groundEnuZM.toFixed(4)),
    elements,
    spatialTree: structure.spatialTree,
    failures: report.failures.map((f: ReportEntry) => ({ globalId: f.globalId ?? `#${f.expressId ?? '?'}`, ifcClass: f.ifcClass ?? 'IfcProduct', name: null, reason: `${f.stage}: ${f.reason}` })),
  });
}
