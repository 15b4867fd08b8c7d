'use client';
/** The frame of the lifelines pages: the shared page frame with the plate's tabs, the locale switch and the account menu. */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { IMPORT_MESSAGES } from '@viewer/lifelines/import-messages';
import { PageFrame } from '@viewer/ui/page-frame';
import { AccountMenuSlot } from '../accounts/account-menu-slot';
import { LocaleControl } from '../accounts/locale-control';
import { LIFELINES_PATHS } from './lifelines-paths';

/** A lifelines page. */
export type LifelinesSection = 'import';

/** The frame (see module doc). */
export function LifelinesPageFrame({ locale, active, children }: { locale: Locale; active: LifelinesSection | null; children: ReactNode }) {
  const t = createTranslator(IMPORT_MESSAGES, locale);
  return (
    <PageFrame
      productName={t('nav.label')}
      navLabel={t('nav.label')}
      sections={[{ id: 'import', label: t('nav.import'), href: LIFELINES_PATHS.import }]}
      active={active}
      twinHref={LIFELINES_PATHS.twin}
      backLabel={t('nav.twin')}
      controls={
        <>
          <LocaleControl locale={locale} />
          <AccountMenuSlot locale={locale} />
        </>
      }
    >
      {children}
    </PageFrame>
  );
}
