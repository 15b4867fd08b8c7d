'use client';
/**
 * The twin plate's selection panel: an IFC element of a model tileset (with a link to the BIM inspection page), or a
 * feature of one of its GeoJSON layers (boundaries, roads) with its properties.
 *
 * An element of a model in the layer list answers from the model's `properties.json` (loaded once per model, usually
 * prefetched while the model is shown: model-properties-query.ts), so only the first click on a model may wait and
 * later ones answer from memory; the model's name is the layer's title. `twin.elements.byGlobalId` (database) answers
 * a selection that names no known model (an old or shared link) and a model whose file cannot be had (converted
 * before the file existed).
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatShareableUrl, SELECTION_QUERY_PARAM } from '@viewer/core/camera-url';
import { createTranslator } from '@viewer/core/i18n';
import { layerTitle } from '@viewer/core/layer-descriptor';
import { isGlobalId } from '@viewer/core/selection';
import { FeaturePanel } from '@viewer/ui/feature-panel';
import { PropertyPanel, type PropertyPanelElement } from '@viewer/ui/property-panel';
import { TWIN_MESSAGES } from '@viewer/twin/messages';
import type { PlateSelectionPanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';
import { modelIdOfLayer } from '@data/twin/model-layer-id';
import { modelPropertiesQueryOptions } from './model-properties-query';

/** The selection panel (see module doc). */
export function SelectionPanel(props: PlateSelectionPanelProps) {
  const { selection, layer, geoFeature, locale, onClose } = props;
  if (layer && layer.kind !== 'tileset') {
    return (
      <FeaturePanel
        layerTitle={layerTitle(layer, locale)}
        featureId={selection.featureId}
        properties={geoFeature?.properties ?? null}
        locale={locale}
        onClose={onClose}
      />
    );
  }
  return <ElementPanel {...props} />;
}

/** An IFC element of a model (the layer is a model tileset, or a link named only the GlobalId). */
function ElementPanel({ selection, layer, locale, onClose }: PlateSelectionPanelProps) {
  const t = createTranslator(TWIN_MESSAGES, locale);
  const trpc = useTRPC();
  const globalId = selection.featureId;
  const modelId = modelIdOfLayer(selection.layerId);
  // A model of the layer list: its properties file answers.
  const fileModelId = layer && modelId && isGlobalId(globalId) ? modelId : null;
  const propertiesQuery = useQuery(modelPropertiesQueryOptions(fileModelId));
  const fromFile = fileModelId !== null && !propertiesQuery.error;
  const fileElement = useMemo<(PropertyPanelElement & { modelId: string }) | null>(() => {
    const record = fileModelId && propertiesQuery.data ? propertiesQuery.data.element(globalId) : null;
    return record && fileModelId && layer ? { ...record, modelId: fileModelId, modelName: layerTitle(layer, locale) } : null;
  }, [fileModelId, propertiesQuery.data, globalId, layer, locale]);

  const elementQuery = useQuery(
    trpc.twin.elements.byGlobalId.queryOptions(isGlobalId(globalId) && !fromFile ? { globalId, ...(modelId ? { modelId } : {}) } : skipToken, { retry: false }),
  );
  const code = elementQuery.error ? trpcErrorCode(elementQuery.error) : null;
  let error: string | null;
  let element: (PropertyPanelElement & { modelId: string }) | null;
  let loading: boolean;
  if (fromFile) {
    element = fileElement;
    loading = !propertiesQuery.data;
    error = propertiesQuery.data && !fileElement ? t('selection.notFound', { globalId }) : null;
  } else {
    error = !isGlobalId(globalId) || code === 'NOT_FOUND' || code === 'BAD_REQUEST'
      ? t('selection.notFound', { globalId })
      : elementQuery.error
        ? t('selection.error', { message: elementQuery.error.message })
        : null;
    const data = elementQuery.data ?? null;
    // The model's name in the UI language (the property panel shows `modelName`).
    element = data && locale === 'en' ? { ...data, modelName: data.modelNameEn } : data;
    loading = elementQuery.isFetching;
  }
  return (
    <PropertyPanel
      element={element}
      loading={loading}
      error={error}
      locale={locale}
      onClose={onClose}
      actions={
        element ? (
          <a
            className="gt-link"
            href={formatShareableUrl(`/models/${element.modelId}`, new URLSearchParams({ [SELECTION_QUERY_PARAM]: element.globalId }))}
          >
            {t('models.inspect')} →
          </a>
        ) : error ? (
          <button type="button" className="gt-button gt-button--small" onClick={onClose} data-testid="selection-clear">
            {t('selection.clear')}
          </button>
        ) : null
      }
    />
  );
}
