'use client';
/** The admin frame wired for the pages: navigation links, the locale switch and the account menu. */
import type { ReactNode } from 'react';
import { AdminFrame, type AdminSection } from '@viewer/accounts/admin-frame';
import type { Locale } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from './account-paths';
import { AccountMenuSlot } from './account-menu-slot';
import { LocaleControl } from './locale-control';

/** Props of {@link AdminPageFrame}. */
export interface AdminPageFrameProps {
  locale: Locale;
  active: AdminSection | null;
  children: ReactNode;
}

/** The frame (see module doc). */
export function AdminPageFrame({ locale, active, children }: AdminPageFrameProps) {
  return (
    <AdminFrame
      locale={locale}
      active={active}
      hrefs={{ accounts: ACCOUNT_PATHS.adminAccounts, audit: ACCOUNT_PATHS.adminAudit, catalogue: ACCOUNT_PATHS.adminCatalogue, twin: ACCOUNT_PATHS.twin }}
      controls={
        <>
          <LocaleControl locale={locale} />
          <AccountMenuSlot locale={locale} />
        </>
      }
    >
      {children}
    </AdminFrame>
  );
}
