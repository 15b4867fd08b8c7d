/**
 * What the twin scene draws and what a pick yields, engine-free: a {@link SceneLayer} is one catalogue layer with
 * its visibility and (for data-driven kinds) its fetched GeoJSON; a `FeatureSelection` (selection.ts) names one picked
 * feature as `{plate, layerId, featureId}`. {@link LayerSet} keeps a set of engine handles in step with the wanted
 * layers through a {@link LayerKindLifecycle} (the Cesium plugins in viewer/cesium/layer-kinds/ implement it).
 */
import type { LayerKind, LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';
import type { FeatureCollection } from './geojson-lines';

/** One layer as the scene needs it. */
export interface SceneLayer<K extends LayerKind = LayerKind> {
  /** Catalogue layer id (`regions-city`, `model-<uuid>`). */
  id: string;
  /** Plate slug that owns the layer; picks on it go to that plate's panel. */
  plate: string;
  kind: K;
  /** Where the engine loads the layer from (tileset.json, imagery template, terrain root, `/api/geo/<id>`). */
  url: string;
  isVisible: boolean;
  style: LayerStyle | null;
  /** Kind-specific parameters (see `LayerKindOptions`). */
  options: LayerKindOptions[K];
  /** Fetched GeoJSON of data-driven kinds (`GEOJSON_DATA_KINDS`); `null` while loading and for other kinds. */
  data: FeatureCollection | null;
  /** Drawing order among layers of the same kind (ascending = drawn first / lower). */
  order: number;
}

/** The engine-side lifecycle of one layer kind, as {@link LayerSet} drives it. `H` is the kind's handle. */
export interface LayerKindLifecycle<H> {
  /** Creates the layer's engine objects (may start asynchronous loads). */
  attach(layer: SceneLayer): H;
  /** Applies a change of visibility, style, options, order or data to an attached layer. */
  update(handle: H, layer: SceneLayer, previous: SceneLayer): void;
  /** Whether a change cannot be applied in place (e.g. a new `url`): the layer is detached and attached again. */
  needsReattach?(layer: SceneLayer, previous: SceneLayer): boolean;
  /** Destroys the layer's engine objects. Called once per handle. */
  detach(handle: H): void;
}

/** An attached layer: its latest input and its handle. */
export interface AttachedLayer<H> {
  layer: SceneLayer;
  handle: H;
}

/**
 * Keeps attached layers in step with the wanted ones: new ids are attached, missing ids detached, a changed kind
 * or a change the kind cannot apply in place re-attaches, anything else is an `update` (only when the input object
 * changed). Layers of a kind without a lifecycle are reported in `unsupportedIds` and not drawn.
 */
export class LayerSet<H = unknown> {
  private readonly attached = new Map<string, AttachedLayer<H>>();
  private unsupported: string[] = [];

  constructor(private readonly lifecycleOf: (kind: LayerKind) => LayerKindLifecycle<H> | null) {}

  /**
   * Makes the attached layers match `layers` (ids must be unique; a repeated id keeps its last entry).
   * @returns ids attached, updated and detached by this call (for tests and diagnostics)
   */
  sync(layers: readonly SceneLayer[]): { attached: string[]; updated: string[]; detached: string[] } {
    const wanted = new Map<string, SceneLayer>();
    const unsupported: string[] = [];
    for (const layer of layers) {
      if (this.lifecycleOf(layer.kind)) wanted.set(layer.id, layer);
      else unsupported.push(layer.id);
    }
    this.unsupported = unsupported;
    const result = { attached: [] as string[], updated: [] as string[], detached: [] as string[] };
    for (const [id, entry] of [...this.attached]) {
      const next = wanted.get(id);
      const lifecycle = this.lifecycleOf(entry.layer.kind);
      const mustGo = !next || next.kind !== entry.layer.kind || (lifecycle?.needsReattach?.(next, entry.layer) ?? false);
      if (mustGo) {
        lifecycle?.detach(entry.handle);
        this.attached.delete(id);
        result.detached.push(id);
      }
    }
    for (const [id, layer] of wanted) {
      const entry = this.attached.get(id);
      const lifecycle = this.lifecycleOf(layer.kind)!;
      if (!entry) {
        this.attached.set(id, { layer, handle: lifecycle.attach(layer) });
        result.attached.push(id);
      } else if (entry.layer !== layer) {
        const previous = entry.layer;
        entry.layer = layer;
        lifecycle.update(entry.handle, layer, previous);
        result.updated.push(id);
      }
    }
    return result;
  }

  /** The attached layer with this id, or `undefined`. */
  get(id: string): AttachedLayer<H> | undefined {
    return this.attached.get(id);
  }

  /** Every attached layer, in attachment order. */
  entries(): AttachedLayer<H>[] {
    return [...this.attached.values()];
  }

  /** Ids of wanted layers whose kind has no lifecycle (not drawn). */
  get unsupportedIds(): readonly string[] {
    return this.unsupported;
  }

  /** Detaches every layer. */
  clear(): void {
    for (const entry of this.attached.values()) this.lifecycleOf(entry.layer.kind)?.detach(entry.handle);
    this.attached.clear();
  }
}

/**
 * Whether a data-driven layer must be drawn again: new data, another stroke colour or other kind options (compared
 * by value). Visibility alone never needs a new drawing.
 */
export function changesDrawing(layer: SceneLayer, previous: SceneLayer): boolean {
  return (
    layer.data !== previous.data ||
    layer.style?.stroke !== previous.style?.stroke ||
    JSON.stringify(layer.options) !== JSON.stringify(previous.options)
  );
}
