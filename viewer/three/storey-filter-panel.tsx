/**
 * Storey panel for BIM inspection: the model's IfcBuildingStorey list, lowest first (ordered by Elevation, see
 * model-structure.ts), each with its elevation, element count and an "isolate" toggle (show only that storey's
 * elements, with those of its spaces), and "show all storeys". Stateless; the caller owns the isolated storey.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { INSPECT_MESSAGES } from './messages';
import type { StoreyEntry } from './model-structure';

/** Props of {@link StoreyFilterPanel}. */
export interface StoreyFilterPanelProps {
  storeys: readonly StoreyEntry[];
  /** GlobalId of the isolated storey, or `null` when every storey shows. */
  isolatedStoreyId: string | null;
  locale: Locale;
  /** Isolate a storey, or end isolation with `null`. */
  onIsolate: (storeyGlobalId: string | null) => void;
}

/** The storey panel (see module doc). */
export function StoreyFilterPanel({ storeys, isolatedStoreyId, locale, onIsolate }: StoreyFilterPanelProps) {
  const t = createTranslator(INSPECT_MESSAGES, locale);
  return (
    <section className="gt-panel" aria-label={t('storeys.title')} data-testid="storey-filter">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('storeys.title')}</h2>
        <span className="gt-panel__count">{formatNumber(storeys.length, locale)}</span>
      </header>
      <div className="gt-panel__body">
        {storeys.length === 0 ? <p className="gt-panel__message">{t('storeys.empty')}</p> : null}
        <ol className="gt-layer-list">
          {storeys.map((storey) => {
            const isIsolated = storey.globalId === isolatedStoreyId;
            return (
              <li key={storey.globalId} className="gt-layer" data-global-id={storey.globalId}>
                <span className="gt-layer__label" style={{ flexDirection: 'column', alignItems: 'flex-start', gap: 0 }}>
                  <span className="gt-layer__title">{storey.name ?? storey.globalId}</span>
                  <span className="gt-panel__count">
                    {storey.elevationM === null
                      ? t('storeys.noElevation')
                      : t('storeys.elevation', { elevation: formatNumber(storey.elevationM, locale, 2) })}
                  </span>
                </span>
                <span className="gt-layer__meta">
                  <span className="gt-panel__count">{formatNumber(storey.elementGlobalIds.size, locale)}</span>
                  <button
                    type="button"
                    className="gt-button gt-button--small"
                    aria-pressed={isIsolated}
                    onClick={() => onIsolate(isIsolated ? null : storey.globalId)}
                  >
                    {isIsolated ? t('storeys.isolated') : t('storeys.isolate')}
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
        {storeys.length > 0 ? (
          <div className="gt-panel__actions">
            <button type="button" className="gt-button gt-button--small" disabled={isolatedStoreyId === null} onClick={() => onIsolate(null)}>
              {t('storeys.showAll')}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
