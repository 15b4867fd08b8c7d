/**
 * The sensors heat map as pixels, engine-free: point values → an RGBA raster over a lon/lat rectangle. Each pixel's
 * value is the Gaussian-weighted mean of the points (weight exp(−d²/2σ²), d in metres on a local equirectangular
 * plane, σ = `radiusM`), mapped onto a blue → green → yellow → red ramp between `low` and `high` (either way round:
 * `low > high` makes small values hot, e.g. water close under a manhole cover); its opacity follows the summed
 * weight, so the field fades out where no sensor is near. Points further than 3σ from the rectangle are ignored.
 * ./heatmap-kind.ts draws the raster on a canvas draped on the ground. Bounded work: at most
 * {@link MAX_HEAT_POINTS} points and {@link MAX_HEAT_PIXELS} pixels.
 */

/** One point: position (degrees WGS84) and value (the measure's unit). */
export interface HeatPoint {
  lonDeg: number;
  latDeg: number;
  value: number;
}

/** A lon/lat rectangle, degrees. */
export interface LonLatRect {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** What {@link renderHeatRaster} draws. */
export interface HeatRasterInput {
  points: readonly HeatPoint[];
  rect: LonLatRect;
  width: number;
  height: number;
  low: number;
  high: number;
  radiusM: number;
  /** Largest opacity, 0–1 (default 0.7). */
  maxAlpha?: number;
}

/** Points drawn at most (the nearest to the rectangle's centre are kept). */
export const MAX_HEAT_POINTS = 2_000;
/** Pixels rendered at most (width × height). */
export const MAX_HEAT_PIXELS = 512 * 512;

const METRES_PER_DEG = 111_320;
/** Ramp stops: position 0–1 → RGB. */
const RAMP: readonly [number, [number, number, number]][] = [
  [0, [49, 130, 206]],
  [0.35, [47, 158, 68]],
  [0.65, [250, 204, 21]],
  [1, [224, 49, 49]],
];

/** The ramp colour at `f` (clamped to 0–1). */
export function rampColour(f: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));
  for (let i = 1; i < RAMP.length; i++) {
    const [p1, c1] = RAMP[i];
    const [p0, c0] = RAMP[i - 1];
    if (x <= p1) {
      const t = (x - p0) / (p1 - p0);
      return [0, 1, 2].map((k) => Math.round(c0[k] + (c1[k] - c0[k]) * t)) as [number, number, number];
    }
  }
  return RAMP[RAMP.length - 1][1];
}

/**
 * Renders the raster (row 0 = north edge), RGBA bytes for `ImageData`.
 * @throws {RangeError} when the size is not positive integers within {@link MAX_HEAT_PIXELS}, the rectangle is
 *   empty, `low === high` or `radiusM` is not positive
 */
export function renderHeatRaster(input: HeatRasterInput): Uint8ClampedArray {
  const { rect, width, height, low, high, radiusM } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > MAX_HEAT_PIXELS) {
    throw new RangeError(`heat raster: size ${width}×${height} must be positive integers, at most ${MAX_HEAT_PIXELS} pixels`);
  }
  if (!(rect.east > rect.west) || !(rect.north > rect.south)) throw new RangeError('heat raster: empty rectangle');
  if (!(low !== high) || !Number.isFinite(low) || !Number.isFinite(high)) throw new RangeError('heat raster: low and high must be finite and differ');
  if (!(radiusM > 0)) throw new RangeError('heat raster: radiusM must be positive');
  const maxAlpha = Math.min(1, Math.max(0, input.maxAlpha ?? 0.7));
  const midLat = (rect.north + rect.south) / 2;
  const mx = METRES_PER_DEG * Math.cos((midLat * Math.PI) / 180);
  const my = METRES_PER_DEG;
  const reach = 3 * radiusM;
  const cx = (rect.west + rect.east) / 2;
  const cy = midLat;
  const near = input.points
    .filter((p) => Number.isFinite(p.lonDeg) && Number.isFinite(p.latDeg) && Number.isFinite(p.value))
    .filter((p) => p.lonDeg >= rect.west - reach / mx && p.lonDeg <= rect.east + reach / mx && p.latDeg >= rect.south - reach / my && p.latDeg <= rect.north + reach / my)
    .map((p) => ({ x: (p.lonDeg - cx) * mx, y: (p.latDeg - cy) * my, value: p.value }))
    .sort((a, b) => a.x * a.x + a.y * a.y - (b.x * b.x + b.y * b.y))
    .slice(0, MAX_HEAT_POINTS);
  const out = new Uint8ClampedArray(width * height * 4);
  if (near.length === 0) return out;
  const twoSigma2 = 2 * radiusM * radiusM;
  const reach2 = reach * reach;
  const dx = ((rect.east - rect.west) * mx) / width;
  const dy = ((rect.north - rect.south) * my) / height;
  const x0 = (rect.west - cx) * mx + dx / 2;
  const y0 = (rect.north - cy) * my - dy / 2;
  for (let row = 0; row < height; row++) {
    const y = y0 - row * dy;
    for (let col = 0; col < width; col++) {
      const x = x0 + col * dx;
      let sumW = 0;
      let sumWV = 0;
      for (const p of near) {
        const d2 = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d2 > reach2) continue;
        const w = Math.exp(-d2 / twoSigma2);
        sumW += w;
        sumWV += w * p.value;
      }
      if (sumW < 1e-3) continue;
      const [r, g, b] = rampColour((sumWV / sumW - low) / (high - low));
      const i = (row * width + col) * 4;
      out[i] = r;
      out[i + 1] = g;
      out[i + 2] = b;
      out[i + 3] = Math.round(255 * maxAlpha * Math.min(1, sumW));
    }
  }
  return out;
}
