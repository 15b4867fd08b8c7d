'use client';
/**
 * The twin plate's selection panel: an IFC element of a model tileset (`twin.elements.byGlobalId`, with a link to
 * the BIM inspection page), or a feature of one of its GeoJSON layers (boundaries, roads) with its properties.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { formatShareableUrl, SELECTION_QUERY_PARAM } from '@viewer/core/camera-url';
import { createTranslator } from '@viewer/core/i18n';
import { layerTitle } from '@viewer/core/layer-descriptor';
import { isGlobalId } from '@viewer/core/selection';
import { FeaturePanel } from '@viewer/ui/feature-panel';
import { PropertyPanel } from '@viewer/ui/property-panel';
import { TWIN_MESSAGES } from '@viewer/twin/messages';
import type { PlateSelectionPanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';
import { modelIdOfLayer } from '@data/twin/model-layer-id';

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
function ElementPanel({ selection, locale, onClose }: PlateSelectionPanelProps) {
  const t = createTranslator(TWIN_MESSAGES, locale);
  const trpc = useTRPC();
  const modelId = modelIdOfLayer(selection.layerId);
  const globalId = selection.featureId;
  const elementQuery = useQuery(
    trpc.twin.elements.byGlobalId.queryOptions(isGlobalId(globalId) ? { globalId, ...(modelId ? { modelId } : {}) } : skipToken, { retry: false }),
  );
  const code = elementQuery.error ? trpcErrorCode(elementQuery.error) : null;
  const error = !isGlobalId(globalId) || code === 'NOT_FOUND' || code === 'BAD_REQUEST'
    ? t('selection.notFound', { globalId })
    : elementQuery.error
      ? t('selection.error', { message: elementQuery.error.message })
      : null;
  const data = elementQuery.data ?? null;
  // The model's name in the UI language (the property panel shows `modelName`).
  const element = data && locale === 'en' ? { ...data, modelName: data.modelNameEn } : data;
  return (
    <PropertyPanel
      element={element}
      loading={elementQuery.isFetching}
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
