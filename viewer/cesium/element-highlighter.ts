/**
 * Whole-element highlighting across tiles: an IFC element may be split over several tiles (and several
 * features), so each tileset keeps an index GlobalId → loaded features, filled on `tileLoad` and emptied on
 * `tileUnload`. Hover and selection recolour every feature of the element, including ones loaded later.
 *
 * Notes: a `Cesium3DTileStyle` with `${globalId} === '…'` was the alternative; it re-evaluates every feature of
 * every tile on each hover change, while the index touches only the features of the two affected elements.
 *
 * @see https://github.com/CesiumGS/3d-tiles/tree/main/extensions/3DTILES_metadata (feature metadata)
 */
import type { Cesium3DTile, Cesium3DTileContent, Cesium3DTileFeature, Cesium3DTileset, Color } from '@cesium/engine';
import type { CesiumModule } from './load-cesium';

/** The per-feature metadata property holding the IFC GlobalId (EXT_structural_metadata class `element`). */
export const GLOBAL_ID_PROPERTY = 'globalId';

/** Colours for highlighted elements (CSS colours; multiplied with the element's own colour). */
export interface HighlightColours {
  /** Element under the mouse. */
  hover: string;
  /** Selected element (wins over hover). */
  selected: string;
}

/** Default highlight colours: warm yellow hover, cyan selection. */
export const DEFAULT_HIGHLIGHT_COLOURS: HighlightColours = { hover: '#ffd54a', selected: '#00c8ff' };

/** Collects every feature of a tile content, including the inner contents of composite / multiple contents. */
function collectFeatures(content: Cesium3DTileContent, out: Cesium3DTileFeature[]): Cesium3DTileFeature[] {
  const inner = content.innerContents as Cesium3DTileContent[] | undefined;
  if (inner && inner.length > 0) {
    for (const child of inner) collectFeatures(child, out);
    return out;
  }
  for (let i = 0; i < content.featuresLength; i++) out.push(content.getFeature(i));
  return out;
}

/** Reads a feature's GlobalId, or `null` when it has none. */
export function featureGlobalId(feature: Cesium3DTileFeature): string | null {
  const value: unknown = feature.getProperty(GLOBAL_ID_PROPERTY);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Index and highlight state of one tileset (see module notes). */
export class ElementHighlighter {
  private readonly featuresByGlobalId = new Map<string, Set<Cesium3DTileFeature>>();
  /** Per loaded tile: its (GlobalId, feature) pairs, kept so unloading needs no access to destroyed content. */
  private readonly featuresByTile = new Map<Cesium3DTile, [string, Cesium3DTileFeature][]>();
  private readonly hoverColour: Color;
  private readonly selectedColour: Color;
  private readonly plainColour: Color;
  private hoveredGlobalId: string | null = null;
  private selectedGlobalId: string | null = null;
  private readonly removeListeners: (() => void)[] = [];

  /**
   * Starts indexing `tileset`'s features as tiles load and unload.
   *
   * @param onChange - called after colours changed (e.g. to request a render in request-render mode)
   */
  constructor(
    Cesium: CesiumModule,
    tileset: Cesium3DTileset,
    private readonly onChange: () => void,
    colours: HighlightColours = DEFAULT_HIGHLIGHT_COLOURS,
  ) {
    this.hoverColour = Cesium.Color.fromCssColorString(colours.hover);
    this.selectedColour = Cesium.Color.fromCssColorString(colours.selected);
    this.plainColour = Cesium.Color.WHITE;
    this.removeListeners.push(
      tileset.tileLoad.addEventListener((tile: Cesium3DTile) => this.indexTile(tile)),
      tileset.tileUnload.addEventListener((tile: Cesium3DTile) => this.forgetTile(tile)),
    );
  }

  /** Number of distinct GlobalIds among the loaded features. */
  get indexedElementCount(): number {
    return this.featuresByGlobalId.size;
  }

  /** Whether any loaded feature belongs to `globalId`. */
  hasElement(globalId: string): boolean {
    return this.featuresByGlobalId.has(globalId);
  }

  /** Loaded features of one element (empty when none is loaded). */
  featuresOf(globalId: string): readonly Cesium3DTileFeature[] {
    return [...(this.featuresByGlobalId.get(globalId) ?? [])];
  }

  /** Highlights the element under the mouse (`null`: none). */
  setHovered(globalId: string | null): void {
    if (globalId === this.hoveredGlobalId) return;
    const previous = this.hoveredGlobalId;
    this.hoveredGlobalId = globalId;
    this.recolour(previous);
    this.recolour(globalId);
    this.onChange();
  }

  /** Marks the selected element (`null`: none). */
  setSelected(globalId: string | null): void {
    if (globalId === this.selectedGlobalId) return;
    const previous = this.selectedGlobalId;
    this.selectedGlobalId = globalId;
    this.recolour(previous);
    this.recolour(globalId);
    this.onChange();
  }

  /** Stops listening to the tileset and forgets every feature (does not destroy the tileset). */
  destroy(): void {
    for (const remove of this.removeListeners) remove();
    this.removeListeners.length = 0;
    this.featuresByGlobalId.clear();
    this.featuresByTile.clear();
  }

  private colourFor(globalId: string): Color {
    if (globalId === this.selectedGlobalId) return this.selectedColour;
    if (globalId === this.hoveredGlobalId) return this.hoverColour;
    return this.plainColour;
  }

  private recolour(globalId: string | null): void {
    if (globalId === null) return;
    const colour = this.colourFor(globalId);
    for (const feature of this.featuresByGlobalId.get(globalId) ?? []) feature.color = colour;
  }

  private indexTile(tile: Cesium3DTile): void {
    const entries: [string, Cesium3DTileFeature][] = [];
    let isHighlightedLoaded = false;
    for (const feature of collectFeatures(tile.content, [])) {
      const globalId = featureGlobalId(feature);
      if (globalId === null) continue;
      entries.push([globalId, feature]);
      let set = this.featuresByGlobalId.get(globalId);
      if (!set) this.featuresByGlobalId.set(globalId, (set = new Set()));
      set.add(feature);
      if (globalId === this.hoveredGlobalId || globalId === this.selectedGlobalId) {
        feature.color = this.colourFor(globalId);
        isHighlightedLoaded = true;
      }
    }
    this.featuresByTile.set(tile, entries);
    if (isHighlightedLoaded) this.onChange();
  }

  private forgetTile(tile: Cesium3DTile): void {
    const entries = this.featuresByTile.get(tile);
    if (!entries) return;
    this.featuresByTile.delete(tile);
    for (const [globalId, feature] of entries) {
      const set = this.featuresByGlobalId.get(globalId);
      set?.delete(feature);
      if (set && set.size === 0) this.featuresByGlobalId.delete(globalId);
    }
  }
}
