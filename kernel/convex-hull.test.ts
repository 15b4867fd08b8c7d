import { describe, expect, it } from 'vitest';
import { convexHull } from './convex-hull';

describe('convexHull', () => {
  it('keeps the corners counter-clockwise and drops interior and collinear points', () => {
    const hull = convexHull([[0, 0], [2, 0], [1, 0], [2, 2], [0, 2], [1, 1], [0.5, 0.5]]);
    expect(hull).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
  });
  it('passes fewer than three points through, sorted', () => {
    expect(convexHull([[1, 1], [0, 0]])).toEqual([[0, 0], [1, 1]]);
  });
});
