/**
 * `/admin/catalogue` — the resource catalogue (资源目录), admins only (province or city scope). A server component:
 * sends anonymous visitors to sign-in, pending one-time passwords to the password page, and shows non-admins the 403
 * notice; the form and table are the client part.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { CATALOGUE_MESSAGES } from '@viewer/twin/catalogue-messages';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { GatedAdminPage } from '../../accounts/gated-admin-page';
import { getRequestLocale } from '../../locale';
import { CatalogueAdminApp } from './catalogue-admin-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(CATALOGUE_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The catalogue page. */
export default function CatalogueAdminPage() {
  return (
    <GatedAdminPage
      path={ACCOUNT_PATHS.adminCatalogue}
      active="catalogue"
      render={({ locale, actor, scopeRegionName }) => <CatalogueAdminApp locale={locale} scopeRegionCode={actor.regionCode} scopeRegionName={scopeRegionName} />}
    />
  );
}
