/**
 * The planning envelope of a parcel as the review workspace draws it, engine-free: the parcel boundary, the
 * setback line (退线: the buildable area, each edge moved inwards by its setback) and the height-limit plane; and
 * where to fly for an element of the submitted model.
 *
 * Frames: lon/lat degrees WGS84; heights in metres above the ellipsoid as the twin draws them — the submission's
 * tileset is lowered by its anchor height (no terrain), so the model's ±0.000 lies at `groundEnuZM` (ENU height of
 * ±0.000 at the anchor, from the measures) and the height limit at `groundEnuZM + heightLimitM`.
 */
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import { localPlane } from '@viewer/core/local-plane';

type Point = [number, number];

/** Signed area of a ring in a plane (positive = counter-clockwise). */
function signedArea(ring: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

/** Intersection of the lines through a1–a2 and b1–b2, or null when parallel. */
function intersect(a1: Point, a2: Point, b1: Point, b2: Point): Point | null {
  const d = (a2[0] - a1[0]) * (b2[1] - b1[1]) - (a2[1] - a1[1]) * (b2[0] - b1[0]);
  if (Math.abs(d) < 1e-9) return null;
  const t = ((b1[0] - a1[0]) * (b2[1] - b1[1]) - (b1[1] - a1[1]) * (b2[0] - b1[0])) / d;
  return [a1[0] + t * (a2[0] - a1[0]), a1[1] + t * (a2[1] - a1[1])];
}

/**
 * The buildable area: every edge of the parcel's outer ring moved inwards by its setback (ring order), corners where
 * consecutive moved edges meet. Exact for convex parcels (the regulatory-plan rectangles and trapezoids); for a
 * concave corner it is the usual mitred offset, which a planner should read as indicative.
 * @param ring the outer ring, `[lon, lat]` degrees, closed or not, ≥ 3 corners
 * @param setbacksM one distance per edge, metres (edge i runs from corner i to corner i + 1)
 * @returns the closed ring (lon/lat), or null when the setbacks leave no area (or do not match the edges)
 */
export function buildableRing(ring: readonly Point[], setbacksM: readonly number[]): Point[] | null {
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : [...ring];
  if (open.length < 3 || setbacksM.length !== open.length) return null;
  const plane = localPlane(open[0][0], open[0][1]);
  const enu = open.map(([lon, lat]) => plane.toEnu(lon, lat));
  const inwards = signedArea(enu) > 0 ? 1 : -1; // left of each edge is inside for a counter-clockwise ring
  const moved = enu.map((from, i) => {
    const to = enu[(i + 1) % enu.length];
    const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
    const nx = (-(to[1] - from[1]) / length) * inwards * setbacksM[i];
    const ny = ((to[0] - from[0]) / length) * inwards * setbacksM[i];
    return [[from[0] + nx, from[1] + ny], [to[0] + nx, to[1] + ny]] as [Point, Point];
  });
  const corners: Point[] = [];
  for (let i = 0; i < moved.length; i++) {
    const previous = moved[(i + moved.length - 1) % moved.length];
    const corner = intersect(previous[0], previous[1], moved[i][0], moved[i][1]);
    if (!corner) return null;
    corners.push(corner);
  }
  // Setbacks larger than the parcel turn edges around (the moved edge runs backwards): nothing is buildable.
  for (let i = 0; i < corners.length; i++) {
    const next = corners[(i + 1) % corners.length];
    const original = [enu[(i + 1) % enu.length][0] - enu[i][0], enu[(i + 1) % enu.length][1] - enu[i][1]];
    if ((next[0] - corners[i][0]) * original[0] + (next[1] - corners[i][1]) * original[1] <= 0) return null;
  }
  const lonLat = corners.map(([e, n]) => plane.toLonLat(e, n));
  return [...lonLat, lonLat[0]];
}

/** What {@link envelopeCollections} draws. */
export interface EnvelopeInput {
  parcelRing: Point[];
  setbacksM: number[];
  heightLimitM: number | null;
  /** ENU height of the model's ±0.000 (measures `groundEnuZM`), metres; 0 before conversion. */
  groundEnuZM: number;
}

/**
 * The envelope as three collections: `boundary` (the parcel ring, geojson kind), `setback` (the buildable ring as a
 * line, geojson kind) and `heightLimit` (a flat plane over the parcel at the limit, volumes kind; empty without one).
 */
export function envelopeCollections({ parcelRing, setbacksM, heightLimitM, groundEnuZM }: EnvelopeInput): Record<'boundary' | 'setback' | 'heightLimit', FeatureCollection> {
  const buildable = buildableRing(parcelRing, setbacksM);
  return {
    boundary: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'parcel', properties: {}, geometry: { type: 'Polygon', coordinates: [parcelRing] } }] },
    setback: { type: 'FeatureCollection', features: buildable ? [{ type: 'Feature', id: 'setback', properties: {}, geometry: { type: 'LineString', coordinates: buildable } }] : [] },
    heightLimit: {
      type: 'FeatureCollection',
      features:
        heightLimitM === null
          ? []
          : [{ type: 'Feature', id: 'height-limit', properties: { baseM: groundEnuZM + heightLimitM, topM: groundEnuZM + heightLimitM, name: `${heightLimitM} m` }, geometry: { type: 'Polygon', coordinates: [parcelRing] } }],
    },
  };
}

/** An element of the measures as the focus needs it: its plan (ENU metres at the anchor) and top height. */
export interface ElementPlan {
  globalId: string;
  plan: number[][][][];
  topM: number;
  bottomM: number;
}

/**
 * Where to fly to frame one element of a converted submission.
 * @param anchor the tileset anchor (lon/lat degrees)
 * @param groundEnuZM ENU height of ±0.000 (where the twin draws it, see module doc)
 * @returns the sphere to frame, or null when the element has no plan
 */
export function elementFocus(anchor: { lonDeg: number; latDeg: number }, groundEnuZM: number, element: ElementPlan): FlyToPoint | null {
  const points = element.plan.flat(2) as unknown as number[];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const polygon of element.plan) for (const ring of polygon) for (const [x, y] of ring) xs.push(x), ys.push(y);
  if (xs.length === 0 || points.length === 0) return null;
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [lonDeg, latDeg] = localPlane(anchor.lonDeg, anchor.latDeg).toLonLat((minX + maxX) / 2, (minY + maxY) / 2);
  const radiusM = Math.max(3, Math.hypot(maxX - minX, maxY - minY, element.topM - element.bottomM) / 2);
  return { lonDeg, latDeg, heightEllipsoidalM: groundEnuZM + (element.topM + element.bottomM) / 2, radiusM };
}
