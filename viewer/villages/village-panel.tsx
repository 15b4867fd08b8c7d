/**
 * Side panel of a picked village (传统村落) in the twin: its name, county, national batch, a 位置待核实 / position
 * unverified badge when it sits at its county's label point, a 示例内容 badge for demo content, a link to its page
 * (`/villages/<code>`), "游览 / Play tour" (the published tour) with the running tour's bar, and for curators of its
 * region "录制导览 / Record tour" with the recorder below. Renders and emits only (app/villages/ fetches).
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_SCENE_MESSAGES } from './scene-messages';

/** The village fields the panel shows (the router's `scene.byCode` output satisfies it). */
export interface PanelVillage {
  code: string;
  nameZh: string;
  nameEn: string | null;
  county: string;
  nationalBatch: number | null;
  isPositionVerified: boolean;
  tour: { titleZh: string; titleEn: string | null; stops: readonly unknown[] } | null;
  canCurate: boolean;
}

/** Props of {@link VillagePanel}. */
export interface VillagePanelProps {
  locale: Locale;
  village: PanelVillage | null;
  /** Whether the marker said it is demo content (the layer's `isDemo`). */
  isDemo: boolean;
  loading: boolean;
  error: string | null;
  /** The village page's address. */
  pageHref: string;
  onClose: () => void;
  onFlyTo: () => void;
  onPlayTour: () => void;
  /** Whether a tour is running (the play button hides, `tourBar` shows). */
  isTourRunning: boolean;
  tourBar: ReactNode;
  onRecord: () => void;
  isRecording: boolean;
  recorder: ReactNode;
}

/** The village panel (see module doc). */
export function VillagePanel(props: VillagePanelProps) {
  const { locale, village, loading, error } = props;
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const name = village ? (locale === 'en' && village.nameEn ? village.nameEn : village.nameZh) : t('village.title');
  return (
    <section className="gt-panel gt-village-panel" aria-label={t('village.title')} data-testid="village-panel">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">
          {name}
          {props.isDemo ? (
            <>
              {' '}
              <span className="gt-badge">{t('village.demo')}</span>
            </>
          ) : null}
        </h2>
        <button type="button" className="gt-icon-button" onClick={props.onClose} aria-label={t('panel.close')} title={t('panel.close')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        {error ? <p className="gt-panel__message gt-panel__message--error" role="alert">{error}</p> : null}
        {!error && loading && !village ? <p className="gt-panel__message">{t('panel.loading')}</p> : null}
        {!error && village ? (
          <>
            {!village.isPositionVerified ? (
              <p className="gt-village-panel__unverified" data-testid="village-unverified">
                <span className="gt-badge gt-badge--warning">{t('village.unverified')}</span> {t('village.unverifiedHint')}
              </p>
            ) : null}
            <dl className="gt-identity" data-village-code={village.code}>
              <div className="gt-identity__row">
                <dt>{t('village.county')}</dt>
                <dd>{village.county}</dd>
              </div>
              <div className="gt-identity__row">
                <dt>{t('village.batch')}</dt>
                <dd>{village.nationalBatch === null ? t('village.batchNone') : t('village.batchValue', { batch: village.nationalBatch })}</dd>
              </div>
            </dl>
            <div className="gt-panel__actions gt-village-panel__actions">
              <a className="gt-button gt-button--small" href={props.pageHref} data-testid="village-page-link">
                {t('village.page')}
              </a>
              <button type="button" className="gt-button gt-button--small" onClick={props.onFlyTo}>
                {t('village.flyTo')}
              </button>
              {!props.isTourRunning ? (
                <button
                  type="button"
                  className="gt-button gt-button--small gt-button--primary"
                  onClick={props.onPlayTour}
                  disabled={!village.tour || village.tour.stops.length === 0}
                  data-testid="village-tour-play"
                >
                  {t('tour.play')}
                </button>
              ) : null}
              {village.canCurate && !props.isRecording ? (
                <button type="button" className="gt-button gt-button--small" onClick={props.onRecord} data-testid="village-tour-record">
                  {t('record.open')}
                </button>
              ) : null}
            </div>
            {!village.tour ? <p className="gt-panel__message">{t('tour.none')}</p> : null}
            {props.tourBar}
            {props.recorder}
          </>
        ) : null}
      </div>
    </section>
  );
}
