import { describe, expect, it } from 'vitest';
import { readLonLatHeight, type LonLatHeight } from './geojson-position';

describe('readLonLatHeight', () => {
  it('reads lon, lat and an optional height (0 m when absent)', () => {
    expect(readLonLatHeight([115.89, 28.68, -3.2])).toEqual({ lonDeg: 115.89, latDeg: 28.68, heightEllipsoidalM: -3.2 });
    expect(readLonLatHeight([115.89, 28.68])).toEqual({ lonDeg: 115.89, latDeg: 28.68, heightEllipsoidalM: 0 });
    expect(readLonLatHeight([-180, -90])).toEqual({ lonDeg: -180, latDeg: -90, heightEllipsoidalM: 0 });
  });

  it('rejects short, non-numeric, non-finite and out-of-range positions', () => {
    for (const bad of [[115.89], [180.5, 0], [0, -90.1], [Number.NaN, 0], [0, 0, Number.POSITIVE_INFINITY], ['115', 28], null, undefined]) {
      expect(readLonLatHeight(bad as number[] | null | undefined)).toBeNull();
    }
  });

  it('fills and returns `out` when given', () => {
    const out: LonLatHeight = { lonDeg: 0, latDeg: 0, heightEllipsoidalM: 0 };
    expect(readLonLatHeight([1, 2, 3], out)).toBe(out);
    expect(out).toEqual({ lonDeg: 1, latDeg: 2, heightEllipsoidalM: 3 });
  });
});
