import { describe, expect, it } from 'vitest';
import { rampColour, renderHeatRaster } from './heat-raster';

/** Two manhole water-level sensors 1 km apart in Nanchang: one with water 0.2 m under the cover, one at 1.5 m. */
const RECT = { west: 115.89, south: 28.675, east: 115.91, north: 28.685 };
const POINTS = [
  { lonDeg: 115.895, latDeg: 28.68, value: 0.2 },
  { lonDeg: 115.905, latDeg: 28.68, value: 1.5 },
];
const pixel = (data: Uint8ClampedArray, width: number, col: number, row: number) => Array.from(data.slice((row * width + col) * 4, (row * width + col) * 4 + 4));

describe('renderHeatRaster', () => {
  // 20 × 10 pixels over ≈ 1 955 m × 1 113 m: one pixel ≈ 98 m × 111 m.
  const data = renderHeatRaster({ points: POINTS, rect: RECT, width: 20, height: 10, low: 1.5, high: 0.2, radiusM: 150 });

  it('paints the shallow-water sensor hot (red) and the deep one cool (blue), inverted ramp low 1.5 → high 0.2', () => {
    const [r1, g1, b1, a1] = pixel(data, 20, 5, 5); // centre of pixel 5 ≈ 115.8953°: next to the 0.2 m sensor
    expect([r1, g1, b1]).toEqual(rampColour(1));
    expect(a1).toBeGreaterThan(150);
    const [r2, g2, b2] = pixel(data, 20, 15, 5);
    expect([r2, g2, b2]).toEqual(rampColour(0));
  });

  it('leaves pixels more than 3σ from every sensor transparent', () => {
    expect(pixel(data, 20, 0, 0)[3]).toBe(0);
    expect(pixel(data, 20, 10, 0)[3]).toBe(0);
  });

  it('refuses empty rectangles, equal ends, oversized rasters', () => {
    expect(() => renderHeatRaster({ points: POINTS, rect: { ...RECT, east: RECT.west }, width: 2, height: 2, low: 0, high: 1, radiusM: 100 })).toThrow(/empty rectangle/);
    expect(() => renderHeatRaster({ points: POINTS, rect: RECT, width: 2, height: 2, low: 1, high: 1, radiusM: 100 })).toThrow(/differ/);
    expect(() => renderHeatRaster({ points: POINTS, rect: RECT, width: 1024, height: 1024, low: 0, high: 1, radiusM: 100 })).toThrow(/at most/);
  });
});

describe('rampColour', () => {
  it('runs blue → green → yellow → red and clamps', () => {
    expect(rampColour(-1)).toEqual([49, 130, 206]);
    expect(rampColour(0.35)).toEqual([47, 158, 68]);
    expect(rampColour(2)).toEqual([224, 49, 49]);
  });
});
