import { describe, expect, it } from 'vitest';
import {
  ecefToEnu,
  ecefToGeodetic,
  enuFrameAt,
  geodeticToEcef,
  isSelfIntersecting,
  measureDistance,
  measureHeight,
  measureHorizontalArea,
  type Ecef,
} from './measure-geometry';

/*
 * Hand-computed offsets at 28.7°N (Nanchang), WGS84 (a = 6 378 137 m, e² = 0.00669437999014):
 *   N = a / √(1 − e² sin²φ) = 6 383 066.061 m (prime vertical), M = a(1 − e²) / (1 − e² sin²φ)^1.5 = 6 350 138.875 m
 *   (meridian). 50 m north = 50 / M rad = 0.000451138004°; 100 m east = 100 / (N cos φ) rad = 0.001023343240°;
 *   4 m north = 0.0000360910403°; 3 m east = 0.0000307002972°.
 */
const LON0 = 115.85;
const LAT0 = 28.7;
const DLAT_50M = 0.000451138004;
const DLON_100M = 0.00102334324;
const DLAT_4M = 0.0000360910403;
const DLON_3M = 0.0000307002972;

const at = (lonDeg: number, latDeg: number, heightEllipsoidalM = 0): Ecef => geodeticToEcef({ lonDeg, latDeg, heightEllipsoidalM });

describe('geodetic ⇄ ECEF', () => {
  it('puts the equator–Greenwich point at a and the pole at b', () => {
    const [x, y, z] = at(0, 0);
    expect(x).toBeCloseTo(6_378_137, 6);
    expect(y).toBeCloseTo(0, 6);
    expect(z).toBeCloseTo(0, 6);
    expect(at(0, 90)[2]).toBeCloseTo(6_356_752.314245, 5);
    expect(at(90, 0, 100)[1]).toBeCloseTo(6_378_237, 6);
  });

  it('round-trips to better than 1 mm and 1e-9°', () => {
    for (const [lonDeg, latDeg, heightEllipsoidalM] of [[115.85, 28.7, 23.4], [-70, -45, -30], [10, 89.99, 8_000], [179.9, 0.01, 0]]) {
      const back = ecefToGeodetic(geodeticToEcef({ lonDeg, latDeg, heightEllipsoidalM }));
      expect(back.lonDeg).toBeCloseTo(lonDeg, 9);
      expect(back.latDeg).toBeCloseTo(latDeg, 9);
      expect(back.heightEllipsoidalM).toBeCloseTo(heightEllipsoidalM, 3);
    }
  });

  it('refuses the Earth centre', () => {
    expect(() => ecefToGeodetic([1, 2, 3])).toThrow(RangeError);
  });

  it('gives ENU axes with east 100 m and north 50 m where the offsets say', () => {
    const frame = enuFrameAt(at(LON0, LAT0, 20));
    const [e, n, u] = ecefToEnu(frame, at(LON0 + DLON_100M, LAT0 + DLAT_50M, 20));
    expect(e).toBeCloseTo(100, 2);
    expect(n).toBeCloseTo(50, 2);
    // The ellipsoid falls away from the tangent plane by d²/(2R) ≈ 111.8² / 12.7e6 m ≈ 1 mm.
    expect(u).toBeCloseTo(-0.001, 3);
  });
});

describe('measureDistance', () => {
  it('measures a 3-4-5 right angle: 3 m east, then 4 m north', () => {
    const points = [at(LON0, LAT0), at(LON0 + DLON_3M, LAT0), at(LON0 + DLON_3M, LAT0 + DLAT_4M)];
    const { segments, totalSlopeM, totalHorizontalM } = measureDistance(points);
    expect(segments).toHaveLength(2);
    expect(segments[0].slopeM).toBeCloseTo(3, 5);
    expect(segments[1].horizontalM).toBeCloseTo(4, 5);
    expect(totalSlopeM).toBeCloseTo(7, 5);
    expect(totalHorizontalM).toBeCloseTo(7, 5);
    // The hypotenuse closes the triangle.
    expect(measureDistance([points[0], points[2]]).totalSlopeM).toBeCloseTo(5, 5);
  });

  it('splits a sloped segment: 3 m east while rising 4 m → 5 m slope, 3 m horizontal, +4 m', () => {
    const [segment] = measureDistance([at(LON0, LAT0, 10), at(LON0 + DLON_3M, LAT0, 14)]).segments;
    // DLON_3M is 3 m on the ellipsoid; 14 m above it the same angle spans 3 × (N + 14) / N = 3.0000066 m.
    const horizontalM = 3 * (1 + 14 / 6_383_066);
    expect(segment.slopeM).toBeCloseTo(Math.hypot(horizontalM, 4), 5);
    expect(segment.horizontalM).toBeCloseTo(horizontalM, 6);
    expect(segment.riseM).toBeCloseTo(4, 5);
  });

  it('has no segment for one point', () => {
    expect(measureDistance([at(LON0, LAT0)])).toEqual({ segments: [], totalSlopeM: 0, totalHorizontalM: 0 });
  });
});

describe('measureHeight', () => {
  it('reads a 22.5 m height difference on one vertical', () => {
    const result = measureHeight(at(LON0, LAT0, 10), at(LON0, LAT0, 32.5));
    expect(result.deltaHeightM).toBeCloseTo(22.5, 6);
    expect(result.horizontalM).toBeCloseTo(0, 6);
    expect(result.slopeM).toBeCloseTo(22.5, 6);
  });

  it('measures a roof edge 4 m higher, 3 m away: Δh +4, horizontal 3, slope 5; downwards is negative', () => {
    const ground = at(LON0, LAT0, 0);
    const eave = at(LON0, LAT0 + DLAT_4M * 0.75, 4);
    const up = measureHeight(ground, eave);
    expect(up.deltaHeightM).toBeCloseTo(4, 4);
    expect(up.horizontalM).toBeCloseTo(3, 4);
    expect(up.slopeM).toBeCloseTo(5, 4);
    // The corner is straight above the start, at the end's level.
    const corner = ecefToGeodetic(up.cornerEcef);
    expect(corner.heightEllipsoidalM).toBeCloseTo(4, 4);
    expect(corner.latDeg).toBeCloseTo(LAT0, 9);
    expect(measureHeight(eave, ground).deltaHeightM).toBeCloseTo(-4, 4);
  });
});

describe('measureHorizontalArea', () => {
  it('gives a 100 m × 50 m rectangle at 28.7°N 5 000 m² within 0.01 % and a 300 m perimeter', () => {
    const rectangle = [
      at(LON0, LAT0),
      at(LON0 + DLON_100M, LAT0),
      at(LON0 + DLON_100M, LAT0 + DLAT_50M),
      at(LON0, LAT0 + DLAT_50M),
    ];
    const result = measureHorizontalArea(rectangle);
    expect(result.problem).toBeNull();
    expect(Math.abs(result.areaM2! - 5_000)).toBeLessThan(0.5);
    expect(result.perimeterM).toBeCloseTo(300, 1);
    // Clockwise order and points on a roof 30 m up (projected on the first point's plane) give the same area.
    const clockwiseHigh = [...rectangle].reverse().map((point) => {
      const { lonDeg, latDeg } = ecefToGeodetic(point);
      return at(lonDeg, latDeg, 30);
    });
    expect(Math.abs(measureHorizontalArea(clockwiseHigh).areaM2! - 5_000 * ((6_371_000 + 30) / 6_371_000) ** 2)).toBeLessThan(0.5);
  });

  it('gives the 3-4-5 triangle 6 m² and 12 m, whatever the heights of its corners', () => {
    const triangle = [at(LON0, LAT0, 0), at(LON0 + DLON_3M, LAT0, 7), at(LON0 + DLON_3M, LAT0 + DLAT_4M, 2)];
    const result = measureHorizontalArea(triangle);
    expect(result.areaM2).toBeCloseTo(6, 4);
    expect(result.perimeterM).toBeCloseTo(12, 4);
  });

  it('refuses a bow-tie (self-intersecting) instead of giving its cancelled-out area', () => {
    const bowTie = [at(LON0, LAT0), at(LON0 + DLON_100M, LAT0 + DLAT_50M), at(LON0 + DLON_100M, LAT0), at(LON0, LAT0 + DLAT_50M)];
    const result = measureHorizontalArea(bowTie);
    expect(result.problem).toBe('self-intersecting');
    expect(result.areaM2).toBeNull();
  });

  it('reports too few points (a double click adds no corner) and points on one line', () => {
    const a = at(LON0, LAT0);
    const b = at(LON0 + DLON_100M, LAT0);
    expect(measureHorizontalArea([a, b, b]).problem).toBe('too-few-points');
    expect(measureHorizontalArea([a, b, a]).problem).toBe('too-few-points');
    const line = measureHorizontalArea([a, at(LON0 + DLON_3M, LAT0), b, at(LON0 + DLON_100M / 2, LAT0)]);
    expect(line.problem).toBe('degenerate');
  });
});

describe('isSelfIntersecting', () => {
  it('tells crossing, touching and simple polygons apart', () => {
    expect(isSelfIntersecting([[0, 0], [4, 0], [4, 3], [0, 3]])).toBe(false);
    expect(isSelfIntersecting([[0, 0], [4, 3], [4, 0], [0, 3]])).toBe(true);
    // A vertex touching a non-adjacent edge.
    expect(isSelfIntersecting([[0, 0], [4, 0], [4, 4], [2, 0], [0, 4]])).toBe(true);
    // Concave but simple (an L shape).
    expect(isSelfIntersecting([[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4]])).toBe(false);
  });
});
