import { describe, expect, it } from 'vitest';
import { buildMeasureFigure, type MeasureLabelText } from './measure-figure';
import { ecefToGeodetic, geodeticToEcef, type Ecef } from './measure-geometry';
import { addPoint, finishSession, measureSession, startSession, type MeasureTool } from './measure-session';

const at = (lonDeg: number, latDeg: number, heightEllipsoidalM = 0): Ecef => geodeticToEcef({ lonDeg, latDeg, heightEllipsoidalM });
// 3 m east and 4 m north at 28.7°N (hand-computed in measure-geometry.test.ts).
const A = at(115.85, 28.7);
const B = at(115.85 + 0.0000307002972, 28.7);
const C = at(115.85 + 0.0000307002972, 28.7 + 0.0000360910403);

const TEXT: MeasureLabelText = {
  segment: (m) => `seg ${m.toFixed(2)}`,
  total: (m) => `total ${m.toFixed(2)}`,
  area: (m2, m) => `area ${m2.toFixed(1)} / ${m.toFixed(2)}`,
  problem: (problem) => `problem ${problem}`,
  height: (m) => `dh ${m.toFixed(2)}`,
  horizontal: (m) => `h ${m.toFixed(2)}`,
  slope: (m) => `s ${m.toFixed(2)}`,
};

function figureOf(tool: MeasureTool, points: Ecef[]) {
  const session = finishSession(points.reduce(addPoint, startSession(tool)));
  return buildMeasureFigure(session, measureSession(session), TEXT);
}

describe('buildMeasureFigure', () => {
  it('labels each segment of a distance at its middle and the total at the last point', () => {
    const figure = figureOf('distance', [A, B, C]);
    expect(figure.verticesEcef).toEqual([A, B, C]);
    expect(figure.linesEcef).toEqual([[A, B, C]]);
    expect(figure.labels.map((label) => label.text)).toEqual(['seg 3.00', 'seg 4.00', 'total 7.00']);
    expect(figure.labels[2]).toMatchObject({ positionEcef: C, isTotal: true });
    expect(figure.labels[0].positionEcef[0]).toBeCloseTo((A[0] + B[0]) / 2, 6);
  });

  it('closes an area outline and labels area and perimeter, or the problem', () => {
    const figure = figureOf('area', [A, B, C]);
    expect(figure.linesEcef).toEqual([[A, B, C, A]]);
    expect(figure.labels).toHaveLength(1);
    expect(figure.labels[0].text).toBe('area 6.0 / 12.00');
    const line = figureOf('area', [A, B, at(115.85 + 2 * 0.0000307002972, 28.7)]);
    expect(line.labels[0].text).toBe('problem degenerate');
  });

  it('draws the height triangle: slope, vertical through the start up to the end level, horizontal', () => {
    const top = at(115.85 + 0.0000307002972, 28.7, 4);
    const figure = figureOf('height', [A, top]);
    expect(figure.linesEcef).toHaveLength(3);
    const corner = ecefToGeodetic(figure.linesEcef[1][1]);
    expect(corner.heightEllipsoidalM).toBeCloseTo(4, 4);
    expect(corner.lonDeg).toBeCloseTo(115.85, 9);
    expect(figure.labels.map((label) => label.text)).toEqual(['s 5.00', 'dh 4.00', 'h 3.00']);
  });

  it('leaves out a zero-length leg and repeated points (a double click)', () => {
    expect(figureOf('height', [A, B]).linesEcef).toHaveLength(2);
    const session = addPoint(addPoint(addPoint(startSession('distance'), A), B), B);
    expect(buildMeasureFigure(session, measureSession(session), TEXT).linesEcef).toEqual([[A, B]]);
  });
});
