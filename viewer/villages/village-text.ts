/**
 * Pure text helpers of the public village pages: a Chinese/English field pair in the reader's locale, the label of a
 * national batch, a theme, a building type or a protection level.
 */
import { BUILDING_TYPES, PROTECTION_LEVEL_LABELS } from '@data/villages/building-types';
import { POI_KINDS } from '@data/villages/poi-kinds';
import { VILLAGE_THEMES } from '@data/villages/themes';
import { translate, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES, type VillagePagesMessageKey } from './pages-messages';

/** A text and the language it is written in (`lang` attribute when it differs from the page's). */
export interface LocalText {
  text: string;
  lang: Locale;
}

/**
 * The English text for an English reader when there is one, else the Chinese (required) text.
 * @param zh the Chinese text (always present)
 * @param en the English text, null/empty = not translated
 */
export function localText(locale: Locale, zh: string, en: string | null | undefined): LocalText {
  return locale === 'en' && en ? { text: en, lang: 'en' } : { text: zh, lang: 'zh-CN' };
}

/** The `lang` attribute a text needs inside a page of `locale` (undefined when it is the page's language). */
export function langAttribute(locale: Locale, text: LocalText): Locale | undefined {
  return text.lang === locale ? undefined : text.lang;
}

/**
 * Label of a national batch of 中国传统村落.
 * @param batch 1..6
 * @param long `第一批中国传统村落` instead of `第一批`
 */
export function batchLabel(locale: Locale, batch: number, long = false): string {
  const ordinal = batch >= 1 && batch <= 6 ? translate(VILLAGE_PAGES_MESSAGES, locale, `batch.ordinal.${batch}` as VillagePagesMessageKey) : String(batch);
  return translate(VILLAGE_PAGES_MESSAGES, locale, long ? 'batch.long' : 'batch.label', { ordinal });
}

function labelOf(table: Readonly<Record<string, { zh: string; en: string }>>, slug: string, locale: Locale): string {
  const entry = Object.hasOwn(table, slug) ? table[slug] : undefined;
  if (!entry) return slug;
  return locale === 'en' ? entry.en : entry.zh;
}

/** Label of a theme slug (data/villages/themes.ts); an unknown slug is shown as is. */
export function themeLabel(locale: Locale, theme: string): string {
  return labelOf(VILLAGE_THEMES, theme, locale);
}

/** Label of a building type slug (data/villages/building-types.ts). */
export function buildingTypeLabel(locale: Locale, buildingType: string): string {
  return labelOf(BUILDING_TYPES, buildingType, locale);
}

/** Label of a protection level (data/villages/building-types.ts PROTECTION_LEVEL_LABELS). */
export function protectionLevelLabel(locale: Locale, level: string): string {
  return labelOf(PROTECTION_LEVEL_LABELS, level, locale);
}

/** Label of a point-of-interest kind (data/villages/poi-kinds.ts). */
export function poiKindLabel(locale: Locale, kind: string): string {
  return labelOf(POI_KINDS, kind, locale);
}
