/**
 * The twin's top bar: product name, region breadcrumb, quick navigation (全省 / 南昌) and a slot for the locale
 * switch.
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { SHELL_MESSAGES } from './shell-messages';

/** Quick-navigation targets of the header. */
export type QuickPlace = 'jiangxi' | 'nanchang' | 'honggutan';

/** Props of {@link TwinHeader}. */
export interface TwinHeaderProps {
  locale: Locale;
  /** Breadcrumb from the province down (e.g. 江西省 › 南昌市 › model name). */
  breadcrumb: readonly string[];
  onQuickNav: (place: QuickPlace) => void;
  /** The locale switch (or other controls) at the right end. */
  controls?: ReactNode;
  /** The search box, after the quick navigation. */
  search?: ReactNode;
}

/** The header (see module doc). */
export function TwinHeader({ locale, breadcrumb, onQuickNav, controls, search }: TwinHeaderProps) {
  const t = createTranslator(SHELL_MESSAGES, locale);
  return (
    <header className="gt-header">
      <div className="gt-header__brand">
        <span className="gt-header__logo" aria-hidden="true">赣</span>
        <h1 className="gt-header__title">
          <span className="gt-header__product">{t('app.productName')}</span>
          <span className="gt-header__separator" aria-hidden="true"> · </span>
          <span className="gt-header__subtitle">{t('app.productSubtitle')}</span>
        </h1>
      </div>
      <div className="gt-header__nav" role="group" aria-label={t('nav.label')}>
        <button type="button" className="gt-button" onClick={() => onQuickNav('jiangxi')}>
          {t('nav.jiangxi')}
        </button>
        <button type="button" className="gt-button gt-button--primary" onClick={() => onQuickNav('nanchang')} data-testid="nav-nanchang">
          {t('nav.nanchang')}
        </button>
        <button type="button" className="gt-button" onClick={() => onQuickNav('honggutan')} data-testid="nav-honggutan">
          {t('nav.honggutan')}
        </button>
      </div>
      {search}
      <nav className="gt-breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol>
          {breadcrumb.map((item, index) => (
            <li key={`${index}-${item}`} aria-current={index === breadcrumb.length - 1 ? 'location' : undefined}>
              {item}
            </li>
          ))}
        </ol>
      </nav>
      <div className="gt-header__controls">{controls}</div>
    </header>
  );
}
