'use client';
/**
 * A model's `properties.json` for React (the page's model-properties cache, viewer/core/model-properties-cache.ts,
 * behind TanStack Query): the twin's selection panel and BIM inspection read it through
 * {@link modelPropertiesQueryOptions}; the twin prefetches the shown models' files when idle
 * ({@link usePrefetchShownModelProperties}).
 */
import { useEffect } from 'react';
import type { ModelProperties } from '@kernel/properties-file';
import type { LayerDescriptor } from '@viewer/core/layer-descriptor';
import {
  loadModelProperties, MODEL_PROPERTIES_CACHE_DEFAULTS, peekModelProperties, prefetchModelProperties,
} from '@viewer/core/model-properties-cache';
import { modelIdOfLayer } from '@data/twin/model-layer-id';

/**
 * Query options for a model's decoded `properties.json`: loaded once (never stale, not retried: the cache remembers
 * a failure for a while), and answered in the first render when the cache holds it already (a prefetch, an earlier
 * click). The error is a `ModelPropertiesError` (`status` 404: the model was converted before the file existed).
 * @param modelId null disables the query
 */
export function modelPropertiesQueryOptions(modelId: string | null) {
  return {
    queryKey: ['twin', 'model-properties', modelId] as const,
    queryFn: () => loadModelProperties(modelId ?? ''),
    enabled: modelId !== null,
    initialData: (): ModelProperties | undefined => (modelId ? peekModelProperties(modelId) : undefined),
    staleTime: Infinity,
    retry: false,
    // The decoded file is a lookup object with closures, not data to compare.
    structuralSharing: false,
  };
}

/**
 * Prefetches, when the browser is idle, the properties of the model tileset layers that are shown, in catalogue
 * order, at most as many as the cache keeps (more would push each other out).
 */
export function usePrefetchShownModelProperties(layers: readonly LayerDescriptor[], visibility: Readonly<Record<string, boolean>>): void {
  const shownModelIds = layers
    .filter((layer) => layer.kind === 'tileset' && visibility[layer.id])
    .map((layer) => modelIdOfLayer(layer.id))
    .filter((id): id is string => id !== null)
    .slice(0, MODEL_PROPERTIES_CACHE_DEFAULTS.maxModels)
    .join(',');
  useEffect(() => {
    for (const modelId of shownModelIds ? shownModelIds.split(',') : []) prefetchModelProperties(modelId);
  }, [shownModelIds]);
}
