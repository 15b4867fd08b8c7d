'use client';
/**
 * The user's layer settings of the twin shell (imagery opacity and order, the terrain in use), kept for the session
 * (not in the URL), applied to the scene's layers by viewer/core/layer-settings.ts and exposed as the layer
 * panel's `controls`.
 */
import { useCallback, useMemo, useState } from 'react';
import { imageryAlpha } from '@viewer/core/imagery-source';
import type { LayerDescriptor } from '@viewer/core/layer-descriptor';
import { activeTerrainId, applyLayerSettings, DEFAULT_LAYER_SETTINGS, imageryOrder, moveImagery, type LayerSettings } from '@viewer/core/layer-settings';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { LayerPanelControls } from '@viewer/ui/layer-panel';

/** What {@link useLayerSettings} gives the shell. */
export interface LayerSettingsState {
  /** The layer panel's controls. */
  controls: LayerPanelControls;
  /** The scene's layers with the settings applied (same array when nothing applies). */
  apply(sceneLayers: SceneLayer[]): SceneLayer[];
}

/**
 * Holds the layer settings for the catalogue `layers`.
 * @param layers the catalogue as listed by `twin.layers.list`
 */
export function useLayerSettings(layers: readonly LayerDescriptor[]): LayerSettingsState {
  const [settings, setSettings] = useState<LayerSettings>(DEFAULT_LAYER_SETTINGS);
  const opacityOf = useCallback(
    (layerId: string) => {
      const chosen = settings.opacityById[layerId];
      if (chosen !== undefined) return chosen;
      const layer = layers.find((candidate) => candidate.id === layerId);
      return layer?.kind === 'imagery' ? imageryAlpha(layer.options as Parameters<typeof imageryAlpha>[0]) : 1;
    },
    [layers, settings],
  );
  const controls = useMemo<LayerPanelControls>(
    () => ({
      imageryOrder: imageryOrder(layers, settings),
      opacityOf,
      onOpacity: (layerId, opacity) => setSettings((previous) => ({ ...previous, opacityById: { ...previous.opacityById, [layerId]: Math.min(1, Math.max(0, opacity)) } })),
      onMove: (layerId, direction) => setSettings((previous) => moveImagery(layers, previous, layerId, direction)),
      terrainId: activeTerrainId(layers, settings),
      onTerrain: (layerId) => setSettings((previous) => ({ ...previous, terrainId: layerId })),
    }),
    [layers, settings, opacityOf],
  );
  const apply = useCallback(
    (sceneLayers: SceneLayer[]) => (layers.some((layer) => layer.kind === 'imagery' || layer.kind === 'terrain') ? applyLayerSettings(sceneLayers, layers, settings) : sceneLayers),
    [layers, settings],
  );
  return { controls, apply };
}
