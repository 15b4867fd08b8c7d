import { describe, expect, it } from 'vitest';
import { buildSeriesChartOption, chartWindow, LEVEL_COLOURS, niceBounds } from './series-chart-option';

/** A manhole water-level sensor: 10-minute bins, one missing, and the water-level rule's three levels. */
const T0 = Date.parse('2026-06-01T00:00:00Z');
const BIN = 600;
const at = (bin: number) => new Date(T0 + bin * BIN * 1000);
const INPUT = {
  points: [
    { t: at(0), avg: 0.4, min: 0.35, max: 0.45 },
    { t: at(1), avg: 0.5, min: 0.45, max: 0.6 },
    // bin 2 empty
    { t: at(3), avg: 1.1, min: 0.9, max: 1.3 },
  ],
  thresholds: [
    { ruleName: '井内水位超限', direction: 'above' as const, level: 1 as const, value: 0.8 },
    { ruleName: '井内水位超限', direction: 'above' as const, level: 2 as const, value: 1.2 },
    { ruleName: '井内水位超限', direction: 'above' as const, level: 3 as const, value: 1.6 },
    { ruleName: '重复规则', direction: 'above' as const, level: 3 as const, value: 1.6 },
  ],
  unit: 'm',
  binSeconds: BIN,
  fromMs: T0,
  toMs: T0 + 4 * BIN * 1000,
  labels: { avg: '均值', minmax: '最小–最大', threshold: '{level} 级阈值 {value}' },
};

describe('buildSeriesChartOption', () => {
  const option = buildSeriesChartOption(INPUT);

  it('draws the mean with a gap at the missing bin and the min–max band stacked on the minimum', () => {
    const [lower, band, avg] = option.series;
    expect(avg.data).toEqual([
      [T0, 0.4],
      [T0 + 600_000, 0.5],
      [T0 + 1_200_000, null],
      [T0 + 1_800_000, 1.1],
    ]);
    expect(lower.data.map(([, v]) => v)).toEqual([0.35, 0.45, null, 0.9]);
    expect(band.data.map(([, v]) => (v === null ? null : Math.round(v * 100) / 100))).toEqual([0.1, 0.15, null, 0.4]);
    expect(lower.stack).toBe('band');
    expect(band.stack).toBe('band');
  });

  it('draws one dashed mark line per distinct threshold level, in the level colour, with value and unit', () => {
    const lines = option.series[2].markLine?.data ?? [];
    expect(lines.map((line) => [line.yAxis, line.lineStyle.color, line.label.formatter])).toEqual([
      [0.8, LEVEL_COLOURS[1], '1 级阈值 0.8 m'],
      [1.2, LEVEL_COLOURS[2], '2 级阈值 1.2 m'],
      [1.6, LEVEL_COLOURS[3], '3 级阈值 1.6 m'],
    ]);
  });

  it('keeps every threshold inside the value axis and the whole window on the time axis', () => {
    expect(option.yAxis.min).toBeLessThanOrEqual(0.35);
    expect(option.yAxis.max).toBeGreaterThanOrEqual(1.6);
    expect(option.yAxis.max).toBeLessThanOrEqual(2);
    expect([option.xAxis.min, option.xAxis.max]).toEqual([T0, T0 + 2_400_000]);
  });

  it('draws an empty series with thresholds only', () => {
    const empty = buildSeriesChartOption({ ...INPUT, points: [] });
    expect(empty.series[2].data).toEqual([]);
    expect(empty.yAxis.max).toBeGreaterThanOrEqual(1.6);
  });
});

describe('niceBounds', () => {
  it('rounds outward to steps of 1, 2 or 5 × 10^k', () => {
    expect(niceBounds(10, 35)).toEqual([5, 40]); // gas-lel thresholds 10–35 %LEL: step 5
    expect(niceBounds(0.35, 1.6)).toEqual([0, 2]); // water level: span 1.25 → raw 0.25 → step 0.5
    expect(niceBounds(3, 3)).toEqual([2, 4]);
  });
});

describe('chartWindow', () => {
  const now = Date.parse('2026-06-10T04:00:00Z');
  it('gives 24 h and 7 d back from now, and whole China-time days for custom dates', () => {
    expect(chartWindow('24h', now)).toEqual({ fromMs: now - 86_400_000, toMs: now });
    expect(chartWindow('7d', now)).toEqual({ fromMs: now - 7 * 86_400_000, toMs: now });
    expect(chartWindow('custom', now, '2026-06-01', '2026-06-02')).toEqual({ fromMs: Date.parse('2026-05-31T16:00:00Z'), toMs: Date.parse('2026-06-02T16:00:00Z') });
  });
  it('refuses missing, reversed and over-long custom windows', () => {
    expect(chartWindow('custom', now, '', '2026-06-02')).toEqual({ error: 'dates' });
    expect(chartWindow('custom', now, '2026-06-03', '2026-06-01')).toEqual({ error: 'order' });
    expect(chartWindow('custom', now, '2024-01-01', '2026-06-01')).toEqual({ error: 'span' });
  });
});
