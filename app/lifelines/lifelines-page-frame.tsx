'use client';
/** The frame of the lifelines pages: the plate page frame (../plate-page-frame.tsx) with the plate's tabs. */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { IMPORT_MESSAGES } from '@viewer/lifelines/import-messages';
import { PlatePageFrame } from '../plate-page-frame';
import { LIFELINES_PATHS } from './lifelines-paths';

/** A lifelines page. */
export type LifelinesSection = 'import';

/** The frame (see module doc). */
export function LifelinesPageFrame({ locale, active, children }: { locale: Locale; active: LifelinesSection | null; children: ReactNode }) {
  const t = createTranslator(IMPORT_MESSAGES, locale);
  return (
    <PlatePageFrame
      locale={locale}
      productName={t('nav.label')}
      navLabel={t('nav.label')}
      sections={[{ id: 'import', label: t('nav.import'), href: LIFELINES_PATHS.import }]}
      active={active}
      twinHref={LIFELINES_PATHS.twin}
      backLabel={t('nav.twin')}
    >
      {children}
    </PlatePageFrame>
  );
}
