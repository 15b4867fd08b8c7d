'use client';
/**
 * The sensors plate's selection panel: a picked sensor of the `sensors-devices` layer (the feature id is the sensor
 * id, server/sensors/geo-layer-sources.ts) with its chart from `sensors.readings.series` (≤ 1 000 bins, downsampled
 * in SQL) over the chosen window; viewer/sensors/sensor-panel.tsx renders it. The window's end moves with the clock
 * (every 30 s, rounded to the minute) and live reading events re-read the series (./use-sensors-live.ts).
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createTranslator } from '@viewer/core/i18n';
import { SENSORS_MESSAGES } from '@viewer/sensors/messages';
import { SensorPanel, type PanelSensor } from '@viewer/sensors/sensor-panel';
import { chartWindow, type ChartRange, type SeriesChartInput } from '@viewer/sensors/series-chart-option';
import type { PlateSelectionPanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TICK_MS = 30_000;

/** The window end: the next whole minute plus one, so readings of the last seconds fall inside. */
function windowEnd(): number {
  return Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
}

/** A date input's value (`YYYY-MM-DD`, China Standard Time) `days` before now. */
function dayInput(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** The selection panel (see module doc); a new pick starts afresh. */
export function SensorSelectionPanel(props: PlateSelectionPanelProps) {
  return <SensorSelection key={props.selection.featureId} {...props} />;
}

function SensorSelection({ selection, geoFeature, locale, onClose }: PlateSelectionPanelProps) {
  const t = createTranslator(SENSORS_MESSAGES, locale);
  const trpc = useTRPC();
  const id = selection.featureId;
  const [range, setRange] = useState<ChartRange>('24h');
  const [custom, setCustom] = useState(() => ({ from: dayInput(7), to: dayInput(0) }));
  const [now, setNow] = useState(windowEnd);
  useEffect(() => {
    const timer = setInterval(() => setNow(windowEnd()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const span = chartWindow(range, now, custom.from, custom.to);
  const validWindow = 'error' in span ? null : span;
  const seriesQuery = useQuery(
    trpc.sensors.readings.series.queryOptions(
      UUID.test(id) && validWindow ? { sensorId: id, from: new Date(validWindow.fromMs), to: new Date(validWindow.toMs), maxPoints: 500 } : skipToken,
      { retry: false, placeholderData: (previous) => previous },
    ),
  );
  const series = seriesQuery.data;
  const chart = useMemo<SeriesChartInput | null>(
    () =>
      series && validWindow
        ? {
            points: series.points,
            thresholds: series.thresholds,
            unit: series.unit,
            binSeconds: series.binSeconds,
            fromMs: validWindow.fromMs,
            toMs: validWindow.toMs,
            labels: { avg: t('chart.avg'), minmax: t('chart.minmax'), threshold: t('chart.threshold') },
          }
        : null,
    // `t` follows the locale; the window's bounds are numbers.
    [series, validWindow?.fromMs, validWindow?.toMs, locale],
  );
  const properties = geoFeature?.properties ?? {};
  const sensor: PanelSensor = {
    id,
    name: typeof properties.name === 'string' ? properties.name : id,
    code: typeof properties.code === 'string' ? properties.code : '',
    unit: typeof properties.unit === 'string' ? properties.unit : (series?.unit ?? ''),
    lastValue: typeof properties.lastValue === 'number' ? properties.lastValue : null,
    state: typeof properties.state === 'string' ? properties.state : '—',
  };
  const rangeError = 'error' in span ? t('chart.failed', { message: span.error === 'order' ? `${t('chart.to')} < ${t('chart.from')}` : span.error === 'span' ? '≤ 366 d' : `${t('chart.from')} / ${t('chart.to')}` }) : null;
  const error = rangeError ?? (seriesQuery.error ? t('chart.failed', { message: seriesQuery.error.message }) : null);
  return (
    <SensorPanel
      locale={locale}
      sensor={sensor}
      range={range}
      customFrom={custom.from}
      customTo={custom.to}
      onRange={(next) => {
        setRange(next);
        setNow(windowEnd());
      }}
      onCustom={(from, to) => setCustom({ from, to })}
      chart={chart}
      loading={seriesQuery.isFetching}
      error={error}
      onClose={onClose}
    />
  );
}
