/**
 * Formats IFC property values (IfcPropertySingleValue nominal values as stored: text, number, boolean or
 * null) as plain display text. The result is rendered as a React text node, never as HTML.
 */
import { formatNumber, translate, type Locale } from '@viewer/core/i18n';
import { UI_MESSAGES } from './messages';

/** A property value as the API returns it. */
export type PropertyValue = string | number | boolean | null;

/** Most decimals shown for numbers (IFC lengths in m carry mm as the 3rd decimal; 4 keeps 0.1 mm). */
export const PROPERTY_MAX_FRACTION_DIGITS = 4;

/**
 * Turns a property value into display text: booleans as 是/否 (Yes/No), `null` as an em dash, numbers with
 * locale grouping and at most {@link PROPERTY_MAX_FRACTION_DIGITS} decimals, text unchanged.
 *
 * @returns plain text (may contain `<`, `&`, …: render it as text)
 */
export function formatPropertyValue(value: PropertyValue, locale: Locale): string {
  if (value === null) return translate(UI_MESSAGES, locale, 'property.null');
  if (typeof value === 'boolean') return translate(UI_MESSAGES, locale, value ? 'property.true' : 'property.false');
  if (typeof value === 'number') {
    return Number.isFinite(value) ? formatNumber(value, locale, PROPERTY_MAX_FRACTION_DIGITS) : String(value);
  }
  return value;
}

/**
 * Sorts property-set names for display: `Pset_*` (buildingSMART standard sets) first, then `Qto_*`, then the
 * rest, each alphabetically.
 *
 * @returns a new sorted array
 */
export function sortPropertySetNames(names: readonly string[]): string[] {
  const rank = (name: string) => (name.startsWith('Pset_') ? 0 : name.startsWith('Qto_') ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
