import { describe, expect, it } from 'vitest';
import { formatDistance, niceScaleBar } from './scale-bar';

describe('niceScaleBar', () => {
  it('picks the longest 1/2/5 × 10ⁿ distance that fits', () => {
    expect(niceScaleBar(3.1, 120)).toEqual({ distanceM: 200, widthPx: 200 / 3.1, label: '200 m' });
    expect(niceScaleBar(1, 100)).toEqual({ distanceM: 100, widthPx: 100, label: '100 m' });
    expect(niceScaleBar(1, 99.9)?.distanceM).toBe(50);
    expect(niceScaleBar(4_200, 120)?.label).toBe('500 km');
    expect(niceScaleBar(0.004, 120)).toEqual({ distanceM: 0.2, widthPx: 50, label: '0.2 m' });
    expect(niceScaleBar(15, 120)).toEqual({ distanceM: 1_000, widthPx: 1_000 / 15, label: '1 km' });
  });

  it('never returns a bar wider than allowed, over 12 decades of scale', () => {
    for (let exponent = -3; exponent <= 9; exponent += 0.1) {
      const metresPerPixel = 10 ** exponent;
      const bar = niceScaleBar(metresPerPixel, 120);
      if (!bar) continue;
      expect(bar.widthPx).toBeLessThanOrEqual(120 + 1e-9);
      // The next nice step would not fit: a bar is at least 120 / 2.5 = 48 px long.
      expect(bar.widthPx).toBeGreaterThanOrEqual(48 - 1e-9);
      expect(String(bar.distanceM / 10 ** Math.floor(Math.log10(bar.distanceM) + 1e-9))).toMatch(/^(1|2|5)$/);
    }
  });

  it('has no bar for an unknown, zero, negative or infinite scale', () => {
    expect(niceScaleBar(null, 120)).toBeNull();
    expect(niceScaleBar(0, 120)).toBeNull();
    expect(niceScaleBar(-2, 120)).toBeNull();
    expect(niceScaleBar(Number.POSITIVE_INFINITY, 120)).toBeNull();
    expect(niceScaleBar(Number.NaN, 120)).toBeNull();
    expect(niceScaleBar(1, 0)).toBeNull();
  });
});

describe('formatDistance', () => {
  it('writes metres below 1 km and kilometres from there', () => {
    expect(formatDistance(850)).toBe('850 m');
    expect(formatDistance(1_000)).toBe('1 km');
    expect(formatDistance(20_000)).toBe('20 km');
    expect(formatDistance(0.5)).toBe('0.5 m');
  });
});
