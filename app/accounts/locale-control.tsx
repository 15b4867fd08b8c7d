'use client';
/**
 * The locale switch for pages without a globe: stores the choice in the locale cookie and re-renders the
 * server components (a `?lang=` in the URL is dropped first, or proxy.ts would restore the old locale).
 */
import { useRouter } from 'next/navigation';
import { formatLocaleCookie, LOCALE_QUERY_PARAM, type Locale } from '@viewer/core/i18n';
import { LocaleSwitch } from '@viewer/ui/locale-switch';

/** The wired locale switch (see module doc). */
export function LocaleControl({ locale }: { locale: Locale }) {
  const router = useRouter();
  const onChange = (next: Locale) => {
    document.cookie = formatLocaleCookie(next);
    const url = new URL(window.location.href);
    if (url.searchParams.has(LOCALE_QUERY_PARAM)) {
      url.searchParams.delete(LOCALE_QUERY_PARAM);
      window.location.replace(url.toString());
      return;
    }
    router.refresh();
  };
  return <LocaleSwitch locale={locale} onChange={onChange} />;
}
