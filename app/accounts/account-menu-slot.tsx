'use client';
/**
 * The account menu as the pages mount it: asks `accounts.me` who is signed in, signs out through
 * `/api/auth/sign-out` and then reloads the page (server components render again as anonymous).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AccountMenu } from '@viewer/accounts/account-menu';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { signInHref } from '@viewer/accounts/safe-next-path';
import { translate, type Locale } from '@viewer/core/i18n';
import { useTRPC } from '../providers';
import { plateLinksFor } from '../plate-pages';
import { ACCOUNT_PATHS } from './account-paths';
import { signOut } from './auth-requests';

/** Props of {@link AccountMenuSlot}. */
export interface AccountMenuSlotProps {
  locale: Locale;
}

/** The account menu wired to the server (see module doc). */
export function AccountMenuSlot({ locale }: AccountMenuSlotProps) {
  const trpc = useTRPC();
  const meQuery = useQuery(trpc.accounts.me.queryOptions(undefined, { staleTime: 0 }));
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSignOut = async () => {
    setIsSigningOut(true);
    setError(null);
    const result = await signOut();
    if (result.ok) {
      window.location.reload();
      return;
    }
    setIsSigningOut(false);
    setError(translate(ACCOUNTS_MESSAGES, locale, 'menu.signOutFailed'));
  };
  const here = typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search}`;
  return (
    <AccountMenu
      locale={locale}
      account={meQuery.data ?? null}
      loading={meQuery.isPending}
      hrefs={{ ...ACCOUNT_PATHS, signIn: signInHref(here) }}
      onSignOut={onSignOut}
      isSigningOut={isSigningOut}
      error={error}
      plateLinks={meQuery.data ? plateLinksFor(meQuery.data.role, locale) : []}
    />
  );
}
