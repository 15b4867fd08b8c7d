'use client';
/**
 * The sensor chart on a canvas: ECharts, tree-shaken (`echarts/core` with only the line chart, grid, tooltip,
 * legend and mark-line components and the canvas renderer, not the full `echarts` bundle), drawing the option of
 * ./series-chart-option.ts. Resizes with its box (ResizeObserver), disposes on unmount.
 * @see https://echarts.apache.org/handbook/en/basics/import/#shrinking-bundle-size
 */
import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { buildSeriesChartOption, type SeriesChartInput } from './series-chart-option';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** Props of {@link SeriesChart}: the option builder's input plus an accessible label. */
export interface SeriesChartProps {
  input: SeriesChartInput;
  label: string;
}

/** One sensor's chart (see module doc). */
export function SeriesChart({ input, label }: SeriesChartProps) {
  const box = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(buildSeriesChartOption(input), true);
  }, [input]);

  return <div ref={box} className="gt-sensor-chart__canvas" role="img" aria-label={label} data-testid="sensor-chart" data-points={input.points.length} data-thresholds={input.thresholds.length} />;
}
