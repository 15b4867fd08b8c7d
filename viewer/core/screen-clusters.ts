/**
 * Groups markers that lie close together on screen, engine-free: the decision behind a point layer's cluster
 * markers. Runs after every camera change, so it reuses the buffers of its `out` argument.
 *
 * Algorithm (the greedy pass of CesiumJS's `EntityCluster`, with a uniform grid instead of a k-d tree): markers are
 * visited in input order; an unclustered marker takes every other unclustered marker whose screen position lies
 * within ±`pixelRange` of its own on both axes; if it finds any, they form one cluster (CesiumJS's default
 * `minimumClusterSize` of 2), else the marker stands alone. The grid's cells are `pixelRange` wide, so a ±`pixelRange` box touches
 * at most 3 × 3 cells. Input order decides ties, so the same view gives the same clusters.
 *
 * @see https://github.com/CesiumGS/cesium/blob/main/packages/engine/Source/DataSources/EntityCluster.js
 */

/** Per-marker state on input: not drawn (behind the globe or the camera). */
export const MARKER_HIDDEN = 0;
/** Per-marker state on input: drawn and may join a cluster. */
export const MARKER_CLUSTERABLE = 1;
/** Per-marker state on input: drawn and never clustered (e.g. the selected feature). */
export const MARKER_ALONE = 2;

/** `clusterOf` value of a marker drawn on its own. */
export const UNCLUSTERED = -1;
/** `clusterOf` value of a hidden marker. */
export const HIDDEN = -2;

/** Result buffers of {@link clusterScreenPoints}; pass the same object again to reuse its memory. */
export interface ScreenClusters {
  /** Per marker: its cluster index in [0, `clusterCount`), {@link UNCLUSTERED} or {@link HIDDEN}. */
  clusterOf: Int32Array;
  /** Number of clusters. */
  clusterCount: number;
  /** Per cluster (first `clusterCount` entries): its number of markers, ≥ 2. */
  clusterSizes: Int32Array;
  /** Grid: first marker of each cell (marker index), keyed by cell. Internal, reused. */
  cellHeads: Map<number, number>;
  /** Grid: next marker in the same cell, or -1. Internal, reused. */
  cellNext: Int32Array;
}

/** Creates empty result buffers. */
export function createScreenClusters(): ScreenClusters {
  return { clusterOf: new Int32Array(0), clusterCount: 0, clusterSizes: new Int32Array(0), cellHeads: new Map(), cellNext: new Int32Array(0) };
}

/** Offset making cell coordinates of on-screen and slightly off-screen markers non-negative. */
const CELL_OFFSET = 1 << 15;

function cellKey(cellX: number, cellY: number): number {
  return (cellX + CELL_OFFSET) * (CELL_OFFSET * 2) + (cellY + CELL_OFFSET);
}

function ensureCapacity(out: ScreenClusters, count: number): void {
  if (out.clusterOf.length < count) {
    out.clusterOf = new Int32Array(count);
    out.cellNext = new Int32Array(count);
    out.clusterSizes = new Int32Array(count);
  }
}

/**
 * Clusters `count` markers by screen position (see module doc).
 *
 * @param xs - screen x per marker, CSS px from the canvas's left edge (only entries of drawn markers are read)
 * @param ys - screen y per marker, CSS px from the canvas's top edge
 * @param states - per marker: {@link MARKER_HIDDEN}, {@link MARKER_CLUSTERABLE} or {@link MARKER_ALONE}
 * @param pixelRange - cluster distance, CSS px, ≥ 0; 0 turns clustering off (every drawn marker stands alone)
 * @param out - buffers to reuse (grown when too small)
 * @returns `out`, filled for the first `count` markers
 */
export function clusterScreenPoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  states: ArrayLike<number>,
  count: number,
  pixelRange: number,
  out: ScreenClusters = createScreenClusters(),
): ScreenClusters {
  ensureCapacity(out, count);
  const { clusterOf, cellNext, clusterSizes, cellHeads } = out;
  out.clusterCount = 0;
  for (let i = 0; i < count; i++) clusterOf[i] = states[i] === MARKER_HIDDEN ? HIDDEN : UNCLUSTERED;
  if (!(pixelRange > 0)) return out;

  cellHeads.clear();
  for (let i = count - 1; i >= 0; i--) {
    if (states[i] !== MARKER_CLUSTERABLE) continue;
    const key = cellKey(Math.floor(xs[i] / pixelRange), Math.floor(ys[i] / pixelRange));
    cellNext[i] = cellHeads.get(key) ?? -1;
    cellHeads.set(key, i); // inserted in reverse, so each cell lists its markers in input order
  }

  for (let i = 0; i < count; i++) {
    if (states[i] !== MARKER_CLUSTERABLE || clusterOf[i] !== UNCLUSTERED) continue;
    const x = xs[i];
    const y = ys[i];
    const cellX = Math.floor(x / pixelRange);
    const cellY = Math.floor(y / pixelRange);
    const cluster = out.clusterCount;
    let size = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let j = cellHeads.get(cellKey(cellX + dx, cellY + dy)) ?? -1; j >= 0; j = cellNext[j]) {
          if (j === i || clusterOf[j] !== UNCLUSTERED) continue;
          if (Math.abs(xs[j] - x) > pixelRange || Math.abs(ys[j] - y) > pixelRange) continue;
          clusterOf[j] = cluster;
          size++;
        }
      }
    }
    if (size === 0) continue; // no neighbour: drawn alone
    clusterOf[i] = cluster;
    clusterSizes[cluster] = size + 1;
    out.clusterCount++;
  }
  return out;
}

/** Smallest and largest cluster marker diameters, CSS px. */
export const CLUSTER_MARKER_SIZE_RANGE_PX = { min: 18, max: 40 } as const;

/**
 * Diameter of a cluster marker, CSS px: grows with the decimal logarithm of the count, 18 px for 2 markers,
 * +7 px per factor of 10, at most 40 px (reached at ≈ 2 800 markers).
 */
export function clusterMarkerSizePx(markerCount: number): number {
  const size = CLUSTER_MARKER_SIZE_RANGE_PX.min + 7 * Math.log10(Math.max(markerCount, 2) / 2);
  return Math.min(CLUSTER_MARKER_SIZE_RANGE_PX.max, Math.round(size));
}
