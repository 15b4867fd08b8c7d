import { describe, expect, it } from 'vitest';
import { HONGGUTAN_DEMO_PLACE, isInJiangxi, modelPlace, NANCHANG_PLACE } from './quick-places';

describe('isInJiangxi', () => {
  it('accepts Nanchang and Ganzhou, rejects Karlsruhe and Abu Dhabi', () => {
    expect(isInJiangxi(NANCHANG_PLACE.lonDeg, NANCHANG_PLACE.latDeg)).toBe(true);
    expect(isInJiangxi(HONGGUTAN_DEMO_PLACE.lonDeg, HONGGUTAN_DEMO_PLACE.latDeg)).toBe(true);
    expect(isInJiangxi(114.93, 25.83)).toBe(true);
    expect(isInJiangxi(8.4365, 49.1004)).toBe(false);
    expect(isInJiangxi(54.42, 24.47)).toBe(false);
  });
});

describe('modelPlace', () => {
  it('centres half the building height above the ground (models stand on the ellipsoid) with radius ≥ 20 m', () => {
    expect(modelPlace({ lonDeg: 115.8552, latDeg: 28.6934, heightM: 0 }, 18.03)).toEqual({
      lonDeg: 115.8552,
      latDeg: 28.6934,
      heightEllipsoidalM: 9.015,
      radiusM: 20,
    });
    // An anchor 22 m up (orthometric OrthogonalHeight) is lowered to the ground in the twin: 10 m / 2 above 0.
    expect(modelPlace({ lonDeg: 1, latDeg: 2, heightM: 22 }, null)).toMatchObject({ heightEllipsoidalM: 5, radiusM: 20 });
    expect(modelPlace({ lonDeg: 1, latDeg: 2, heightM: 0 }, 60).radiusM).toBe(60);
  });
});
