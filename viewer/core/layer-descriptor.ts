/**
 * Layer descriptors of the city twin: what the layer panel lists and the globe draws. The server's
 * `twin.layers.list` output satisfies {@link LayerDescriptor} structurally.
 *
 * @see /work/notes/API.md (Layer)
 */
import type { Locale } from './i18n';

/** How a layer is drawn: GeoJSON outlines, a 3D Tiles tileset, or an imagery overlay. */
export type LayerKind = 'geojson' | 'tileset' | 'imagery';

/** Style hints of a layer. */
export interface LayerStyle {
  /** Outline colour, any CSS colour (`#7fd3ff`, `rgba(…)`). */
  stroke?: string;
  /** Fill colour, any CSS colour (unused by outline rendering). */
  fill?: string;
  /** Outline width, CSS pixels, (0, 20]. */
  width?: number;
}

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
}

/** Layers of one plate, in catalogue order. */
export interface LayerGroup {
  plate: string;
  layers: LayerDescriptor[];
}

/**
 * Groups layers by plate, keeping the order in which plates and layers first appear in the catalogue.
 *
 * @returns one group per plate
 */
export function groupLayersByPlate(layers: readonly LayerDescriptor[]): LayerGroup[] {
  const groups = new Map<string, LayerGroup>();
  for (const layer of layers) {
    let group = groups.get(layer.plate);
    if (!group) groups.set(layer.plate, (group = { plate: layer.plate, layers: [] }));
    group.layers.push(layer);
  }
  return [...groups.values()];
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
