/**
 * `/admin/catalogue` — the resource catalogue (资源目录), admins only (province or city scope). A server component:
 * sends anonymous visitors to sign-in, pending one-time passwords to the password page, and shows non-admins the 403
 * notice; the form and table are the client part.
 */
import type { Metadata } from 'next';
import { getServerCaller } from '@server/api/server-caller';
import { ForbiddenNotice } from '@viewer/accounts/forbidden-notice';
import { translate } from '@viewer/core/i18n';
import { CATALOGUE_MESSAGES } from '@viewer/twin/catalogue-messages';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { AdminPageFrame } from '../../accounts/admin-page-frame';
import { getRequestLocale } from '../../locale';
import { pageGate } from '../../page-gate';
import { CatalogueAdminApp } from './catalogue-admin-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(CATALOGUE_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The catalogue page. */
export default async function CatalogueAdminPage() {
  const [locale, access] = await Promise.all([getRequestLocale(), pageGate(ACCOUNT_PATHS.adminCatalogue, ['admin'])]);
  if (!access.allowed) {
    return (
      <AdminPageFrame locale={locale} active={null}>
        <ForbiddenNotice locale={locale} role={access.actor.role} />
      </AdminPageFrame>
    );
  }
  const me = await (await getServerCaller()).accounts.me();
  return (
    <AdminPageFrame locale={locale} active="catalogue">
      <CatalogueAdminApp locale={locale} scopeRegionCode={access.actor.regionCode} scopeRegionName={me?.regionName || access.actor.regionCode} />
    </AdminPageFrame>
  );
}
