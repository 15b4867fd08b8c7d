/**
 * `/admin/audit` — the audit trail (admins only): filtered, paged, newest first. A server component with the
 * same gate as `/admin/accounts`; the filter and table are the client part.
 */
import type { Metadata } from 'next';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { translate } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { GatedAdminPage } from '../../accounts/gated-admin-page';
import { getRequestLocale } from '../../locale';
import { AuditApp } from './audit-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(ACCOUNTS_MESSAGES, locale, 'audit.pageTitle')} · GanTwin` };
}

/** The audit page. */
export default function AuditPage() {
  return <GatedAdminPage path={ACCOUNT_PATHS.adminAudit} active="audit" render={({ locale }) => <AuditApp locale={locale} />} />;
}
