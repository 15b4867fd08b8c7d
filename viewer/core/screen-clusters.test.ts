import { describe, expect, it } from 'vitest';
import {
  clusterMarkerSizePx,
  clusterScreenPoints,
  createScreenClusters,
  HIDDEN,
  MARKER_ALONE,
  MARKER_CLUSTERABLE,
  MARKER_HIDDEN,
  UNCLUSTERED,
} from './screen-clusters';

function run(points: [number, number][], pixelRange: number, states?: number[]) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const result = clusterScreenPoints(xs, ys, states ?? points.map(() => MARKER_CLUSTERABLE), points.length, pixelRange);
  return { clusterOf: [...result.clusterOf.subarray(0, points.length)], sizes: [...result.clusterSizes.subarray(0, result.clusterCount)] };
}

/** The same greedy rule without a grid, O(n²): the reference for the grid version. */
function bruteForce(xs: number[], ys: number[], states: number[], pixelRange: number): number[] {
  const clusterOf: number[] = states.map((s) => (s === MARKER_HIDDEN ? HIDDEN : UNCLUSTERED));
  let clusters = 0;
  for (let i = 0; i < xs.length; i++) {
    if (states[i] !== MARKER_CLUSTERABLE || clusterOf[i] !== UNCLUSTERED) continue;
    const members = [];
    for (let j = 0; j < xs.length; j++) {
      if (j === i || states[j] !== MARKER_CLUSTERABLE || clusterOf[j] !== UNCLUSTERED) continue;
      if (Math.abs(xs[j] - xs[i]) <= pixelRange && Math.abs(ys[j] - ys[i]) <= pixelRange) members.push(j);
    }
    if (members.length === 0) continue;
    for (const j of [i, ...members]) clusterOf[j] = clusters;
    clusters++;
  }
  return clusterOf;
}

describe('clusterScreenPoints', () => {
  it('merges markers within ±range px on both axes and leaves far ones alone', () => {
    expect(run([[100, 100], [120, 110], [300, 300]], 40)).toEqual({ clusterOf: [0, 0, UNCLUSTERED], sizes: [2] });
    // the box is inclusive: 40 px apart on both axes still merges, 41 px does not
    expect(run([[0, 0], [40, 40]], 40).clusterOf).toEqual([0, 0]);
    expect(run([[0, 0], [41, 0]], 40).clusterOf).toEqual([UNCLUSTERED, UNCLUSTERED]);
  });

  it('is greedy in input order: a chain 30 px apart splits where the first marker decides', () => {
    expect(run([[0, 0], [30, 0], [60, 0]], 40).clusterOf).toEqual([0, 0, UNCLUSTERED]);
    expect(run([[60, 0], [30, 0], [0, 0]], 40).clusterOf).toEqual([0, 0, UNCLUSTERED]);
    expect(run([[30, 0], [0, 0], [60, 0]], 40)).toEqual({ clusterOf: [0, 0, 0], sizes: [3] });
  });

  it('never clusters hidden markers or markers that must stand alone', () => {
    const states = [MARKER_CLUSTERABLE, MARKER_HIDDEN, MARKER_ALONE, MARKER_CLUSTERABLE];
    expect(run([[0, 0], [5, 5], [10, 10], [500, 500]], 40, states).clusterOf).toEqual([UNCLUSTERED, HIDDEN, UNCLUSTERED, UNCLUSTERED]);
  });

  it('turns clustering off at range 0', () => {
    expect(run([[0, 0], [0, 0], [1, 1]], 0)).toEqual({ clusterOf: [UNCLUSTERED, UNCLUSTERED, UNCLUSTERED], sizes: [] });
  });

  it('matches the brute-force rule on 3 000 random markers, including off-screen (negative) positions', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 3000;
    const xs = Array.from({ length: n }, () => random() * 2200 - 200);
    const ys = Array.from({ length: n }, () => random() * 1400 - 200);
    const states = Array.from({ length: n }, () => (random() < 0.1 ? MARKER_HIDDEN : random() < 0.02 ? MARKER_ALONE : MARKER_CLUSTERABLE));
    for (const range of [12, 40, 90]) {
      const result = clusterScreenPoints(xs, ys, states, n, range);
      const expected = bruteForce(xs, ys, states, range);
      expect([...result.clusterOf.subarray(0, n)]).toEqual(expected);
      const sizes = new Map<number, number>();
      for (const c of expected) if (c >= 0) sizes.set(c, (sizes.get(c) ?? 0) + 1);
      expect(result.clusterCount).toBe(sizes.size);
      for (const [c, size] of sizes) expect(result.clusterSizes[c]).toBe(size);
    }
  });

  it('reuses its buffers: a second, smaller call overwrites the first', () => {
    const out = createScreenClusters();
    clusterScreenPoints([0, 1, 2, 3], [0, 0, 0, 0], [1, 1, 1, 1], 4, 40, out);
    expect(out.clusterCount).toBe(1);
    const buffer = out.clusterOf;
    clusterScreenPoints([0, 100], [0, 0], [1, 1], 2, 40, out);
    expect(out.clusterOf).toBe(buffer);
    expect(out.clusterCount).toBe(0);
    expect([...out.clusterOf.subarray(0, 2)]).toEqual([UNCLUSTERED, UNCLUSTERED]);
  });
});

describe('clusterMarkerSizePx', () => {
  it('grows 7 px per factor of 10 from 18 px at 2 markers, up to 40 px', () => {
    expect(clusterMarkerSizePx(2)).toBe(18);
    expect(clusterMarkerSizePx(20)).toBe(25);
    expect(clusterMarkerSizePx(200)).toBe(32);
    expect(clusterMarkerSizePx(2000)).toBe(39);
    expect(clusterMarkerSizePx(1_000_000)).toBe(40);
    expect(clusterMarkerSizePx(1)).toBe(18);
  });
});
