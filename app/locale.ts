/**
 * Server-side locale resolution for the app router: the locale cookie (set by the locale switch or by
 * `proxy.ts` from `?lang=`), else `NEXT_PUBLIC_DEFAULT_LOCALE`.
 */
import 'server-only';
import { cookies } from 'next/headers';
import { env } from '@server/env';
import { LOCALE_COOKIE, parseLocale, type Locale } from '@viewer/core/i18n';

/** The request's UI locale. */
export async function getRequestLocale(): Promise<Locale> {
  const cookieStore = await cookies();
  return parseLocale(cookieStore.get(LOCALE_COOKIE)?.value) ?? env.NEXT_PUBLIC_DEFAULT_LOCALE;
}
