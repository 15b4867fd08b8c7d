/**
 * The 2D convex hull of plan points (Andrew's monotone chain, O(n log n)): used by the tiler for a model's plan
 * outline and by the review plate for the plan of elements that need no exact outline.
 * @see A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions", IPL 9 (1979)
 */

/** A plan point `[x, y]` (e.g. east, north metres). */
export type HullPoint = [number, number];

/**
 * The convex hull of `points`.
 * @returns counter-clockwise, collinear points dropped, first point not repeated; fewer than 3 points as given (sorted)
 */
export function convexHull(points: readonly HullPoint[]): HullPoint[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: HullPoint, a: HullPoint, b: HullPoint) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: HullPoint[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: HullPoint[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
