/**
 * `/admin/accounts` — account administration (admins only). A server component: sends anonymous visitors to
 * sign-in, pending one-time passwords to the password page, and shows non-admins the 403 notice; the table and
 * forms are the client part.
 */
import type { Metadata } from 'next';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { translate } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { GatedAdminPage } from '../../accounts/gated-admin-page';
import { getRequestLocale } from '../../locale';
import { AccountsAdminApp } from './accounts-admin-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(ACCOUNTS_MESSAGES, locale, 'accounts.pageTitle')} · GanTwin` };
}

/** The accounts page. */
export default function AccountsAdminPage() {
  return (
    <GatedAdminPage
      path={ACCOUNT_PATHS.adminAccounts}
      active="accounts"
      render={({ locale, actor, scopeRegionName }) => (
        <AccountsAdminApp locale={locale} currentUserId={actor.userId} scopeRegionCode={actor.regionCode} scopeRegionName={scopeRegionName} />
      )}
    />
  );
}
