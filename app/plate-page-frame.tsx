'use client';
/**
 * The frame of a plate's work pages: the shared page frame (viewer/ui/page-frame.tsx) with the locale switch and the
 * account menu as its controls. Each plate passes its title, tabs and the way back to the twin (review, lifelines,
 * sensors).
 */
import type { Locale } from '@viewer/core/i18n';
import { PageFrame, type PageFrameProps } from '@viewer/ui/page-frame';
import { AccountMenuSlot } from './accounts/account-menu-slot';
import { LocaleControl } from './accounts/locale-control';

/** Props of {@link PlatePageFrame}: the page frame's, without `controls`, and the UI language. */
export type PlatePageFrameProps<Id extends string> = Omit<PageFrameProps<Id>, 'controls'> & { locale: Locale };

/** The frame (see module doc). */
export function PlatePageFrame<Id extends string>({ locale, children, ...frame }: PlatePageFrameProps<Id>) {
  return (
    <PageFrame
      {...frame}
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
