/**
 * The measuring toolbar: three tool buttons (distance, horizontal area, height) and, while a tool is active, a
 * result panel with the figures and the undo / finish / clear / close buttons. Data and callbacks only (the CesiumJS
 * side is viewer/cesium/measure/measure-tools.tsx). Buttons are ≥ 36 px for fingers; nothing needs hover.
 */
import { createTranslator, type Locale, type Translator } from '@viewer/core/i18n';
import { formatArea, formatLength } from '@viewer/core/measure-format';
import { MEASURE_TOOLS, type MeasureResult, type MeasureTool } from '@viewer/core/measure-session';
import { formatSignedLength } from './measure-label-text';
import { MEASURE_MESSAGES } from './messages';

type T = Translator<keyof (typeof MEASURE_MESSAGES)['en']>;

/** What the toolbar shows of the measurement (a subset of the controller's snapshot). */
export interface MeasureToolbarState {
  tool: MeasureTool | null;
  result: MeasureResult | null;
  pointCount: number;
  isFinished: boolean;
  lastSource: 'model' | 'globe' | 'ellipsoid' | null;
  canUndo: boolean;
  canFinish: boolean;
}

/** Props of {@link MeasureToolbar}. */
export interface MeasureToolbarProps {
  locale: Locale;
  state: MeasureToolbarState;
  /** Whether there is a scene to measure in (buttons are disabled until then). */
  isAvailable: boolean;
  /** Activates a tool, or stops measuring (`null`; also when the active tool's button is pressed again). */
  onTool: (tool: MeasureTool | null) => void;
  onUndo: () => void;
  onFinish: () => void;
  onClear: () => void;
}

/** Outline icons, 20 × 20 user units. */
const ICONS: Record<MeasureTool, string> = {
  distance: 'M3 15 L9 7 L17 11 M3 15 m-1.6 0 a1.6 1.6 0 1 0 3.2 0 a1.6 1.6 0 1 0 -3.2 0 M17 11 m-1.6 0 a1.6 1.6 0 1 0 3.2 0 a1.6 1.6 0 1 0 -3.2 0',
  area: 'M3 6 L12 3 L17 10 L11 17 L4 14 Z',
  height: 'M6 3 V17 M3 6 L6 3 L9 6 M3 14 L6 17 L9 14 M11 17 H17 M11 3 H17',
};

/** The toolbar and its result panel (see module doc). */
export function MeasureToolbar({ locale, state, isAvailable, onTool, onUndo, onFinish, onClear }: MeasureToolbarProps) {
  const t = createTranslator(MEASURE_MESSAGES, locale);
  const { tool } = state;
  return (
    <div className="gt-measure" data-testid="measure-tools" data-active-tool={tool ?? ''}>
      <div className="gt-measure__tools" role="toolbar" aria-label={t('measure.label')}>
        {MEASURE_TOOLS.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="gt-measure__tool"
            aria-pressed={tool === candidate}
            disabled={!isAvailable}
            title={isAvailable ? t(`tool.${candidate}`) : t('measure.unavailable')}
            data-testid={`measure-tool-${candidate}`}
            onClick={() => onTool(tool === candidate ? null : candidate)}
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
              <path d={ICONS[candidate]} />
            </svg>
            <span className="gt-measure__tool-text">{t(`tool.${candidate}`)}</span>
          </button>
        ))}
      </div>
      {tool ? (
        <section className="gt-measure__panel" aria-label={t(`tool.${tool}`)} data-testid="measure-panel">
          <header className="gt-measure__header">
            <h2 className="gt-measure__title">{t(`tool.${tool}`)}</h2>
            <span className="gt-measure__status">
              {t('result.points', { count: state.pointCount })}
              {state.isFinished ? ` · ${t('result.finished')}` : ''}
              {state.lastSource ? ` · ${t(`source.${state.lastSource}`)}` : ''}
            </span>
            <button type="button" className="gt-icon-button gt-measure__close" aria-label={t('action.close')} title={t('action.close')} onClick={() => onTool(null)}>
              ×
            </button>
          </header>
          <MeasureFigures t={t} result={state.result} hint={t(`hint.${tool}`)} />
          <div className="gt-measure__actions">
            <button type="button" className="gt-button gt-button--small" disabled={!state.canUndo} onClick={onUndo} data-testid="measure-undo">
              {t('action.undo')}
            </button>
            <button type="button" className="gt-button gt-button--small gt-button--primary" disabled={!state.canFinish} onClick={onFinish} data-testid="measure-finish">
              {t('action.finish')}
            </button>
            <button type="button" className="gt-button gt-button--small" disabled={!state.canUndo} onClick={onClear} data-testid="measure-clear">
              {t('action.clear')}
            </button>
          </div>
          <p className="gt-measure__keys">{t('hint.keys')}</p>
        </section>
      ) : null}
    </div>
  );
}

/** One figure row: a name and its value. */
function Row({ name, value, testId, isMain = false }: { name: string; value: string; testId: string; isMain?: boolean }) {
  return (
    <div className={isMain ? 'gt-measure__row gt-measure__row--main' : 'gt-measure__row'}>
      <dt>{name}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The figures of a result, or the tool's hint while there are none. */
function MeasureFigures({ t, result, hint }: { t: T; result: MeasureResult | null; hint: string }) {
  if (result?.tool === 'distance' && result.distance) {
    const { segments, totalSlopeM, totalHorizontalM } = result.distance;
    return (
      <dl className="gt-measure__figures">
        <Row name={t('result.total3d')} value={formatLength(totalSlopeM)} testId="measure-total-3d" isMain />
        <Row name={t('result.totalHorizontal')} value={formatLength(totalHorizontalM)} testId="measure-total-horizontal" />
        {segments.length > 1 ? (
          <div className="gt-measure__segments" data-testid="measure-segments">
            {segments.map((segment, i) => (
              <Row
                key={i}
                name={t('result.segment', { index: i + 1 })}
                value={`${formatLength(segment.slopeM)} · ${formatLength(segment.horizontalM)}`}
                testId={`measure-segment-${i + 1}`}
              />
            ))}
          </div>
        ) : null}
      </dl>
    );
  }
  if (result?.tool === 'area' && result.area) {
    const { area } = result;
    if (area.problem !== null) {
      return (
        <p className="gt-measure__problem" role="alert" data-testid="measure-problem" data-problem={area.problem}>
          {t(`problem.${area.problem}`)}
        </p>
      );
    }
    return (
      <dl className="gt-measure__figures">
        <Row name={t('result.area')} value={formatArea(area.areaM2)} testId="measure-area" isMain />
        <Row name={t('result.perimeter')} value={formatLength(area.perimeterM)} testId="measure-perimeter" />
      </dl>
    );
  }
  if (result?.tool === 'height' && result.height) {
    const { height } = result;
    return (
      <dl className="gt-measure__figures">
        <Row name={t('result.deltaHeight')} value={formatSignedLength(height.deltaHeightM)} testId="measure-delta-height" isMain />
        <Row name={t('result.horizontal')} value={formatLength(height.horizontalM)} testId="measure-horizontal" />
        <Row name={t('result.slope')} value={formatLength(height.slopeM)} testId="measure-slope" />
      </dl>
    );
  }
  return <p className="gt-measure__hint">{hint}</p>;
}
