import { describe, expect, it } from 'vitest';
import { spiralSearch } from './screen-spiral';

describe('spiralSearch', () => {
  it('probes the centre first, then ring 1 (8 points), and stops at the first hit', () => {
    const probed: [number, number][] = [];
    const found = spiralSearch(100, 60, 10, (xPx, yPx) => {
      probed.push([xPx, yPx]);
      return xPx === 60 && yPx === 40 ? 'wall' : null;
    });
    expect(found).toEqual({ xPx: 60, yPx: 40, hit: 'wall' });
    expect(probed[0]).toEqual([50, 30]);
    expect(probed.slice(1)).toEqual([[40, 20], [40, 30], [40, 40], [50, 20], [50, 40], [60, 20], [60, 30], [60, 40]]);
  });

  it('covers the whole area without leaving it, and returns null when nothing is hit', () => {
    const probed: [number, number][] = [];
    expect(spiralSearch(40, 20, 10, (xPx, yPx) => (probed.push([xPx, yPx]), null))).toBeNull();
    expect(probed).toHaveLength(4 * 2);
    expect(probed.every(([x, y]) => x >= 0 && x < 40 && y >= 0 && y < 20)).toBe(true);
    expect(new Set(probed.map((p) => p.join(','))).size).toBe(probed.length);
  });
});
