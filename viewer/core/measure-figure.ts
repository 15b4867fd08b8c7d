/**
 * What a measurement draws on the map, engine-free: its vertices, its lines and its labels, all in ECEF metres
 * (WGS84). The CesiumJS side turns a figure into points, polylines and labels; text comes from the caller
 * (the UI language's catalogue).
 *
 * Distance: the polyline, one label per segment at its middle (3D distance) and the total at the last point (two
 * or more segments). Area: the outline closed back to the first point and one label at the vertices' mean (area
 * and perimeter, or the problem). Height: the slope line, the vertical through the first point up or down to the
 * second point's level and the horizontal from there, each labelled at its middle (legs shorter than 1 mm are left out).
 */
import type { AreaProblem, Ecef } from './measure-geometry';
import type { MeasureResult, MeasureSession } from './measure-session';

/** Texts of a figure's labels (lengths in metres, areas in square metres). */
export interface MeasureLabelText {
  segment(lengthM: number): string;
  total(lengthM: number): string;
  area(areaM2: number, perimeterM: number): string;
  problem(problem: AreaProblem): string;
  height(deltaHeightM: number): string;
  horizontal(lengthM: number): string;
  slope(lengthM: number): string;
}

/** A label: where (ECEF) and what it says; `isTotal` marks the main figure (drawn larger). */
export interface MeasureFigureLabel {
  positionEcef: Ecef;
  text: string;
  isTotal: boolean;
}

/** What to draw for a measurement. */
export interface MeasureFigure {
  verticesEcef: Ecef[];
  /** Polylines, each with ≥ 2 distinct points. */
  linesEcef: Ecef[][];
  labels: MeasureFigureLabel[];
}

/** Shortest leg drawn, metres. */
const MIN_LEG_M = 1e-3;

const midpoint = (a: Ecef, b: Ecef): Ecef => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
const mean = (points: readonly Ecef[]): Ecef => {
  const sum = points.reduce<[number, number, number]>((acc, p) => [acc[0] + p[0], acc[1] + p[1], acc[2] + p[2]], [0, 0, 0]);
  return [sum[0] / points.length, sum[1] / points.length, sum[2] / points.length];
};
const lengthOf = (a: Ecef, b: Ecef) => Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);

/** The figure of `session` with its `result` (from `measureSession(session)`), labelled with `text`. */
export function buildMeasureFigure(session: MeasureSession, result: MeasureResult, text: MeasureLabelText): MeasureFigure {
  const vertices = [...session.pointsEcef];
  const figure: MeasureFigure = { verticesEcef: vertices, linesEcef: [], labels: [] };
  if (vertices.length < 2) return figure;
  switch (result.tool) {
    case 'distance': {
      figure.linesEcef.push(vertices);
      const segments = result.distance?.segments ?? [];
      segments.forEach((segment, i) => {
        figure.labels.push({ positionEcef: midpoint(vertices[i], vertices[i + 1]), text: text.segment(segment.slopeM), isTotal: false });
      });
      if (result.distance && segments.length >= 2) {
        figure.labels.push({ positionEcef: vertices.at(-1)!, text: text.total(result.distance.totalSlopeM), isTotal: true });
      }
      break;
    }
    case 'area': {
      figure.linesEcef.push(vertices.length >= 3 ? [...vertices, vertices[0]] : vertices);
      const area = result.area;
      if (area?.problem === null) figure.labels.push({ positionEcef: mean(vertices), text: text.area(area.areaM2, area.perimeterM), isTotal: true });
      else if (area) figure.labels.push({ positionEcef: mean(vertices), text: text.problem(area.problem), isTotal: true });
      break;
    }
    case 'height': {
      const height = result.height;
      if (!height) break;
      const [from, to] = vertices;
      const corner = height.cornerEcef;
      figure.linesEcef.push([from, to]);
      figure.labels.push({ positionEcef: midpoint(from, to), text: text.slope(height.slopeM), isTotal: false });
      if (lengthOf(from, corner) >= MIN_LEG_M) {
        figure.linesEcef.push([from, corner]);
        figure.labels.push({ positionEcef: midpoint(from, corner), text: text.height(height.deltaHeightM), isTotal: true });
      }
      if (lengthOf(corner, to) >= MIN_LEG_M) {
        figure.linesEcef.push([corner, to]);
        figure.labels.push({ positionEcef: midpoint(corner, to), text: text.horizontal(height.horizontalM), isTotal: false });
      }
      break;
    }
  }
  // Polylines need distinct consecutive points: drop repeats (a double click lands twice on one pixel).
  figure.linesEcef = figure.linesEcef
    .map((line) => line.filter((point, i) => i === 0 || lengthOf(line[i - 1], point) >= MIN_LEG_M))
    .filter((line) => line.length >= 2);
  return figure;
}
