/**
 * Layer descriptors of the city twin: what the layer panel lists and the globe draws. The server's
 * `twin.layers.list` output satisfies {@link LayerDescriptor} structurally.
 *
 * @see docs/api.md (Layer)
 */
import type { LayerKind, LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';
import type { Locale } from './i18n';

/** One catalogue layer as the viewer needs it. */
export interface LayerDescriptor {
  /** Stable layer id (`regions-city`, `nanchang-roads`, `model-<uuid>`). */
  id: string;
  /** Plate slug owning the layer (`twin`, `lifelines`, …). */
  plate: string;
  /** Title in Simplified Chinese. */
  title: string;
  /** Title in English. */
  titleEn: string;
  kind: LayerKind;
  /** CIM level 1–7, or `null` when not classified. */
  cimLevel: number | null;
  /** Provenance text (source, licence, datum conversion). */
  source: string;
  /** Where the data is fetched (`/api/geo/<id>` or `/tiles/<modelId>/tileset.json`). */
  url: string;
  defaultVisible: boolean;
  style: LayerStyle | null;
  /** Kind-specific parameters (kernel/layer-kinds.ts), null = the kind's defaults. */
  options: LayerKindOptions[LayerKind] | null;
}

/** Layers of one CIM level inside a plate group, in catalogue order. */
export interface LayerLevelGroup {
  /** CIM level 1–7, or `null` for unclassified layers (listed last). */
  cimLevel: number | null;
  layers: LayerDescriptor[];
}

/** Layers of one plate, grouped by CIM level (ascending). */
export interface LayerGroup {
  plate: string;
  levels: LayerLevelGroup[];
}

/**
 * Groups layers by plate, then by CIM level. Plates come in `plateOrder` (the app's plate list); plates missing
 * from it follow in order of first appearance. Inside a plate, levels ascend (unclassified last) and layers keep
 * catalogue order.
 *
 * @returns one group per plate that has layers
 */
export function groupLayersByPlate(layers: readonly LayerDescriptor[], plateOrder: readonly string[] = []): LayerGroup[] {
  const byPlate = new Map<string, LayerDescriptor[]>();
  for (const layer of layers) {
    let list = byPlate.get(layer.plate);
    if (!list) byPlate.set(layer.plate, (list = []));
    list.push(layer);
  }
  const rank = (plate: string) => {
    const index = plateOrder.indexOf(plate);
    return index === -1 ? plateOrder.length : index;
  };
  const plates = [...byPlate.keys()].sort((a, b) => rank(a) - rank(b));
  return plates.map((plate) => {
    const byLevel = new Map<number | null, LayerDescriptor[]>();
    for (const layer of byPlate.get(plate) ?? []) {
      let list = byLevel.get(layer.cimLevel);
      if (!list) byLevel.set(layer.cimLevel, (list = []));
      list.push(layer);
    }
    const levels = [...byLevel].map(([cimLevel, levelLayers]) => ({ cimLevel, layers: levelLayers }));
    levels.sort((a, b) => (a.cimLevel ?? Number.POSITIVE_INFINITY) - (b.cimLevel ?? Number.POSITIVE_INFINITY));
    return { plate, levels };
  });
}

/** Visibility per layer id. */
export type LayerVisibility = Readonly<Record<string, boolean>>;

/**
 * Resolves which layers are shown: an explicit user choice in `overrides` wins, otherwise `defaultVisible`.
 *
 * @returns visibility for every layer in `layers`
 */
export function resolveLayerVisibility(
  layers: readonly LayerDescriptor[],
  overrides: LayerVisibility,
): Record<string, boolean> {
  const visibility: Record<string, boolean> = {};
  for (const layer of layers) visibility[layer.id] = overrides[layer.id] ?? layer.defaultVisible;
  return visibility;
}

/** The layer's title in `locale`. */
export function layerTitle(layer: Pick<LayerDescriptor, 'title' | 'titleEn'>, locale: Locale): string {
  return locale === 'en' ? layer.titleEn : layer.title;
}

/** Default outline colours and widths (CSS px) by layer id, when the catalogue gives no style. */
export const DEFAULT_OUTLINE_STYLES: Readonly<Record<string, Required<Pick<LayerStyle, 'stroke' | 'width'>>>> = {
  'regions-province': { stroke: '#ffd166', width: 3.5 },
  'regions-city': { stroke: '#7fd3ff', width: 2.5 },
  'regions-county': { stroke: '#9fb3c8', width: 1 },
  'nanchang-roads': { stroke: '#f4a261', width: 1 },
};

/** Fallback outline style for unknown GeoJSON layers. */
export const FALLBACK_OUTLINE_STYLE: Readonly<Required<Pick<LayerStyle, 'stroke' | 'width'>>> = {
  stroke: '#cfd8e3',
  width: 1.5,
};

/** Range outline widths are clamped to, CSS px (thinner vanishes, thicker hides what it outlines). */
export const OUTLINE_WIDTH_RANGE_PX = { min: 0.5, max: 20 } as const;

/**
 * The outline style of a GeoJSON layer: the catalogue's style where given, else the default for its id
 * (city boundaries thicker, counties thinner, roads thin).
 *
 * @returns stroke (CSS colour) and width (CSS px, clamped to {@link OUTLINE_WIDTH_RANGE_PX})
 */
export function outlineStyle(layer: Pick<LayerDescriptor, 'id' | 'style'>): { stroke: string; widthPx: number } {
  const fallback = DEFAULT_OUTLINE_STYLES[layer.id] ?? FALLBACK_OUTLINE_STYLE;
  const width = layer.style?.width ?? fallback.width;
  return {
    stroke: layer.style?.stroke ?? fallback.stroke,
    widthPx: Math.min(OUTLINE_WIDTH_RANGE_PX.max, Math.max(OUTLINE_WIDTH_RANGE_PX.min, width)),
  };
}
