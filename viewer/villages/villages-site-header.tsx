/**
 * Header of the public village site: the museum's name (link to the list), the digital-twin link and the language
 * switch (a plain link with `?lang=`, which proxy.ts stores in the locale cookie: works without JavaScript). A skip
 * link to the page's main content comes first.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';

/** Props of {@link VillagesSiteHeader}. */
export interface VillagesSiteHeaderProps {
  locale: Locale;
  /** The list page. */
  homeHref: string;
  /** This page in the other language (`…?lang=en`). */
  otherLanguageHref: string;
  /** The digital twin. */
  twinHref: string;
}

/** The header (see module doc). */
export function VillagesSiteHeader({ locale, homeHref, otherLanguageHref, twinHref }: VillagesSiteHeaderProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  const other = t('site.switchToLang');
  return (
    <>
      <a className="gt-villages-skip" href="#main">
        {t('site.skip')}
      </a>
      <header className="gt-villages-header">
        <a className="gt-villages-header__brand" href={homeHref}>
          <span className="gt-villages-header__mark" aria-hidden="true">
            村
          </span>
          <span className="gt-villages-header__title">{t('site.title')}</span>
        </a>
        <nav className="gt-villages-header__nav" aria-label={t('site.short')}>
          <a href={twinHref}>{t('site.twin')}</a>
          <a href={otherLanguageHref} lang={other} hrefLang={other} data-testid="villages-language">
            {t('site.switchTo')}
          </a>
        </nav>
      </header>
    </>
  );
}
