import { describe, expect, it } from 'vitest';
import { closeRing, openRing, removeCorner, ringAreaM2, ringEdges, ringSelfIntersects, signedAreaM2, toCounterClockwise, type LonLat } from './polygon-ring';

// References: PostGIS 3.3 ST_Area / ST_Length on geography (geodesic on WGS84), computed once and written here.
const SQUARE: LonLat[] = [[115.85, 28.69], [115.851, 28.69], [115.851, 28.6908], [115.85, 28.6908]];
const SQUARE_AREA_M2 = 8664.9939;
const SQUARE_SOUTH_EDGE_M = 97.7282;
const PENTAGON: LonLat[] = [[115.9, 28.7], [115.91, 28.701], [115.908, 28.709], [115.899, 28.706]];
const PENTAGON_AREA_M2 = 752_676.496;

describe('ring area and edges in the local east-north plane', () => {
  it('matches the geodesic area within 0.01 % (100 m parcel and 1 km parcel)', () => {
    expect(Math.abs(ringAreaM2(SQUARE) - SQUARE_AREA_M2) / SQUARE_AREA_M2).toBeLessThan(1e-4);
    expect(Math.abs(ringAreaM2(PENTAGON) - PENTAGON_AREA_M2) / PENTAGON_AREA_M2).toBeLessThan(1e-4);
  });

  it('is positive counter-clockwise, negative clockwise, 0 below 3 corners', () => {
    expect(signedAreaM2(SQUARE)).toBeGreaterThan(0);
    expect(signedAreaM2([...SQUARE].reverse())).toBeLessThan(0);
    expect(ringAreaM2(SQUARE.slice(0, 2))).toBe(0);
  });

  it('numbers edges 1…n in ring order with midpoints and lengths (≤ 1 cm of the geodesic length)', () => {
    const edges = ringEdges(SQUARE);
    expect(edges.map((e) => e.number)).toEqual([1, 2, 3, 4]);
    expect(edges[0].midpoint[0]).toBeCloseTo(115.8505, 9);
    expect(edges[0].midpoint[1]).toBeCloseTo(28.69, 9);
    expect(edges[3].midpoint).toEqual([115.85, 28.6904]);
    expect(Math.abs(edges[0].lengthM - SQUARE_SOUTH_EDGE_M)).toBeLessThan(0.01);
    expect(Math.abs(edges[1].lengthM - 88.67)).toBeLessThan(0.05); // 0.0008° of latitude ≈ 88.7 m at 28.7°N
    expect(ringEdges(SQUARE.slice(0, 2))).toHaveLength(1);
    expect(ringEdges(SQUARE.slice(0, 1))).toEqual([]);
  });
});

describe('ring closing, orientation and corner removal', () => {
  it('closes and opens rings', () => {
    expect(closeRing(SQUARE)).toEqual([...SQUARE, SQUARE[0]]);
    expect(openRing(closeRing(SQUARE))).toEqual(SQUARE);
    expect(closeRing([])).toEqual([]);
  });

  it('turns a clockwise ring counter-clockwise from the same first corner, moving per-edge values with their edges', () => {
    const clockwise: LonLat[] = [SQUARE[0], SQUARE[3], SQUARE[2], SQUARE[1]];
    // Edges of the clockwise ring: west, north, east, south.
    const { corners, perEdge } = toCounterClockwise(clockwise, ['west', 'north', 'east', 'south']);
    expect(corners).toEqual(SQUARE);
    expect(perEdge).toEqual(['south', 'east', 'north', 'west']);
    expect(toCounterClockwise(SQUARE, [1, 2, 3, 4]).perEdge).toEqual([1, 2, 3, 4]);
  });

  it('finds self-intersections (a bow tie) but not in a simple or concave ring', () => {
    expect(ringSelfIntersects([SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3]])).toBe(true);
    expect(ringSelfIntersects(SQUARE)).toBe(false);
    expect(ringSelfIntersects([[0, 0], [2, 0], [2, 2], [1, 0.5], [0, 2]])).toBe(false);
  });

  it('removes a corner and merges its two edges into the arriving one', () => {
    const { corners, perEdge } = removeCorner(SQUARE, ['s', 'e', 'n', 'w'], 2);
    expect(corners).toEqual([SQUARE[0], SQUARE[1], SQUARE[3]]);
    expect(perEdge).toEqual(['s', 'e', 'w']);
    expect(removeCorner(SQUARE, ['s', 'e', 'n', 'w'], 0).perEdge).toEqual(['e', 'n', 'w']);
    expect(removeCorner(SQUARE, ['s'], Number.NaN).corners).toEqual(SQUARE);
  });
});
