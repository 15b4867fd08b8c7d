/**
 * Checks a measured model against its parcel's planning conditions (规划条件): indicators and one verdict per rule.
 * Pure: no I/O; rules and clauses come from data/review/rules.ts.
 *
 * Frame: a local ENU tangent plane at the parcel's vertex centroid, WGS84 ellipsoid. The model's plans (ENU at the
 * tileset anchor) go ENU(anchor) → ECEF → ENU(parcel) at the height of ±0.000; the parcel's lon/lat go geodetic →
 * ECEF → ENU(parcel). Over a few hundred metres the tangent plane distorts lengths by < 1 mm (d²/2R² ≈ 1e-9).
 */
import { REVIEW_RULES, type ReviewRule, type ReviewRuleId } from '@data/review/rules';
import { InputError } from '@kernel/errors';
import { ecefToEnu, enuToEcefAt, geodeticToEcef } from '@kernel/wgs84-ecef';
import { FOOTPRINT_CLASSES, GROUND_TOLERANCE_M, NOT_BUILDING_CLASSES, type ModelMeasures } from './model-measures';
import { differencePlans, planAreaM2, planSegmentDistanceM, ringAreaM2, type PlanMultiPolygon, type PlanPoint } from './plan-geometry';

/** Planning conditions of a parcel; null = not set by the conditions (that rule is then omitted from `checks`). */
export interface ParcelConditions {
  /** 限高, metres above ±0.000, > 0. */
  heightLimitM: number | null;
  /** 容积率 lower / upper bound (FAR, dimensionless, ≥ 0). */
  farMin: number | null;
  farMax: number | null;
  /** 建筑密度 upper bound, 0–1. */
  densityMax: number | null;
  /** 退线 per edge of the outer ring, metres ≥ 0, in ring order (edge i runs from vertex i to vertex i + 1). */
  setbacksM: number[] | null;
}

/** A parcel: its outer ring in WGS84 (≈ CGCS2000) degrees and its conditions. */
export interface Parcel {
  /** `[lonDeg, latDeg]` vertices of the outer ring, closing vertex optional, ≥ 3 distinct vertices. */
  ringLonLatDeg: [number, number][];
  conditions: ParcelConditions;
}

/** The verdict of one check; the UI shows 合格 / 不合格 / 无法判定. */
export type Verdict = 'pass' | 'fail' | 'undetermined';

/** One rule applied. */
export interface ParcelCheck {
  rule: ReviewRuleId;
  titleZh: string;
  titleEn: string;
  /** For `setback`: the edge index in ring order. */
  edge?: number;
  /** Measured value (m, ratio, or whether inside); null when the model does not give it (→ undetermined). */
  value: number | boolean | null;
  limit: number | boolean;
  verdict: Verdict;
  clause: ReviewRule['clause'];
  /** Offending elements (GlobalIds): above the height limit, nearer than the setback, outside the parcel. */
  globalIds: string[];
}

/** What {@link checkParcel} returns. */
export interface ParcelCheckResult {
  indicators: {
    parcelAreaM2: number;
    footprintM2: number;
    gfaM2: number | null;
    far: number | null;
    density: number;
    heightM: number | null;
    storeys: number;
    /** Shortest distance from the footprint to each parcel edge, metres, ring order; 0 where they touch or cross. */
    setbackM: number[];
    insideParcel: boolean;
  };
  checks: ParcelCheck[];
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Closed-or-open ring → distinct vertices (closing duplicate dropped). */
function openRing(ring: readonly [number, number][]): [number, number][] {
  const last = ring[ring.length - 1];
  return ring.length > 1 && ring[0][0] === last[0] && ring[0][1] === last[1] ? ring.slice(0, -1) : ring.slice();
}

/**
 * Measures the model against a parcel and applies every rule whose condition is set.
 *
 * Verdicts: `pass`/`fail` by the limit; `undetermined` when the model lacks the value (no GFA → FAR rules, no
 * element → height). A condition that is null is not set, so its rule is omitted. `inside-parcel` is always checked.
 * Comparisons use unrounded values; indicators are rounded (m to 1 mm, m² to 0.01, ratios to 1e-4).
 * @param measures from `measureModel` (plans in ENU at its anchor)
 * @param parcel ring in WGS84 degrees and its conditions
 * @throws {InputError} a ring with fewer than 3 vertices, or `setbacksM` whose length differs from the edge count
 * @see data/review/rules.ts for each rule's clause; GB/T 50353-2013; GB 50180-2018 附录A
 */
export function checkParcel(measures: ModelMeasures, parcel: Parcel): ParcelCheckResult {
  const ring = openRing(parcel.ringLonLatDeg);
  if (ring.length < 3) throw new InputError(`parcel: the outer ring needs at least 3 vertices, got ${ring.length}`, { context: { vertices: ring.length } });
  const { setbacksM } = parcel.conditions;
  if (setbacksM && setbacksM.length !== ring.length) {
    throw new InputError(`parcel: setbacksM has ${setbacksM.length} values for ${ring.length} edges of the outer ring`, { context: { setbacks: setbacksM.length, edges: ring.length } });
  }
  const groundHeightM = measures.anchor.heightM + measures.groundEnuZM;
  const centre = ring.reduce<[number, number]>((c, [lon, lat]) => [c[0] + lon / ring.length, c[1] + lat / ring.length], [0, 0]);
  const parcelEnuToEcef = enuToEcefAt(centre[0], centre[1], groundHeightM);
  const anchorEnuToEcef = enuToEcefAt(measures.anchor.lonDeg, measures.anchor.latDeg, measures.anchor.heightM);
  const parcelRing: PlanPoint[] = ring.map(([lon, lat]) => {
    const [e, n] = ecefToEnu(parcelEnuToEcef, geodeticToEcef(lon, lat, groundHeightM));
    return [e, n];
  });
  const m = anchorEnuToEcef;
  const toParcel = (plan: PlanMultiPolygon): PlanMultiPolygon =>
    plan.map((polygon) =>
      polygon.map((r) =>
        r.map(([e, n]): PlanPoint => {
          const u = measures.groundEnuZM;
          const ecef = [0, 1, 2].map((k) => m[k] * e + m[4 + k] * n + m[8 + k] * u + m[12 + k]);
          const [pe, pn] = ecefToEnu(parcelEnuToEcef, ecef);
          return [pe, pn];
        }),
      ),
    );
  const parcelPlan: PlanMultiPolygon = [[[...parcelRing, parcelRing[0]]]];
  const footprint = toParcel(measures.footprint.coordinates);
  const parcelAreaM2 = Math.abs(ringAreaM2(parcelRing));
  const edges = parcelRing.map((a, i): [PlanPoint, PlanPoint] => [a, parcelRing[(i + 1) % parcelRing.length]]);
  const setbackM = edges.map(([a, b]) => planSegmentDistanceM(footprint, a, b));
  const outsideM2 = planAreaM2(differencePlans(footprint, parcelPlan));
  const insideParcel = footprint.length > 0 && outsideM2 < 0.01;
  const gfaM2 = measures.gfa.areaM2;
  const far = gfaM2 === null ? null : gfaM2 / parcelAreaM2;
  const density = measures.footprint.areaM2 / parcelAreaM2;

  const bodies = measures.elements.filter((e) => !NOT_BUILDING_CLASSES.has(e.ifcClass));
  const groundBodies = bodies.filter((e) => FOOTPRINT_CLASSES.has(e.ifcClass) && Math.abs(e.bottomM) <= GROUND_TOLERANCE_M);
  const bodyPlans = new Map(groundBodies.map((e) => [e.globalId, toParcel(e.plan)]));

  const checks: ParcelCheck[] = [];
  const add = (rule: ReviewRuleId, value: number | boolean | null, limit: number | boolean, passed: boolean | null, globalIds: string[] = [], edge?: number) => {
    const { titleZh, titleEn, clause } = REVIEW_RULES[rule];
    checks.push({ rule, titleZh, titleEn, ...(edge === undefined ? {} : { edge }), value, limit, verdict: passed === null ? 'undetermined' : passed ? 'pass' : 'fail', clause, globalIds: passed === false ? globalIds : [] });
  };
  const { heightLimitM, farMax, farMin, densityMax } = parcel.conditions;
  const heightM = measures.heightM;
  if (heightLimitM !== null) {
    add('height-limit', heightM, heightLimitM, heightM === null ? null : heightM <= heightLimitM, bodies.filter((e) => e.topM > heightLimitM).map((e) => e.globalId));
  }
  if (farMax !== null) add('far-max', far === null ? null : round(far, 4), farMax, far === null ? null : far <= farMax);
  if (farMin !== null) add('far-min', far === null ? null : round(far, 4), farMin, far === null ? null : far >= farMin);
  if (densityMax !== null) add('density-max', round(density, 4), densityMax, density <= densityMax);
  setbacksM?.forEach((limitM, i) => {
    const [a, b] = edges[i];
    const near = [...bodyPlans].map(([globalId, plan]) => ({ globalId, distanceM: planSegmentDistanceM(plan, a, b) })).sort((x, y) => x.distanceM - y.distanceM);
    const offenders = near.filter((x) => x.distanceM < limitM).map((x) => x.globalId);
    add('setback', round(setbackM[i], 3), limitM, setbackM[i] >= limitM, offenders.length > 0 ? offenders : near.slice(0, 1).map((x) => x.globalId), i);
  });
  const outside = [...bodyPlans].filter(([, plan]) => planAreaM2(differencePlans(plan, parcelPlan)) >= 0.01).map(([globalId]) => globalId);
  add('inside-parcel', insideParcel, true, insideParcel, outside);

  return {
    indicators: {
      parcelAreaM2: round(parcelAreaM2, 2),
      footprintM2: measures.footprint.areaM2,
      gfaM2,
      far: far === null ? null : round(far, 4),
      density: round(density, 4),
      heightM,
      storeys: measures.storeys.aboveGround,
      setbackM: setbackM.map((d) => round(d, 3)),
      insideParcel,
    },
    checks,
  };
}
