/**
 * The frame of the admin pages: the shared page frame (viewer/ui/page-frame.tsx) with the 账号管理 / 审计日志 / 资源目录
 * navigation.
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { PageFrame } from '@viewer/ui/page-frame';
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
    <PageFrame
      productName={t('auth.productName')}
      navLabel={t('admin.nav.label')}
      sections={sections}
      active={active}
      twinHref={hrefs.twin}
      backLabel={t('admin.nav.twin')}
      controls={controls}
    >
      {children}
    </PageFrame>
  );
}
