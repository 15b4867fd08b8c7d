/**
 * The frame of the admin pages: a header (brand, 账号管理 / 审计日志 / 资源目录 navigation, back to the twin, a controls
 * slot for the locale switch and account menu) over a scrolling page body.
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ACCOUNTS_MESSAGES } from './messages';

/** An admin page. */
export type AdminSection = 'accounts' | 'audit' | 'catalogue';

/** Props of {@link AdminFrame}. */
export interface AdminFrameProps {
  locale: Locale;
  /** The page shown, highlighted in the navigation; null hides the navigation (the 403 notice). */
  active: AdminSection | null;
  hrefs: { accounts: string; audit: string; catalogue: string; twin: string };
  controls?: ReactNode;
  children: ReactNode;
}

/** The admin frame (see module doc). */
export function AdminFrame({ locale, active, hrefs, controls, children }: AdminFrameProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  const sections: { id: AdminSection; label: string; href: string }[] = [
    { id: 'accounts', label: t('admin.nav.accounts'), href: hrefs.accounts },
    { id: 'audit', label: t('admin.nav.audit'), href: hrefs.audit },
    { id: 'catalogue', label: t('admin.nav.catalogue'), href: hrefs.catalogue },
  ];
  return (
    <div className="gt-admin">
      <header className="gt-admin__header">
        <a className="gt-admin__brand" href={hrefs.twin}>
          <span className="gt-header__logo" aria-hidden="true">赣</span>
          <span className="gt-admin__product">{t('auth.productName')}</span>
        </a>
        {active ? (
          <nav className="gt-admin__nav" aria-label={t('admin.nav.label')}>
            {sections.map((section) => (
              <a key={section.id} className="gt-admin__tab" href={section.href} aria-current={section.id === active ? 'page' : undefined}>
                {section.label}
              </a>
            ))}
          </nav>
        ) : null}
        <div className="gt-header__controls">
          <a className="gt-link gt-admin__back" href={hrefs.twin}>← {t('admin.nav.twin')}</a>
          {controls}
        </div>
      </header>
      <main className="gt-admin__main">{children}</main>
    </div>
  );
}
