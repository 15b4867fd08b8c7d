import { describe, expect, it } from 'vitest';
import { formatArea, formatLength } from './measure-format';
import { geodeticToEcef, type Ecef } from './measure-geometry';
import { addPoint, canFinish, finishSession, measureSession, startSession, undoPoint } from './measure-session';

const at = (lonDeg: number, latDeg: number, heightEllipsoidalM = 0): Ecef => geodeticToEcef({ lonDeg, latDeg, heightEllipsoidalM });
// 3 m east and 4 m north at 28.7°N (hand-computed in measure-geometry.test.ts).
const A = at(115.85, 28.7);
const B = at(115.85 + 0.0000307002972, 28.7);
const C = at(115.85 + 0.0000307002972, 28.7 + 0.0000360910403);

describe('measure session', () => {
  it('builds a distance: no figure with one point, 7 m after two legs, finish only with ≥ 2 points', () => {
    let session = addPoint(startSession('distance'), A);
    expect(canFinish(session)).toBe(false);
    expect(finishSession(session)).toBe(session);
    expect(measureSession(session)).toEqual({ tool: 'distance', distance: null });
    session = addPoint(addPoint(session, B), C);
    const result = measureSession(session);
    expect(result.tool === 'distance' && result.distance?.totalSlopeM).toBeCloseTo(7, 5);
    session = finishSession(session);
    expect(session.isFinished).toBe(true);
    // A click after finishing starts a new measurement with that point.
    expect(addPoint(session, B)).toEqual({ tool: 'distance', pointsEcef: [B], isFinished: false });
  });

  it('undoes the last point and reopens a finished measurement', () => {
    const finished = finishSession(addPoint(addPoint(addPoint(startSession('area'), A), B), C));
    const result = measureSession(finished);
    expect(result.tool === 'area' && result.area?.areaM2).toBeCloseTo(6, 4);
    const undone = undoPoint(finished);
    expect(undone).toEqual({ tool: 'area', pointsEcef: [A, B], isFinished: false });
    expect(measureSession(undone)).toEqual({ tool: 'area', area: null });
    expect(undoPoint(startSession('area')).pointsEcef).toEqual([]);
  });

  it('finishes the height tool at its second point', () => {
    const session = addPoint(addPoint(startSession('height'), A), at(115.85, 28.7, 12.5));
    expect(session.isFinished).toBe(true);
    const result = measureSession(session);
    expect(result.tool === 'height' && result.height?.deltaHeightM).toBeCloseTo(12.5, 6);
  });
});

describe('measure format', () => {
  it('writes lengths in metres to the centimetre, kilometres from 1 km', () => {
    expect(formatLength(12.344)).toBe('12.34 m');
    expect(formatLength(0)).toBe('0.00 m');
    expect(formatLength(-0.001)).toBe('0.00 m');
    expect(formatLength(-3.2)).toBe('-3.20 m');
    expect(formatLength(999.994)).toBe('999.99 m');
    expect(formatLength(999.996)).toBe('1.000 km');
    expect(formatLength(12_345.6)).toBe('12.346 km');
    expect(formatLength(Number.NaN)).toBe('—');
  });

  it('writes areas in m² to 0.1, hectares from 1 ha, km² from 1 km²', () => {
    expect(formatArea(356.24)).toBe('356.2 m²');
    expect(formatArea(9_999.94)).toBe('9999.9 m²');
    expect(formatArea(9_999.96)).toBe('1.0000 ha');
    expect(formatArea(123_456.7)).toBe('12.3457 ha');
    expect(formatArea(2_500_000)).toBe('2.5000 km²');
    expect(formatArea(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
