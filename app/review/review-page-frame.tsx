'use client';
/** The frame of the review pages: the plate page frame (../plate-page-frame.tsx) with the 报建 / 地块 tabs. */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { PlatePageFrame } from '../plate-page-frame';
import { REVIEW_PATHS } from './review-paths';

/** A review page. */
export type ReviewSection = 'submissions' | 'parcels';

/** The frame (see module doc). */
export function ReviewPageFrame({ locale, active, children }: { locale: Locale; active: ReviewSection | null; children: ReactNode }) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  return (
    <PlatePageFrame
      locale={locale}
      productName={t('plate.title')}
      navLabel={t('nav.label')}
      sections={[
        { id: 'submissions', label: t('nav.submissions'), href: REVIEW_PATHS.submissions },
        { id: 'parcels', label: t('nav.parcels'), href: REVIEW_PATHS.parcels },
      ]}
      active={active}
      twinHref={REVIEW_PATHS.twin}
      backLabel={t('nav.twin')}
    >
      {children}
    </PlatePageFrame>
  );
}
