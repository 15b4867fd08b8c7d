import { describe, expect, it } from 'vitest';
import { declutterLabels, estimateTextWidthPx, type LabelBox } from './label-declutter';

const box = (xPx: number, yPx: number, widthPx = 40, heightPx = 18): LabelBox => ({ xPx, yPx, widthPx, heightPx });

describe('declutterLabels', () => {
  it('hides a label overlapping one shown before it, keeps the first (the more important)', () => {
    // 宜春市 and 新余市 as they collided at the province view: centres 30 px apart, 42 px wide each.
    expect(declutterLabels([box(100, 100, 42), box(130, 100, 42)])).toEqual([true, false]);
    expect(declutterLabels([box(130, 100, 42), box(100, 100, 42)])).toEqual([true, false]);
  });

  it('keeps labels that only come within the padding apart of each other hidden, and farther ones shown', () => {
    // Boxes 40 px wide, centres 42 px apart: 2 px gap < 4 px padding on each side.
    expect(declutterLabels([box(0, 0), box(42, 0)])).toEqual([true, false]);
    expect(declutterLabels([box(0, 0), box(48.5, 0)])).toEqual([true, true]);
    expect(declutterLabels([box(0, 0), box(0, 26.5)])).toEqual([true, true]);
    expect(declutterLabels([box(0, 0), box(42, 0)], 0)).toEqual([true, true]);
  });

  it('lets a later label show when the one it overlaps was itself hidden', () => {
    // b overlaps a (hidden); c overlaps b only, so c shows.
    expect(declutterLabels([box(0, 0), box(30, 0), box(60, 0)])).toEqual([true, false, true]);
  });
});

describe('estimateTextWidthPx', () => {
  it('counts CJK characters as one em and Latin ones as 0.6 em', () => {
    expect(estimateTextWidthPx('南昌市', 14)).toBe(42);
    expect(estimateTextWidthPx('FZK-Haus', 10)).toBeCloseTo(48, 9);
    expect(estimateTextWidthPx('', 14)).toBe(0);
  });
});
