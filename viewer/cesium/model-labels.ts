/**
 * Name labels of the models in the twin: one label per model tileset, above the model, shown at city-to-district
 * zoom (camera {@link MODEL_LABEL_RANGE_M} away) where a model is too small to recognise, hidden for the model that
 * holds the selection (its element and panel are what matter then, and the label must not cover it), and
 * decluttered so that no two labels overlap (viewer/core/label-declutter.ts, nearest model first). One
 * `LabelCollection` per scene, owned by the `tileset` layer kind.
 */
import type { Cartesian3, Label, LabelCollection, Scene } from '@cesium/engine';
import { declutterLabels, estimateTextWidthPx, type LabelBox } from '@viewer/core/label-declutter';
import type { CesiumModule } from './load-cesium';
import { POINT_LABEL_STYLE } from './layer-kinds/points';

/** Camera distance to a model's label in which the label shows, metres: from a close-up to a city view. */
export const MODEL_LABEL_RANGE_M = { near: 150, far: 60_000 } as const;

/** Gap between the model's top and its label's bottom, CSS px. */
const LABEL_GAP_PX = 6;

interface ModelLabelEntry {
  label: Label;
  text: string;
  /** Whether the layer is shown and the model holds no selection. */
  isWanted: boolean;
}

/** The model labels of one scene (see module doc). */
export class ModelLabels {
  private readonly collection: LabelCollection;
  private readonly entries = new Map<string, ModelLabelEntry>();
  private readonly removeListener: () => void;
  private readonly scratch: { window: InstanceType<CesiumModule['Cartesian2']> };

  constructor(
    private readonly Cesium: CesiumModule,
    private readonly scene: Scene,
  ) {
    this.collection = scene.primitives.add(new Cesium.LabelCollection({ scene })) as LabelCollection;
    this.scratch = { window: new Cesium.Cartesian2() };
    this.removeListener = scene.preRender.addEventListener(() => this.declutter());
  }

  /**
   * Places or updates the label of layer `layerId`.
   *
   * @param topEcef - the point above which the label stands (the top of the model), ECEF metres
   */
  set(layerId: string, text: string, topEcef: Cartesian3, isWanted: boolean): void {
    const { Cesium } = this;
    let entry = this.entries.get(layerId);
    if (!entry) {
      const label = this.collection.add({
        position: topEcef,
        text,
        font: POINT_LABEL_STYLE.font,
        fillColor: Cesium.Color.WHITE,
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: POINT_LABEL_STYLE.outlinePx,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        showBackground: true,
        backgroundColor: Cesium.Color.fromCssColorString('rgba(12, 60, 110, 0.78)'),
        backgroundPadding: new Cesium.Cartesian2(POINT_LABEL_STYLE.paddingPx.x, POINT_LABEL_STYLE.paddingPx.y),
        verticalOrigin: Cesium.VerticalOrigin.BOTTOM,
        horizontalOrigin: Cesium.HorizontalOrigin.CENTER,
        pixelOffset: new Cesium.Cartesian2(0, -LABEL_GAP_PX),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        show: false,
      });
      entry = { label, text, isWanted };
      this.entries.set(layerId, entry);
    }
    entry.label.position = topEcef;
    if (entry.text !== text) entry.label.text = text;
    entry.text = text;
    entry.isWanted = isWanted;
    this.scene.requestRender();
  }

  /** Shows or hides one model's label (layer visibility, selection); unknown ids are ignored. */
  setWanted(layerId: string, isWanted: boolean): void {
    const entry = this.entries.get(layerId);
    if (!entry || entry.isWanted === isWanted) return;
    entry.isWanted = isWanted;
    this.scene.requestRender();
  }

  /** Removes one model's label. */
  remove(layerId: string): void {
    const entry = this.entries.get(layerId);
    if (!entry) return;
    this.collection.remove(entry.label);
    this.entries.delete(layerId);
  }

  /** Number of labels shown in the last frame (for the test hook). */
  get shownCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.label.show) count++;
    return count;
  }

  /** Removes every label and the collection. */
  destroy(): void {
    this.removeListener();
    if (!this.scene.isDestroyed()) this.scene.primitives.remove(this.collection);
  }

  /** Shows the wanted labels in range that do not overlap a nearer one (runs before every frame). */
  private declutter(): void {
    const { Cesium, scene } = this;
    const cameraEcef = scene.camera.positionWC;
    const candidates: { entry: ModelLabelEntry; distanceM: number; box: LabelBox }[] = [];
    const { fontPx, paddingPx } = POINT_LABEL_STYLE;
    for (const entry of this.entries.values()) {
      entry.label.show = false;
      if (!entry.isWanted) continue;
      const distanceM = Cesium.Cartesian3.distance(cameraEcef, entry.label.position);
      if (distanceM < MODEL_LABEL_RANGE_M.near || distanceM > MODEL_LABEL_RANGE_M.far) continue;
      const window = Cesium.SceneTransforms.worldToWindowCoordinates(scene, entry.label.position, this.scratch.window);
      if (!window) continue;
      const heightPx = fontPx + 2 * paddingPx.y + 2;
      candidates.push({
        entry,
        distanceM,
        box: { xPx: window.x, yPx: window.y - LABEL_GAP_PX - heightPx / 2, widthPx: estimateTextWidthPx(entry.text, fontPx) + 2 * paddingPx.x, heightPx },
      });
    }
    candidates.sort((a, b) => a.distanceM - b.distanceM);
    const flags = declutterLabels(candidates.map((candidate) => candidate.box));
    candidates.forEach((candidate, index) => {
      candidate.entry.label.show = flags[index];
    });
  }
}
