/**
 * Engine-free internationalisation: the two UI locales, the cookie that remembers the choice, and a tiny
 * translator over per-area message catalogues (`viewer/<area>/messages.ts`).
 *
 * Notes: next-intl was not used; two locales and flat catalogues need only `translate`, and keeping it here
 * lets viewer/ (which must not import next/*) and app/ share one implementation.
 */

/** A UI locale. Simplified Chinese is the default; English is the switch. */
export type Locale = 'zh-CN' | 'en';

/** Every supported locale, default first. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The locale used when neither `?lang=` nor the cookie names one. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Name of the cookie that stores the chosen locale (value: a {@link Locale}). */
export const LOCALE_COOKIE = 'gantwin-locale';

/** Lifetime of the locale cookie, seconds (one year). */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * The `document.cookie` assignment that remembers `locale` for the whole site (path `/`,
 * {@link LOCALE_COOKIE_MAX_AGE_S}, SameSite=Lax), as `proxy.ts` sets it for `?lang=`.
 * @returns e.g. `gantwin-locale=en; path=/; max-age=31536000; samesite=lax`
 */
export function formatLocaleCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
}

/** Name of the URL query parameter that selects the locale (`?lang=en`). */
export const LOCALE_QUERY_PARAM = 'lang';

/**
 * A message catalogue: for each locale, the same keys mapped to UI text. Text may hold `{name}` placeholders
 * that {@link translate} fills in.
 */
export type MessageCatalogue<K extends string> = { readonly [L in Locale]: { readonly [P in K]: string } };

/** Placeholder values for {@link translate}. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Reads a locale from untrusted text (cookie, query parameter). Accepts the exact tags and the short forms
 * `zh`, `zh-cn`, `zh-Hans`, `en-US`, ….
 *
 * @returns the matching {@link Locale}, or `null` when the text names no supported locale
 */
export function parseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

/**
 * Looks up `key` in `messages` for `locale` and fills `{name}` placeholders from `params`.
 *
 * @returns the text; an unknown placeholder is left as written (`{name}`) so a missing value is visible
 * @example translate(TWIN_MESSAGES, 'en', 'model.elements', { count: 83 }) // "83 elements"
 */
export function translate<K extends string>(
  messages: MessageCatalogue<K>,
  locale: Locale,
  key: K,
  params?: MessageParams,
): string {
  const text = messages[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** A translator bound to one catalogue and locale: `t('key', params?)`. */
export type Translator<K extends string> = (key: K, params?: MessageParams) => string;

/**
 * Binds {@link translate} to one catalogue and locale, for components that render many strings.
 *
 * @returns a function `(key, params?) → text`
 */
export function createTranslator<K extends string>(messages: MessageCatalogue<K>, locale: Locale): Translator<K> {
  return (key, params) => translate(messages, locale, key, params);
}

/**
 * Formats a number for the UI in the given locale (thousands separators; at most `maxFractionDigits` decimals).
 *
 * @returns e.g. `12,345.6`
 */
export function formatNumber(value: number, locale: Locale, maxFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}
