/**
 * `/admin/accounts` — account administration (admins only). A server component: sends anonymous visitors to
 * sign-in, pending one-time passwords to the password page, and shows non-admins the 403 notice; the table and
 * forms are the client part.
 */
import type { Metadata } from 'next';
import { getServerCaller } from '@server/api/server-caller';
import { ForbiddenNotice } from '@viewer/accounts/forbidden-notice';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { translate } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { AdminPageFrame } from '../../accounts/admin-page-frame';
import { pageGate } from '../../page-gate';
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
export default async function AccountsAdminPage() {
  const [locale, access] = await Promise.all([getRequestLocale(), pageGate(ACCOUNT_PATHS.adminAccounts, ['admin'])]);
  if (!access.allowed) {
    return (
      <AdminPageFrame locale={locale} active={null}>
        <ForbiddenNotice locale={locale} role={access.actor.role} />
      </AdminPageFrame>
    );
  }
  const me = await (await getServerCaller()).accounts.me();
  return (
    <AdminPageFrame locale={locale} active="accounts">
      <AccountsAdminApp
        locale={locale}
        currentUserId={access.actor.userId}
        scopeRegionCode={access.actor.regionCode}
        scopeRegionName={me?.regionName || access.actor.regionCode}
      />
    </AdminPageFrame>
  );
}
