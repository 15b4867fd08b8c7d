import { describe, expect, it } from 'vitest';
import { isAboveHorizon, WGS84_RADII_M } from './horizon';

const A = WGS84_RADII_M.x;
const DEG = Math.PI / 180;

/** A point on the equator at `lonDeg`, `heightM` above the ellipsoid (ECEF, metres). */
function onEquator(lonDeg: number, heightM = 0) {
  return { x: (A + heightM) * Math.cos(lonDeg * DEG), y: (A + heightM) * Math.sin(lonDeg * DEG), z: 0 };
}

describe('isAboveHorizon', () => {
  // From 1 000 km above (0° E, 0° N) the horizon lies acos(a / (a + 1 000 km)) = 30.18° away.
  const camera = onEquator(0, 1_000_000);
  const horizonDeg = Math.acos(A / (A + 1_000_000)) / DEG;

  it('sees points up to the horizon and not beyond it', () => {
    expect(horizonDeg).toBeCloseTo(30.18, 2);
    expect(isAboveHorizon(camera, onEquator(0))).toBe(true);
    expect(isAboveHorizon(camera, onEquator(horizonDeg - 0.2))).toBe(true);
    expect(isAboveHorizon(camera, onEquator(horizonDeg + 0.2))).toBe(false);
    expect(isAboveHorizon(camera, onEquator(180))).toBe(false);
  });

  it('sees a high point beyond the surface horizon (a mountain top peeks over it)', () => {
    expect(isAboveHorizon(camera, onEquator(horizonDeg + 2, 0))).toBe(false);
    expect(isAboveHorizon(camera, onEquator(horizonDeg + 2, 100_000))).toBe(true);
  });

  it('uses the polar radius: a point at the North Pole is seen from above it', () => {
    const overPole = { x: 0, y: 0, z: WGS84_RADII_M.z + 500_000 };
    expect(isAboveHorizon(overPole, { x: 0, y: 0, z: WGS84_RADII_M.z })).toBe(true);
    expect(isAboveHorizon(overPole, onEquator(0))).toBe(false);
  });
});
