/**
 * Selection in the twin: which feature of which layer of which plate is hovered or selected
 * ({@link FeatureSelection}, kept in the URL as `sel=<plate>:<layerId>:<featureId>`), and the IFC element form
 * used inside model tilesets ({@link ElementSelection}).
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

/** One picked feature: the plate that owns its layer, the layer, and the feature's id inside the layer. */
export interface FeatureSelection {
  /** Plate slug (`twin`, `lifelines`, …). */
  plate: string;
  /** Catalogue layer id; '' when a link named only the feature (old `sel=<GlobalId>` links). */
  layerId: string;
  /** Feature id inside the layer: an IFC GlobalId for model tilesets, a GeoJSON feature `id` otherwise. */
  featureId: string;
}

/** Whether two selections (either may be `null`) name the same feature of the same layer. */
export function isSameFeature(a: FeatureSelection | null, b: FeatureSelection | null): boolean {
  if (a === null || b === null) return a === b;
  return a.plate === b.plate && a.layerId === b.layerId && a.featureId === b.featureId;
}

/** Longest feature id kept in a URL, characters. */
export const FEATURE_ID_MAX_CHARS = 128;

/** Longest layer id kept in a URL, characters (the catalogue's limit). */
export const LAYER_ID_MAX_CHARS = 64;

const SELECTION_PARAM_PATTERN = /^([a-z]{1,20}):([a-z0-9]+(?:-[a-z0-9]+)*|):(.+)$/s;
/**
 * Characters a feature id may not hold: C0/C1 controls, DEL, line/paragraph separators and bidirectional overrides
 * (they could make a displayed id look like another).
 */
const UNSAFE_FEATURE_ID_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A UTF-16 surrogate without its partner (not text; `String.prototype.isWellFormed` is ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a feature id can be kept in a URL and shown (length, safe characters, no lone surrogates). */
export function isSafeFeatureId(featureId: string): boolean {
  return (
    featureId.length >= 1 &&
    featureId.length <= FEATURE_ID_MAX_CHARS &&
    !UNSAFE_FEATURE_ID_CHARS.test(featureId) &&
    !LONE_SURROGATE.test(featureId)
  );
}

/**
 * Reads a `sel` URL value: `<plate>:<layerId>:<featureId>` (plate: 1–20 lower-case letters; layer id: catalogue id
 * of at most {@link LAYER_ID_MAX_CHARS} characters, or empty; feature id: {@link isSafeFeatureId}, may contain `:`). A bare
 * IFC GlobalId (links made before plates) reads as `{ plate: 'twin', layerId: '', featureId: <GlobalId> }`.
 * @returns the selection, or `null` for anything else
 */
export function parseSelectionParam(value: string | null): FeatureSelection | null {
  if (!value) return null;
  if (isGlobalId(value)) return { plate: 'twin', layerId: '', featureId: value };
  const match = SELECTION_PARAM_PATTERN.exec(value);
  if (!match || match[2].length > LAYER_ID_MAX_CHARS || !isSafeFeatureId(match[3])) return null;
  return { plate: match[1], layerId: match[2], featureId: match[3] };
}

/** Writes a selection as a `sel` URL value (see {@link parseSelectionParam}). */
export function formatSelectionParam(selection: FeatureSelection): string {
  return `${selection.plate}:${selection.layerId}:${selection.featureId}`;
}

/** What the hover tooltip shows of a feature (any part may be `null`). */
export interface FeatureLabel {
  /** A short kind word (IFC class, sensor type, pipe network). */
  kind: string | null;
  /** The feature's name or title. */
  name: string | null;
  /** Quantities shown under the name, formatted by the globe in the UI language (tubes: diameter and cover). */
  figures?: FeatureLabelFigures;
}

/** Quantities of a {@link FeatureLabel}. */
export interface FeatureLabelFigures {
  /** Nominal diameter, millimetres. */
  diameterMm?: number;
  /** Cover (ground to crown) over the feature, metres (min = max for an even cover). */
  coverM?: { minM: number; maxM: number };
}
