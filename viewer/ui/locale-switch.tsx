/**
 * Two-button language switch (中文 / EN). The app decides how the choice is stored (cookie) and applied.
 */
import { createTranslator, LOCALES, type Locale } from '@viewer/core/i18n';
import { UI_MESSAGES } from './messages';

/** Props of {@link LocaleSwitch}. */
export interface LocaleSwitchProps {
  locale: Locale;
  onChange: (locale: Locale) => void;
}

/** The locale switch (see module doc). */
export function LocaleSwitch({ locale, onChange }: LocaleSwitchProps) {
  const t = createTranslator(UI_MESSAGES, locale);
  return (
    <div className="gt-segmented" role="group" aria-label={t('locale.label')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="gt-segmented__option"
          aria-pressed={option === locale}
          onClick={() => option !== locale && onChange(option)}
        >
          {t(`locale.${option}`)}
        </button>
      ))}
    </div>
  );
}
