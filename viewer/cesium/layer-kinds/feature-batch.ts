/**
 * One batched CesiumJS `Primitive` of a data-driven layer whose geometry instances each carry their feature's id
 * (picking) and a per-instance colour attribute (hover and selection highlighting): what the `tubes` and `volumes`
 * kinds draw. It owns the primitive's life: adding it to the scene, waiting for it to become ready (built
 * asynchronously in CesiumJS's workers) before recolouring, showing/hiding it, and destroying it.
 *
 * Notes: highlight wishes made before the primitive is ready are kept and applied on ready; selection wins over hover.
 */
import type { Color, Primitive } from '@cesium/engine';
import { DEFAULT_HIGHLIGHT_COLOURS } from '../element-highlighter';
import type { HighlightMode, LayerKindContext } from '../layer-kind-plugin';
import { pickedObject } from '../picked-object';

/** What every geometry instance's `id` holds. */
export interface FeatureInstanceId {
  /** The feature's id, or `null` (not pickable). */
  readonly featureId: string | null;
}

/** The batch of one layer (see module doc). */
export class FeatureBatch<Id extends FeatureInstanceId> {
  /** The drawn primitive, or `null` while there is none. */
  primitive: Primitive | null = null;
  /** Whether the primitive has become ready since it was shown. */
  isReady = false;
  private idsByFeature = new Map<string, Id[]>();
  private hoveredId: string | null = null;
  private selectedId: string | null = null;
  private stopWatchingReady: (() => void) | null = null;
  private readonly hoverColour: Color;
  private readonly selectedColour: Color;

  /**
   * @param baseColourOf the colour of an instance when it is neither hovered nor selected
   * @param highlightAlpha alpha of the highlight colours (1 = opaque; translucent kinds keep theirs)
   */
  constructor(
    private readonly ctx: LayerKindContext,
    private readonly baseColourOf: (id: Id) => Color,
    highlightAlpha = 1,
  ) {
    this.hoverColour = ctx.Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.hover).withAlpha(highlightAlpha);
    this.selectedColour = ctx.Cesium.Color.fromCssColorString(DEFAULT_HIGHLIGHT_COLOURS.selected).withAlpha(highlightAlpha);
  }

  /**
   * Replaces the drawn primitive with `primitive` (destroying the old one); `onReady` runs once, after the first
   * frame in which the new one is ready (the kept highlights applied first).
   * @param idsByFeature every instance id of the new primitive, by feature id
   */
  show(primitive: Primitive | null, idsByFeature: Map<string, Id[]>, onReady: () => void): void {
    this.clear();
    this.idsByFeature = idsByFeature;
    if (!primitive) return;
    const { scene } = this.ctx;
    const added = scene.primitives.add(primitive) as Primitive;
    this.primitive = added;
    this.stopWatchingReady = scene.postRender.addEventListener(() => {
      if (!added.ready || this.primitive !== added) return;
      this.stopWatching();
      this.isReady = true;
      this.recolour(this.hoveredId);
      this.recolour(this.selectedId);
      onReady();
      this.ctx.requestRender();
    });
    this.ctx.requestRender();
  }

  /** Removes (and destroys) the primitive. */
  clear(): void {
    this.stopWatching();
    if (this.primitive && !this.ctx.scene.isDestroyed()) this.ctx.scene.primitives.remove(this.primitive);
    this.primitive = null;
    this.isReady = false;
    this.idsByFeature = new Map();
  }

  /** Shows or hides the primitive. */
  setVisible(isVisible: boolean): void {
    if (this.primitive) this.primitive.show = isVisible;
  }

  /** The instance id under a pick result when it is one of this batch's instances, else null. */
  idOf(picked: unknown): Id | null {
    const object = pickedObject(picked);
    if (!object || !this.primitive || object.primitive !== this.primitive) return null;
    return (object.id as Id | undefined) ?? null;
  }

  /** Marks one feature (`null` clears the mark of that mode). */
  highlight(featureId: string | null, mode: HighlightMode): void {
    const previous = mode === 'hover' ? this.hoveredId : this.selectedId;
    if (previous === featureId) return;
    if (mode === 'hover') this.hoveredId = featureId;
    else this.selectedId = featureId;
    this.recolour(previous);
    this.recolour(featureId);
    this.ctx.requestRender();
  }

  private recolour(featureId: string | null): void {
    if (featureId === null || !this.primitive || !this.isReady) return;
    const { ColorGeometryInstanceAttribute } = this.ctx.Cesium;
    for (const id of this.idsByFeature.get(featureId) ?? []) {
      const colour = featureId === this.selectedId ? this.selectedColour : featureId === this.hoveredId ? this.hoverColour : this.baseColourOf(id);
      const attributes = this.primitive.getGeometryInstanceAttributes(id) as { color: Uint8Array } | undefined;
      if (attributes) attributes.color = ColorGeometryInstanceAttribute.toValue(colour, attributes.color);
    }
  }

  private stopWatching(): void {
    this.stopWatchingReady?.();
    this.stopWatchingReady = null;
  }
}
