/**
 * The sensor chart (监测曲线) as data, engine-free: an ECharts option built from a downsampled series
 * (server/sensors/readings-series.ts: bins with mean/min/max) and the thresholds of the sensor's rules, and the
 * time windows the chart offers (24 h, 7 d, custom). ./series-chart.tsx hands the option to a tree-shaken ECharts
 * (`echarts/core` with the line chart, grid, tooltip, legend and mark-line components, canvas renderer).
 *
 * Drawn: the mean as a line, the min–max band as a stacked area under it (lower edge transparent), a gap wherever
 * a bin is missing (the series leaves empty bins out), and one dashed horizontal mark line per threshold level,
 * coloured like the alarm levels. The value axis always includes every threshold, so the lines are never off-chart.
 * @see https://echarts.apache.org/en/option.html#series-line.markLine
 */

/** One bin of the series (as `sensors.readings.series` answers, after superjson). */
export interface ChartPoint {
  t: Date;
  avg: number;
  min: number;
  max: number;
}

/** One threshold level of a rule that applies to the sensor. */
export interface ChartThreshold {
  ruleName: string;
  direction: 'above' | 'below';
  level: 1 | 2 | 3;
  /** In the sensor's unit. */
  value: number;
}

/** Texts of the chart, in the UI language. */
export interface ChartLabels {
  avg: string;
  minmax: string;
  /** `{level}` and `{value}` are replaced (e.g. `2 级阈值 {value}`). */
  threshold: string;
}

/** What {@link buildSeriesChartOption} needs. */
export interface SeriesChartInput {
  points: readonly ChartPoint[];
  thresholds: readonly ChartThreshold[];
  unit: string;
  binSeconds: number;
  /** The window shown, ms since the epoch. */
  fromMs: number;
  toMs: number;
  labels: ChartLabels;
}

/** Alarm level colours (the alarms panel's and the sensors layer's). */
export const LEVEL_COLOURS: Readonly<Record<1 | 2 | 3, string>> = { 1: '#f0c419', 2: '#f08c00', 3: '#e03131' };

const TEXT = '#93a7bd';
const LINE = '#19e3ff';

type Cell = [number, number | null];

/**
 * Rows `[t, value]` with a `null` row inserted where consecutive bins are more than one bin apart, so ECharts
 * breaks the line there (`connectNulls: false`).
 */
function withGaps(points: readonly ChartPoint[], binMs: number, pick: (point: ChartPoint) => number): Cell[] {
  const rows: Cell[] = [];
  points.forEach((point, index) => {
    const t = point.t.getTime();
    if (index > 0 && t - points[index - 1].t.getTime() > binMs * 1.5) rows.push([t - binMs, null]);
    rows.push([t, pick(point)]);
  });
  return rows;
}

/** Value-axis bounds: the span padded by 5 %, rounded outward to a step of 1, 2 or 5 × 10^k giving about 5 intervals. */
export function niceBounds(low: number, high: number): [number, number] {
  if (low === high) return [low - 1, high + 1];
  const span = high - low;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  const round = (value: number) => Math.round(value * 1e9) / 1e9;
  return [round(Math.floor((low - span * 0.05) / step) * step), round(Math.ceil((high + span * 0.05) / step) * step)];
}

/**
 * The ECharts option of one sensor's chart (see module doc). Pure: same input, same object.
 * @returns a plain option object for `chart.setOption(option, true)`
 */
export function buildSeriesChartOption(input: SeriesChartInput) {
  const binMs = Math.max(1, input.binSeconds) * 1000;
  const values = input.points.flatMap((point) => [point.min, point.max]).concat(input.thresholds.map((threshold) => threshold.value));
  const [yMin, yMax] = values.length ? niceBounds(Math.min(...values), Math.max(...values)) : [0, 1];
  const lower = withGaps(input.points, binMs, (point) => point.min);
  const band = withGaps(input.points, binMs, (point) => point.max - point.min);
  const avg = withGaps(input.points, binMs, (point) => point.avg);
  // One line per distinct (level, value): two rules at the same level and value draw one line.
  const seen = new Set<string>();
  const markLines = [...input.thresholds]
    .sort((a, b) => a.level - b.level || a.value - b.value)
    .filter((threshold) => {
      const key = `${threshold.level}/${threshold.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((threshold) => ({
      name: threshold.ruleName,
      yAxis: threshold.value,
      lineStyle: { color: LEVEL_COLOURS[threshold.level], type: 'dashed' as const, width: 1.5 },
      label: {
        formatter: input.labels.threshold.replace('{level}', String(threshold.level)).replace('{value}', `${threshold.value} ${input.unit}`.trim()),
        position: 'insideEndTop' as const,
        color: LEVEL_COLOURS[threshold.level],
        fontSize: 10,
      },
    }));
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: TEXT, fontSize: 11 },
    grid: { left: 44, right: 14, top: 28, bottom: 28, containLabel: false },
    legend: { top: 0, right: 0, textStyle: { color: TEXT, fontSize: 11 }, itemWidth: 14, itemHeight: 8, data: [input.labels.avg, input.labels.minmax] },
    tooltip: { trigger: 'axis' as const, valueFormatter: (value: unknown) => (typeof value === 'number' ? `${Math.round(value * 100) / 100} ${input.unit}`.trim() : '—') },
    xAxis: {
      type: 'time' as const,
      min: input.fromMs,
      max: input.toMs,
      axisLabel: { color: TEXT, hideOverlap: true },
      axisLine: { lineStyle: { color: 'rgba(120,170,220,0.4)' } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value' as const,
      name: input.unit,
      nameTextStyle: { color: TEXT, align: 'right' as const },
      min: yMin,
      max: yMax,
      axisLabel: { color: TEXT },
      splitLine: { lineStyle: { color: 'rgba(120,170,220,0.15)' } },
    },
    series: [
      { name: input.labels.minmax, type: 'line' as const, data: lower, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 }, tooltip: { show: false }, connectNulls: false, silent: true },
      { name: input.labels.minmax, type: 'line' as const, data: band, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(25,227,255,0.18)' }, itemStyle: { color: 'rgba(25,227,255,0.35)' }, tooltip: { show: false }, connectNulls: false, silent: true },
      {
        name: input.labels.avg,
        type: 'line' as const,
        data: avg,
        symbol: input.points.length > 60 ? 'none' : 'circle',
        symbolSize: 4,
        showSymbol: input.points.length <= 60,
        lineStyle: { color: LINE, width: 1.5 },
        itemStyle: { color: LINE },
        connectNulls: false,
        markLine: { symbol: 'none', silent: true, data: markLines },
      },
    ],
  };
}

/** The chart windows offered. */
export type ChartRange = '24h' | '7d' | 'custom';

/** The longest custom window, days (the series has at most 1 000 bins: 7 days at 10 min, a year at ~9 h). */
export const MAX_CUSTOM_DAYS = 366;

/**
 * The window of a range ending at `nowMs`: 24 h or 7 d back; `custom` from the date inputs' `YYYY-MM-DD` (whole
 * days in China Standard Time, `to` inclusive).
 * @returns `{ fromMs, toMs }`, or an error text key when the custom dates are missing, reversed or too far apart
 */
export function chartWindow(range: ChartRange, nowMs: number, customFrom = '', customTo = ''): { fromMs: number; toMs: number } | { error: 'dates' | 'order' | 'span' } {
  if (range === '24h') return { fromMs: nowMs - 24 * 3600_000, toMs: nowMs };
  if (range === '7d') return { fromMs: nowMs - 7 * 24 * 3600_000, toMs: nowMs };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(customFrom) || !day.test(customTo)) return { error: 'dates' };
  const fromMs = Date.parse(`${customFrom}T00:00:00+08:00`);
  const toMs = Date.parse(`${customTo}T00:00:00+08:00`) + 24 * 3600_000;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return { error: 'dates' };
  if (toMs <= fromMs) return { error: 'order' };
  if (toMs - fromMs > MAX_CUSTOM_DAYS * 24 * 3600_000) return { error: 'span' };
  return { fromMs, toMs };
}
