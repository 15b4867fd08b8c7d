/**
 * The selection panel for a selection that names nothing the twin has (a shared or old link whose layer or
 * feature is gone, or that the account may not see): says what is missing and offers to clear the selection.
 * Every text is rendered as a text node (React escapes it), never as HTML.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { SHELL_MESSAGES } from './shell-messages';

/** Props of {@link SelectionMissingPanel}. */
export interface SelectionMissingPanelProps {
  /** The panel's title (the layer's title when it exists). */
  title: string;
  /** What is missing, one sentence (already in the UI locale). */
  message: string;
  locale: Locale;
  onClear: () => void;
}

/** The panel (see module doc). */
export function SelectionMissingPanel({ title, message, locale, onClear }: SelectionMissingPanelProps) {
  const t = createTranslator(SHELL_MESSAGES, locale);
  return (
    <section className="gt-panel" aria-label={title} data-testid="selection-missing">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{title}</h2>
        <button type="button" className="gt-icon-button" onClick={onClear} aria-label={t('selection.clear')} title={t('selection.clear')}>
          ×
        </button>
      </header>
      <div className="gt-panel__body">
        <p className="gt-panel__message gt-panel__message--error" role="alert">
          {message}
        </p>
        <div className="gt-panel__actions">
          <button type="button" className="gt-button gt-button--small" onClick={onClear} data-testid="selection-clear">
            {t('selection.clear')}
          </button>
        </div>
      </div>
    </section>
  );
}
