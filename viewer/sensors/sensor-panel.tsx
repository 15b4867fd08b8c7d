/**
 * Side panel of a picked sensor of the `sensors-devices` layer: its name, code, last value and state, and its chart
 * (监测曲线) over 24 h, 7 d or a custom range of days (two date inputs), with the threshold lines of its rules.
 * Renders and emits only: the app side fetches (app/sensors/sensor-selection-panel.tsx). Every value is a text node.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { formatValue } from './alarm-format';
import { SENSORS_MESSAGES } from './messages';
import { SeriesChart } from './series-chart';
import type { ChartRange, SeriesChartInput } from './series-chart-option';

/** What the panel shows of the sensor (the layer feature's properties, server/sensors/geo-layer-sources.ts). */
export interface PanelSensor {
  id: string;
  name: string;
  code: string;
  unit: string;
  lastValue: number | null;
  state: string;
}

/** Props of {@link SensorPanel}. */
export interface SensorPanelProps {
  locale: Locale;
  sensor: PanelSensor;
  range: ChartRange;
  customFrom: string;
  customTo: string;
  onRange: (range: ChartRange) => void;
  onCustom: (from: string, to: string) => void;
  /** The chart's input once loaded, else `null`. */
  chart: SeriesChartInput | null;
  loading: boolean;
  /** Why the chart cannot be shown (a refusal or a bad custom range), or `null`. */
  error: string | null;
  onClose: () => void;
}

const RANGES: readonly ChartRange[] = ['24h', '7d', 'custom'];
const RANGE_KEYS = { '24h': 'chart.range24h', '7d': 'chart.range7d', custom: 'chart.rangeCustom' } as const;

/** The sensor panel (see module doc). */
export function SensorPanel({ locale, sensor, range, customFrom, customTo, onRange, onCustom, chart, loading, error, onClose }: SensorPanelProps) {
  const t = createTranslator(SENSORS_MESSAGES, locale);
  // The layer's `state` (server/sensors/geo-layer-sources.ts): normal, offline or alarm-<level>.
  const stateText = (state: string): string => {
    const alarm = /^alarm-(\d)$/.exec(state);
    if (alarm) return t('state.alarm', { level: alarm[1] });
    return state === 'offline' ? t('state.offline') : state === 'normal' ? t('state.normal') : state;
  };
  return (
    <section className="gt-panel gt-sensor-panel" aria-label={t('chart.title')} data-testid="sensor-panel" data-sensor-id={sensor.id}>
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{sensor.name}</h2>
        <button type="button" className="gt-icon-button" onClick={onClose} aria-label={t('chart.close')} title={t('chart.close')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        <dl className="gt-identity">
          <div className="gt-identity__row">
            <dt>{t('chart.lastValue')}</dt>
            <dd>{sensor.lastValue === null ? '—' : formatValue(sensor.lastValue, sensor.unit, locale)}</dd>
          </div>
          <div className="gt-identity__row">
            <dt>{t('chart.state')}</dt>
            <dd>
              <span className={`gt-sensor-state gt-sensor-state--${sensor.state}`} data-testid="sensor-state" data-state={sensor.state}>{stateText(sensor.state)}</span> <span className="gt-mono">{sensor.code}</span>
            </dd>
          </div>
        </dl>
        <div className="gt-sensor-chart__controls">
          <div className="gt-segmented" role="group" aria-label={t('chart.title')}>
            {RANGES.map((option) => (
              <button key={option} type="button" className="gt-segmented__option" aria-pressed={range === option} onClick={() => onRange(option)} data-range={option}>
                {t(RANGE_KEYS[option])}
              </button>
            ))}
          </div>
          {range === 'custom' ? (
            <div className="gt-sensor-chart__dates">
              <label className="gt-field">
                <span className="gt-field__label">{t('chart.from')}</span>
                <input className="gt-input" type="date" value={customFrom} onChange={(event) => onCustom(event.target.value, customTo)} data-testid="chart-from" />
              </label>
              <label className="gt-field">
                <span className="gt-field__label">{t('chart.to')}</span>
                <input className="gt-input" type="date" value={customTo} onChange={(event) => onCustom(customFrom, event.target.value)} data-testid="chart-to" />
              </label>
            </div>
          ) : null}
        </div>
        {error ? <p className="gt-panel__message gt-panel__message--error" role="alert">{error}</p> : null}
        {!error && loading && !chart ? <p className="gt-panel__message">{t('chart.loading')}</p> : null}
        {!error && chart ? (
          <div className="gt-sensor-chart">
            <SeriesChart input={chart} label={`${t('chart.title')} · ${sensor.name}`} />
            {chart.points.length === 0 ? <p className="gt-panel__message gt-sensor-chart__empty">{t('chart.empty')}</p> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
