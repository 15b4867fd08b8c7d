/**
 * Panel widget for the section plane: an on/off switch and a height slider (metres along ENU up from the
 * model anchor, 0.05 m steps). Stateless: the caller owns {@link SectionPlaneState}.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { SECTION_MESSAGES } from './messages';
import type { SectionHeightRange, SectionPlaneState } from './section-plane-plugin';

/** Slider step, metres. */
export const SECTION_STEP_M = 0.05;

/** Props of {@link SectionControls}. */
export interface SectionControlsProps {
  state: SectionPlaneState;
  /** Model height range, metres; null disables the slider (model not loaded yet). */
  rangeM: SectionHeightRange | null;
  locale: Locale;
  onChange: (state: SectionPlaneState) => void;
}

/** The section-plane controls (see module doc). */
export function SectionControls({ state, rangeM, locale, onChange }: SectionControlsProps) {
  const t = createTranslator(SECTION_MESSAGES, locale);
  return (
    <section className="gt-panel" aria-label={t('section.title')} data-testid="section-controls">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('section.title')}</h2>
      </header>
      <div className="gt-panel__body">
        <label className="gt-layer__label">
          <input
            type="checkbox"
            checked={state.isEnabled}
            disabled={rangeM === null}
            data-testid="section-toggle"
            onChange={(event) => onChange({ ...state, isEnabled: event.target.checked })}
          />
          <span>{t('section.enable')}</span>
        </label>
        <label className="gt-layer__label" style={{ marginTop: 8, display: 'grid', gap: 4 }}>
          <span>
            {t('section.height')}: {t('section.heightValue', { height: formatNumber(state.heightM, locale, 2) })}
          </span>
          <input
            type="range"
            min={rangeM?.minM ?? 0}
            max={rangeM?.maxM ?? 1}
            step={SECTION_STEP_M}
            value={state.heightM}
            disabled={rangeM === null || !state.isEnabled}
            data-testid="section-height"
            onChange={(event) => onChange({ ...state, heightM: Number(event.target.value) })}
          />
        </label>
      </div>
    </section>
  );
}
