/**
 * Element selection in the twin: which IFC element (by GlobalId) in which tileset is hovered or selected.
 *
 * @see https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/schema/ifcutilityresource/lexical/ifcgloballyuniqueid.htm
 */

/** One element of one tileset; `globalId` is the IFC GlobalId (22 characters, IFC base64 alphabet). */
export interface ElementSelection {
  /** Layer id of the tileset the element was picked in (e.g. `model-<uuid>`). */
  tilesetId: string;
  /** IFC GlobalId of the element. */
  globalId: string;
}

/**
 * IFC GlobalId: 22 characters of the IFC base64 alphabet `0-9 A-Z a-z _ $`; the first is 0–3 (it holds the top
 * 2 of the 128 bits). The same pattern as the server's `twin.elements.byGlobalId` input (server/twin/inputs.ts),
 * so an id accepted here is never refused there.
 */
export const GLOBAL_ID_PATTERN = /^[0-3][0-9A-Za-z_$]{21}$/;

/** Whether `value` is a syntactically valid IFC GlobalId (see {@link GLOBAL_ID_PATTERN}). */
export function isGlobalId(value: string): boolean {
  return GLOBAL_ID_PATTERN.test(value);
}

/** Whether two selections (either may be `null`) name the same element of the same tileset. */
export function isSameSelection(a: ElementSelection | null, b: ElementSelection | null): boolean {
  if (a === null || b === null) return a === b;
  return a.tilesetId === b.tilesetId && a.globalId === b.globalId;
}
