/**
 * The state of one measurement, engine-free: which tool, the points clicked so far (ECEF), whether it is finished,
 * and its result. Every operation returns a new session; the CesiumJS side draws what {@link measureSession} says.
 *
 * Rules: the height tool finishes by itself at its second point; distance needs 2 points and area 3 to finish; a
 * click after a finished measurement starts a new one with the same tool; undo removes the last point (and reopens
 * a finished measurement).
 */
import {
  measureDistance,
  measureHeight,
  measureHorizontalArea,
  type AreaMeasure,
  type DistanceMeasure,
  type Ecef,
  type HeightMeasure,
} from './measure-geometry';

/** The measuring tools. */
export const MEASURE_TOOLS = ['distance', 'area', 'height'] as const;
/** One measuring tool. */
export type MeasureTool = (typeof MEASURE_TOOLS)[number];

/** Points each tool needs before it can finish. */
export const MIN_POINTS: Readonly<Record<MeasureTool, number>> = { distance: 2, area: 3, height: 2 };

/** One measurement in progress or finished. */
export interface MeasureSession {
  tool: MeasureTool;
  /** Clicked points in order, ECEF metres (WGS84). */
  pointsEcef: readonly Ecef[];
  isFinished: boolean;
}

/** What a session measures so far (each `null` until it has enough points). */
export type MeasureResult =
  | { tool: 'distance'; distance: DistanceMeasure | null }
  | { tool: 'area'; area: AreaMeasure | null }
  | { tool: 'height'; height: HeightMeasure | null };

/** An empty session of `tool`. */
export function startSession(tool: MeasureTool): MeasureSession {
  return { tool, pointsEcef: [], isFinished: false };
}

/** Adds a clicked point (a finished session starts over from this point; height finishes at its second point). */
export function addPoint(session: MeasureSession, pointEcef: Ecef): MeasureSession {
  const pointsEcef = session.isFinished ? [pointEcef] : [...session.pointsEcef, pointEcef];
  return { tool: session.tool, pointsEcef, isFinished: session.tool === 'height' && pointsEcef.length >= 2 };
}

/** Removes the last point (no change without points); the session is open again. */
export function undoPoint(session: MeasureSession): MeasureSession {
  return { ...session, pointsEcef: session.pointsEcef.slice(0, -1), isFinished: false };
}

/** Whether {@link finishSession} would finish: enough points and not finished yet. */
export function canFinish(session: MeasureSession): boolean {
  return !session.isFinished && session.pointsEcef.length >= MIN_POINTS[session.tool];
}

/** The session finished, when it can be (see {@link canFinish}); otherwise unchanged. */
export function finishSession(session: MeasureSession): MeasureSession {
  return canFinish(session) ? { ...session, isFinished: true } : session;
}

/** The measurement of a session's points (enough points for a figure: 2 for distance and height, 3 for area). */
export function measureSession(session: MeasureSession): MeasureResult {
  const points = session.pointsEcef;
  switch (session.tool) {
    case 'distance':
      return { tool: 'distance', distance: points.length >= 2 ? measureDistance(points) : null };
    case 'area':
      return { tool: 'area', area: points.length >= 3 ? measureHorizontalArea(points) : null };
    case 'height':
      return { tool: 'height', height: points.length >= 2 ? measureHeight(points[0], points[1]) : null };
  }
}
