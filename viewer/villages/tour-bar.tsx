/**
 * The bar of a running guided tour: the current stop's caption in a polite live region (screen readers read each
 * new caption), the stop counter, pause/resume and end buttons, and the Escape hint. Renders only; the tour runs in
 * ./use-tour-playback.ts.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_SCENE_MESSAGES } from './scene-messages';
import type { TourPlaybackState } from './use-tour-playback';

/** Props of {@link TourBar}. */
export interface TourBarProps {
  locale: Locale;
  state: TourPlaybackState;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

/** The tour bar (see module doc). */
export function TourBar({ locale, state, onPause, onResume, onStop }: TourBarProps) {
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const { position, stops, isPaused } = state;
  const count = stops.length;
  const caption = position.captionIndex === null ? null : stops[position.captionIndex];
  const captionText = caption ? (locale === 'en' && caption.captionEn ? caption.captionEn : caption.captionZh) : '';
  const stopIndex = position.stopIndex ?? 0;
  return (
    <section className="gt-village-tour" aria-label={t('tour.region')} data-testid="village-tour" data-phase={position.phase} data-stop={stopIndex}>
      <p className="gt-village-tour__status">
        {position.phase === 'flight' ? t('tour.flying', { index: stopIndex + 1 }) : t('tour.stopOf', { index: stopIndex + 1, count })}
      </p>
      <p className="gt-village-tour__caption" aria-live="polite" aria-atomic="true" data-testid="village-tour-caption">
        {captionText}
      </p>
      <div className="gt-panel__actions">
        {isPaused ? (
          <button type="button" className="gt-button gt-button--small" onClick={onResume} data-testid="village-tour-resume">
            {t('tour.resume')}
          </button>
        ) : (
          <button type="button" className="gt-button gt-button--small" onClick={onPause} data-testid="village-tour-pause">
            {t('tour.pause')}
          </button>
        )}
        <button type="button" className="gt-button gt-button--small" onClick={onStop} data-testid="village-tour-stop">
          {t('tour.stop')}
        </button>
      </div>
      <p className="gt-form__hint">{t('tour.escapeHint')}</p>
    </section>
  );
}
