import { describe, expect, it } from 'vitest';
import { localPlane } from './local-plane';

describe('localPlane', () => {
  it('matches the ellipsoid radii at 28.7°N (1° of latitude ≈ 110.86 km, of longitude ≈ 97.73 km)', () => {
    const plane = localPlane(115.85, 28.7);
    const [east] = plane.toEnu(115.86, 28.7);
    const [, north] = plane.toEnu(115.85, 28.71);
    expect(east).toBeCloseTo(977.3, 0);
    expect(north).toBeCloseTo(1108.6, 0);
  });
  it('round-trips within a millimetre', () => {
    const plane = localPlane(115.85, 28.7);
    const [lon, lat] = plane.toLonLat(123.456, -78.9);
    const [e, n] = plane.toEnu(lon, lat);
    expect(Math.abs(e - 123.456)).toBeLessThan(1e-6);
    expect(Math.abs(n + 78.9)).toBeLessThan(1e-6);
  });
});
