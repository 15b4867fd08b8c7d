/**
 * Reading numbers the curators type: `''` → null where a field may be empty, otherwise a finite number inside
 * `min..max` or undefined (the form then names the field and range).
 */

/**
 * The number in `text` if it is finite and inside `min..max`; `null` for blank text when `allowBlank`.
 * @returns the number, null (blank allowed), or undefined (invalid)
 */
export function readNumber(text: string, min: number, max: number, allowBlank = false): number | null | undefined {
  if (text.trim() === '') return allowBlank ? null : undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

/** A number as the text of its input ('' for null). */
export function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}
