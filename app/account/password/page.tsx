/**
 * `/account/password` — change the password (required while a one-time password is pending). A server
 * component: anonymous visitors go to sign-in and come back here.
 */
import type { Metadata } from 'next';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { NEXT_QUERY_PARAM, safeNextPath } from '@viewer/accounts/safe-next-path';
import { translate } from '@viewer/core/i18n';
import { requireSignedIn } from '../../page-gate';
import { ACCOUNT_PATHS } from '../../accounts/account-paths';
import { getRequestLocale } from '../../locale';
import { PasswordApp } from './password-app';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(ACCOUNTS_MESSAGES, locale, 'password.pageTitle')} · GanTwin` };
}

/** The password page. */
export default async function PasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [locale, params] = await Promise.all([getRequestLocale(), searchParams]);
  const next = safeNextPath(params[NEXT_QUERY_PARAM]);
  const here = next === '/' ? ACCOUNT_PATHS.changePassword : `${ACCOUNT_PATHS.changePassword}?${new URLSearchParams({ [NEXT_QUERY_PARAM]: next })}`;
  const actor = await requireSignedIn(here);
  return <PasswordApp locale={locale} next={next === ACCOUNT_PATHS.changePassword ? '/' : next} mustChange={actor.mustChangePassword} />;
}
