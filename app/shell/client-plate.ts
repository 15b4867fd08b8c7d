/**
 * The app side of a plate: what the twin shell (app/shell/twin-shell.tsx) needs to host it. A plate declares itself
 * in `app/<slug>/plate.tsx` and is listed with one line in app/plates.ts. The shell renders each plate's side panel,
 * titles the plate's layer group, draws the plate's layer kinds and shows a selection on one of the plate's layers
 * in the plate's selection panel. Panels are client components that may use tRPC hooks; they render viewer/
 * components.
 */
import type { ComponentType } from 'react';
import type { LayerDescriptor } from '@viewer/core/layer-descriptor';
import type { Locale } from '@viewer/core/i18n';
import type { FeatureSelection } from '@viewer/core/selection';
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import type { LayerKindPlugin } from '@viewer/cesium/layer-kind-plugin';
import type { MeasureSceneLink } from '@viewer/cesium/measure/measure-scene-link';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';

/** A GeoJSON feature of a loaded data-driven layer (what a pick on it refers to). */
export interface PickedGeoFeature {
  id: string;
  properties: Record<string, unknown>;
}

/** What every plate panel receives. */
export interface PlatePanelProps {
  locale: Locale;
  /** Every catalogue layer (all plates), in catalogue order. */
  layers: readonly LayerDescriptor[];
  /** Layer id → shown on the globe (switched on in the layer panel, or by default). */
  visibility: Readonly<Record<string, boolean>>;
  /** The current selection (any plate), or `null`. */
  selection: FeatureSelection | null;
  /** Selects a feature (or clears with `null`); the URL keeps it. */
  onSelect: (selection: FeatureSelection | null) => void;
  /** Flies to a layer's bounds when known (a loaded tileset), else to `point`. */
  flyTo: (target: { layerId: string | null; point: FlyToPoint | null }) => void;
  /** Switches a catalogue layer on (no-op when it is shown already). */
  showLayer: (layerId: string) => void;
  /**
   * The globe's live CesiumJS scene (`current()` is null before it exists), for a plate that drives the camera
   * itself (the villages plate's guided tours). Plates draw through layers and overlays, never through this.
   */
  sceneLink: MeasureSceneLink;
}

/**
 * A drawing a plate's selection panel puts on the globe while it is shown (an analysis answer, e.g. the buildings of
 * a valve isolation): not a catalogue layer, not in the layer panel, not pickable (a click on it selects nothing),
 * drawn by a core layer kind from `data`.
 */
export type PlateOverlay =
  | { id: string; kind: 'geojson'; style: LayerStyle | null; options: null; data: FeatureCollection }
  | { id: string; kind: 'points'; style: LayerStyle | null; options: LayerKindOptions['points']; data: FeatureCollection };

/** Scene-layer ids of overlays start with this (`overlay-<plate>-<id>`); the shell ignores picks on them. */
export const OVERLAY_LAYER_PREFIX = 'overlay-';

/** What a plate's selection panel receives besides {@link PlatePanelProps}. */
export interface PlateSelectionPanelProps extends PlatePanelProps {
  /**
   * Replaces this plate's overlays on the globe (`[]` clears them). The shell clears them when the selection panel
   * closes; the panel should clear them when its answer goes away.
   */
  showOverlays: (overlays: readonly PlateOverlay[]) => void;
  /** The selection, on a layer of this plate (or naming this plate with no layer, from an old link). */
  selection: FeatureSelection;
  /** The selected layer's catalogue entry, or `null` when the selection names no known layer. */
  layer: LayerDescriptor | null;
  /** The picked GeoJSON feature when the layer is data-driven and loaded, else `null`. */
  geoFeature: PickedGeoFeature | null;
  onClose: () => void;
}

/** The app side of one plate. */
export interface ClientPlate {
  /** Plate slug (STYLE.md table), the same as the server manifest's. */
  slug: string;
  /** Title of the plate's layer group, per locale. */
  title: Record<Locale, string>;
  /** Layer kinds this plate adds to the globe (the core kinds are always there). */
  layerKinds?: readonly LayerKindPlugin[];
  /** A panel in the left column, under the layer panel (e.g. the twin's model list). */
  SidePanel?: ComponentType<PlatePanelProps>;
  /** The side panel's short name on its dock toggle, per locale (default: `title`). */
  sidePanelTitle?: Record<Locale, string>;
  /** Shows a selected feature of this plate's layers (right column). Without one, the shell lists its properties. */
  SelectionPanel?: ComponentType<PlateSelectionPanelProps>;
}

/** Declares a plate's app side (a typed identity, for symmetry with the server's `definePlate`). */
export function defineClientPlate(plate: ClientPlate): ClientPlate {
  return plate;
}
