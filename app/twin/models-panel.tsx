'use client';
/**
 * The twin plate's side panel: the converted models the actor may see (`twin.models.list`), each with "fly to" and a
 * link to its BIM inspection page; the model holding the selection is marked. Always mounted, it also prefetches the
 * shown models' property files when the browser is idle (model-properties-query.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { ModelList } from '@viewer/twin/model-list';
import { modelPlace } from '@viewer/ui/quick-places';
import type { PlatePanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { modelIdOfLayer, modelLayerIdOf } from '@data/twin/model-layer-id';
import { usePrefetchShownModelProperties } from './model-properties-query';

/** The models panel (see module doc). */
export function ModelsPanel({ locale, layers, visibility, selection, flyTo }: PlatePanelProps) {
  usePrefetchShownModelProperties(layers, visibility);
  const trpc = useTRPC();
  const modelsQuery = useQuery(trpc.twin.models.list.queryOptions());
  const models = modelsQuery.data ?? [];
  const activeModelId = selection?.plate === 'twin' ? modelIdOfLayer(selection.layerId) : null;
  return (
    <ModelList
      models={models}
      locale={locale}
      loading={modelsQuery.isPending}
      activeModelId={activeModelId}
      onFlyTo={(modelId) => {
        const model = models.find((candidate) => candidate.id === modelId);
        if (model) flyTo({ layerId: modelLayerIdOf(model.id), point: model.anchor ? modelPlace(model.anchor, model.heightM) : null });
      }}
      inspectHref={(modelId) => `/models/${modelId}`}
    />
  );
}
