/**
 * Side panel of a picked pipe segment of the `lifelines` plate: its identity (network, DN, material, cover depth at
 * both ends, install year, owner, length), a 示例数据 badge for demo data, and for water pipes the 关阀分析 (valve
 * isolation) button with its answer: the valves to close (each with "fly to"), the segments out of service and the
 * affected buildings (nearest first, each with its distance and "fly to").
 * Renders and emits only: the app side fetches (app/lifelines/pipe-selection-panel.tsx). Every value is a text node.
 */
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { LIFELINES_MESSAGES } from './messages';
import { buildingFlyTarget } from './isolation-overlay';
import { buildingName, isolationSummary, offersIsolation, pipeRows, valveFlyTarget, type PanelIsolation, type PanelPipe } from './pipe-format';

/** Props of {@link PipePanel}. */
export interface PipePanelProps {
  locale: Locale;
  /** The pipe, or `null` while loading or on error. */
  pipe: PanelPipe | null;
  loading: boolean;
  /** Why the pipe cannot be shown, or `null`. */
  error: string | null;
  /** The isolation answer, once asked for and received. */
  isolation: PanelIsolation | null;
  isolationLoading: boolean;
  /** Why the isolation failed (the server's refusal), or `null`. */
  isolationError: string | null;
  onIsolate: () => void;
  onFlyTo: (point: FlyToPoint) => void;
  onClose: () => void;
}

/** The pipe panel (see module doc). */
export function PipePanel(props: PipePanelProps) {
  const { locale, pipe, loading, error, isolation, isolationLoading, isolationError, onIsolate, onFlyTo, onClose } = props;
  const t = createTranslator(LIFELINES_MESSAGES, locale);
  return (
    <section className="gt-panel gt-pipe-panel" aria-label={t('pipe.title')} data-testid="pipe-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">
          {t('pipe.title')}
          {pipe?.properties.isDemo ? (
            <>
              {' '}
              <span className="gt-badge" data-testid="pipe-demo-badge">{t('demo.label')}</span>
            </>
          ) : null}
        </h2>
        <button type="button" className="gt-icon-button" onClick={onClose} aria-label={t('pipe.close')} title={t('pipe.close')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        {error ? <p className="gt-panel__message gt-panel__message--error" role="alert">{error}</p> : null}
        {!error && loading ? <p className="gt-panel__message">{t('pipe.loading')}</p> : null}
        {!error && pipe ? (
          <>
            <dl className="gt-identity" data-pipe-id={pipe.id}>
              {pipeRows(pipe, t).map((row) => (
                <div className="gt-identity__row" key={row.key} data-row={row.key}>
                  <dt>{row.label}</dt>
                  <dd className={row.key === 'code' ? 'gt-mono' : undefined}>{row.value}</dd>
                </div>
              ))}
            </dl>
            {offersIsolation(pipe.properties.network) ? (
              <div className="gt-panel__actions">
                <button
                  type="button"
                  className="gt-button gt-button--small"
                  onClick={onIsolate}
                  disabled={isolationLoading}
                  data-testid="pipe-isolate"
                >
                  {t('isolation.run')}
                </button>
              </div>
            ) : null}
            {isolationLoading ? <p className="gt-panel__message">{t('isolation.running')}</p> : null}
            {isolationError ? (
              <p className="gt-panel__message gt-panel__message--error" role="alert" data-testid="pipe-isolation-error">
                {t('isolation.error', { message: isolationError })}
              </p>
            ) : null}
            {isolation && !isolationLoading && !isolationError ? <IsolationAnswer isolation={isolation} locale={locale} onFlyTo={onFlyTo} /> : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

function IsolationAnswer({ isolation, locale, onFlyTo }: { isolation: PanelIsolation; locale: Locale; onFlyTo: (point: FlyToPoint) => void }) {
  const t = createTranslator(LIFELINES_MESSAGES, locale);
  return (
    <div data-testid="pipe-isolation">
      <h3 className="gt-panel__subtitle">{t('isolation.valves', { count: isolation.valves.length })}</h3>
      {isolation.valves.length === 0 ? <p className="gt-panel__message">{t('isolation.noValves')}</p> : null}
      <ul className="gt-pipe-panel__valves">
        {isolation.valves.map((valve) => {
          const target = valveFlyTarget(valve);
          return (
            <li key={valve.id} data-valve-id={valve.id}>
              <span className="gt-mono">{valve.code}</span>
              {valve.kind === 'source' ? <span className="gt-badge">{t('isolation.source')}</span> : null}
              <button
                type="button"
                className="gt-button gt-button--small"
                disabled={target === null}
                onClick={() => (target ? onFlyTo(target) : undefined)}
                title={t('isolation.flyToTitle', { code: valve.code })}
              >
                {t('isolation.flyTo')}
              </button>
            </li>
          );
        })}
      </ul>
      <dl className="gt-identity">
        <div className="gt-identity__row">
          <dt>{t('isolation.segments')}</dt>
          <dd data-testid="pipe-isolation-segments">{isolationSummary(isolation, t)}</dd>
        </div>
      </dl>
      <h3 className="gt-panel__subtitle">{t('isolation.buildings', { count: isolation.affectedBuildings.length })}</h3>
      <p className="gt-panel__message">{t('isolation.buildingsRule', { distance: isolation.serviceDistanceM })}</p>
      {isolation.affectedBuildings.length === 0 ? <p className="gt-panel__message">{t('isolation.noBuildings')}</p> : null}
      <ul className="gt-pipe-panel__valves" data-testid="pipe-isolation-buildings">
        {isolation.affectedBuildings.map((building) => {
          const target = buildingFlyTarget(building);
          const name = buildingName(building, locale);
          return (
            <li key={building.id} data-building-id={building.id}>
              <span className="gt-pipe-panel__building-name">{name}</span>
              <span className="gt-pipe-panel__distance">{t('isolation.buildingDistance', { distance: building.distanceM.toFixed(1) })}</span>
              <button
                type="button"
                className="gt-button gt-button--small"
                disabled={target === null}
                onClick={() => (target ? onFlyTo(target) : undefined)}
                title={t('isolation.flyToBuildingTitle', { name })}
              >
                {t('isolation.flyTo')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
