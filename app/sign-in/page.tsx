/**
 * `/sign-in` — e-mail and password sign-in. A server component: resolves the locale and the safe `?next=`
 * target; someone already signed in goes straight on (or to the password page while a one-time password is
 * pending).
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getServerActor } from '@server/api/server-caller';
import { ACCOUNTS_MESSAGES } from '@viewer/accounts/messages';
import { NEXT_QUERY_PARAM, safeNextPath } from '@viewer/accounts/safe-next-path';
import { translate } from '@viewer/core/i18n';
import { ACCOUNT_PATHS } from '../accounts/account-paths';
import { getRequestLocale } from '../locale';
import { SignInApp } from './sign-in-app';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(ACCOUNTS_MESSAGES, locale, 'signIn.pageTitle')} · GanTwin` };
}

/** The sign-in page. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [locale, params, actor] = await Promise.all([getRequestLocale(), searchParams, getServerActor()]);
  const next = safeNextPath(params[NEXT_QUERY_PARAM]);
  if (actor?.mustChangePassword) redirect(`${ACCOUNT_PATHS.changePassword}?${new URLSearchParams({ [NEXT_QUERY_PARAM]: next })}`);
  if (actor) redirect(next);
  return <SignInApp locale={locale} next={next} />;
}
