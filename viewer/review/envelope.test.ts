import { describe, expect, it } from 'vitest';
import { localPlane } from '@viewer/core/local-plane';
import { buildableRing, elementFocus, envelopeCollections } from './envelope';

/** A 44 m × 35 m rectangle (like the review fixture's parcel), counter-clockwise from the south-west corner. */
const plane = localPlane(115.854, 28.6896);
const corners: [number, number][] = [[0, 0], [44, 0], [44, 35], [0, 35]].map(([e, n]) => plane.toLonLat(e, n));
const ring = [...corners, corners[0]];

describe('buildableRing', () => {
  it('moves each edge inwards by its own setback (south 3, east 6, north 8, west 5 m)', () => {
    const inner = buildableRing(ring, [3, 6, 8, 5])!;
    const enu = inner.slice(0, -1).map(([lon, lat]) => plane.toEnu(lon, lat));
    const expected = [[5, 3], [38, 3], [38, 27], [5, 27]];
    enu.forEach(([e, n], i) => {
      expect(Math.abs(e - expected[i][0])).toBeLessThan(0.01);
      expect(Math.abs(n - expected[i][1])).toBeLessThan(0.01);
    });
  });
  it('works for a clockwise ring too, and says null when the setbacks leave nothing', () => {
    const clockwise = [...ring].reverse();
    const inner = buildableRing(clockwise, [5, 8, 6, 3])!; // edges reversed: west, north, east, south
    const [e, n] = plane.toEnu(inner[0][0], inner[0][1]);
    expect([Math.round(e), Math.round(n)]).toEqual([5, 3]);
    expect(buildableRing(ring, [20, 30, 20, 30])).toBeNull();
    expect(buildableRing(ring, [1, 2])).toBeNull();
  });
});

describe('envelopeCollections and elementFocus', () => {
  it('puts the height-limit plane at ±0.000 + the limit and frames an element', () => {
    const envelope = envelopeCollections({ parcelRing: ring, setbacksM: [3, 6, 8, 5], heightLimitM: 24, groundEnuZM: 1.5 });
    expect(envelope.heightLimit.features[0].properties).toMatchObject({ baseM: 25.5, topM: 25.5 });
    expect(envelope.setback.features).toHaveLength(1);
    expect(envelopeCollections({ parcelRing: ring, setbacksM: [3, 6, 8, 5], heightLimitM: null, groundEnuZM: 0 }).heightLimit.features).toEqual([]);
    const focus = elementFocus({ lonDeg: 115.854, latDeg: 28.6896 }, 0, { globalId: 'x', plan: [[[[10, 10], [20, 10], [20, 20], [10, 20]]]], bottomM: 0, topM: 3 })!;
    const [e, n] = plane.toEnu(focus.lonDeg, focus.latDeg);
    expect(Math.abs(e - 15)).toBeLessThan(0.01);
    expect(Math.abs(n - 15)).toBeLessThan(0.01);
    expect(focus.heightEllipsoidalM).toBe(1.5);
    expect(focus.radiusM).toBeCloseTo(Math.hypot(10, 10, 3) / 2, 6);
  });
});
