/** The admin pages' answer to a signed-in account without the admin role (HTTP 403 in words). */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { AccountRole } from './account-role';
import { ACCOUNTS_MESSAGES } from './messages';

/** Props of {@link ForbiddenNotice}. */
export interface ForbiddenNoticeProps {
  locale: Locale;
  role: AccountRole;
}

/** The notice (see module doc). */
export function ForbiddenNotice({ locale, role }: ForbiddenNoticeProps) {
  const t = createTranslator(ACCOUNTS_MESSAGES, locale);
  return (
    <section className="gt-admin__notice" role="alert" data-testid="forbidden">
      <h1 className="gt-admin__title">{t('admin.forbidden.title')}</h1>
      <p>{t('admin.forbidden.body', { role: t(`role.${role}`) })}</p>
    </section>
  );
}
