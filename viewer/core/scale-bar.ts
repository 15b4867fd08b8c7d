/**
 * The scale bar's length: the longest "nice" ground distance (1, 2 or 5 × 10ⁿ metres) whose bar fits in the given
 * width at the map's scale where the bar stands, and its label.
 */

/** A scale bar: ground distance (m) and its on-screen length (CSS px). */
export interface ScaleBar {
  /** Ground distance the bar stands for, metres: 1, 2 or 5 × 10ⁿ. */
  distanceM: number;
  /** Bar length, CSS pixels, ≤ the width it was given. */
  widthPx: number;
  /** `500 m`, `2 km`, `0.5 m` (metres below 1 km, kilometres from 1 km). */
  label: string;
}

/** Shortest distance a bar shows, metres. */
const MIN_DISTANCE_M = 0.01;

/**
 * The scale bar for `metresPerPixel` (ground metres per CSS pixel where the bar stands).
 * @param maxWidthPx longest bar, CSS px (> 0)
 * @returns the bar, or `null` when the scale is unknown (looking at the sky or the horizon), not positive, or not finite
 * @example niceScaleBar(3.1, 120) // { distanceM: 200, widthPx: 64.5…, label: '200 m' }
 */
export function niceScaleBar(metresPerPixel: number | null, maxWidthPx: number): ScaleBar | null {
  if (metresPerPixel === null || !Number.isFinite(metresPerPixel) || metresPerPixel <= 0 || !(maxWidthPx > 0)) return null;
  const maxM = metresPerPixel * maxWidthPx;
  if (maxM < MIN_DISTANCE_M) return null;
  const power = 10 ** Math.floor(Math.log10(maxM));
  // Floating point: 10 ** -1 * 5 and friends; round to the power's digits.
  const distanceM = [5, 2, 1].map((step) => Number((step * power).toPrecision(12))).find((candidate) => candidate <= maxM * (1 + 1e-12)) ?? power;
  return { distanceM, widthPx: distanceM / metresPerPixel, label: formatDistance(distanceM) };
}

/** `850 m`, `1.5 km`, `0.2 m`: metres below 1 000 m, kilometres from there (no trailing zeros). */
export function formatDistance(distanceM: number): string {
  if (distanceM >= 1_000) return `${Number((distanceM / 1_000).toPrecision(12))} km`;
  return `${Number(distanceM.toPrecision(12))} m`;
}
