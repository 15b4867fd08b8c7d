'use client';
/** The frame of the curators' pages: the plate page frame (../../plate-page-frame.tsx) with the curate tabs. */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from '@viewer/villages/curate/curate-messages';
import { PlatePageFrame } from '../../plate-page-frame';
import { CURATE_PATHS } from './curate-paths';

/** A curators' page. */
export type CurateSection = 'villages';

/** The frame (see module doc). */
export function CuratePageFrame({ locale, active, children }: { locale: Locale; active: CurateSection | null; children: ReactNode }) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  return (
    <PlatePageFrame
      locale={locale}
      productName={t('nav.label')}
      navLabel={t('nav.label')}
      sections={[{ id: 'villages', label: t('nav.villages'), href: CURATE_PATHS.list }]}
      active={active}
      twinHref={CURATE_PATHS.twin}
      backLabel={t('nav.twin')}
    >
      {children}
    </PlatePageFrame>
  );
}
