/**
 * Square-spiral search over a canvas: probes points on rings of growing size around the centre until one gives
 * a hit. Used by the browser-test hooks of both viewers to find a pickable element wherever the model lands.
 */

/** A probe point with the probe's answer; positions are CSS pixels from the canvas's top-left corner. */
export interface SpiralHit<T> {
  xPx: number;
  yPx: number;
  hit: T;
}

/**
 * Probes `(xPx, yPx)` points `stepPx` apart on square rings around the centre of a `widthPx` × `heightPx` area,
 * nearest ring first (in a ring: left column to right, top to bottom), skipping points outside the area.
 * @param widthPx area width, CSS px (> 0)
 * @param heightPx area height, CSS px (> 0)
 * @param stepPx distance between probe points, CSS px (> 0)
 * @param probe answers a point, `null` for a miss
 * @returns the first point with a hit, or `null` when every point missed
 */
export function spiralSearch<T>(
  widthPx: number,
  heightPx: number,
  stepPx: number,
  probe: (xPx: number, yPx: number) => T | null,
): SpiralHit<T> | null {
  const centreXPx = widthPx / 2;
  const centreYPx = heightPx / 2;
  const maxRing = Math.ceil(Math.max(widthPx, heightPx) / 2 / stepPx);
  for (let ring = 0; ring <= maxRing; ring++) {
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const xPx = centreXPx + i * stepPx;
        const yPx = centreYPx + j * stepPx;
        if (xPx < 0 || yPx < 0 || xPx >= widthPx || yPx >= heightPx) continue;
        const hit = probe(xPx, yPx);
        if (hit !== null) return { xPx, yPx, hit };
      }
    }
  }
  return null;
}
