'use client';
/**
 * Switches the UI language and keeps the page's URL state (`cam`, `sel`, …).
 *
 * Notes: `router.refresh()` was used before and dropped `cam`/`sel`: the pages write them with
 * `history.replaceState` (use-twin-url.ts), which the App Router does not know, and a refresh re-renders — and
 * rewrites the address bar to — the URL the router last navigated to (`/`). A `router.replace` to the address as
 * it is now makes the router hold the current URL, and a refresh after it re-renders the server components
 * (layout `<html lang>`, page) with the new cookie. `?lang=` is dropped from it: proxy.ts would otherwise copy the
 * old language back into the cookie.
 */
import { formatShareableUrl } from '@viewer/core/camera-url';
import { formatLocaleCookie, LOCALE_QUERY_PARAM, type Locale } from '@viewer/core/i18n';

/** The part of Next.js's App Router this needs (`useRouter()` satisfies it). */
export interface ReplacingRouter {
  replace: (href: string, options?: { scroll?: boolean }) => void;
  refresh: () => void;
}

/**
 * Stores `next` in the locale cookie and re-renders the page at its current URL without `?lang=`.
 *
 * @param router - the App Router (`useRouter()`)
 */
export function switchLocale(router: ReplacingRouter, next: Locale): void {
  document.cookie = formatLocaleCookie(next);
  const params = new URLSearchParams(window.location.search);
  params.delete(LOCALE_QUERY_PARAM);
  router.replace(formatShareableUrl(window.location.pathname, params), { scroll: false });
  // A navigation keeps shared layouts as they are: the refresh (queued after it, on the new URL) re-renders the
  // root layout's `<html lang>` too.
  router.refresh();
}
