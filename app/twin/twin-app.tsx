'use client';
/**
 * The city twin page's client part: loads layers, models and element details through tRPC, fetches GeoJSON
 * layers, keeps camera/selection in the URL, and composes the header, panels and the client-only globe.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  formatShareableUrl, JIANGXI_OVERVIEW_CAMERA, SELECTION_QUERY_PARAM, type CameraState, type TwinUrlState,
} from '@viewer/core/camera-url';
import { createTranslator, formatLocaleCookie, LOCALE_QUERY_PARAM, type Locale } from '@viewer/core/i18n';
import { layerTitle, outlineStyle, resolveLayerVisibility, type LayerDescriptor } from '@viewer/core/layer-descriptor';
import type { ElementSelection } from '@viewer/core/selection';
import type { FlyRequest } from '@viewer/cesium/twin-globe';
import type { TilesetLayerInput } from '@viewer/cesium/tileset-layers';
import type { OutlineLayerInput } from '@viewer/cesium/twin-scene';
import { LayerPanel } from '@viewer/ui/layer-panel';
import { LocaleSwitch } from '@viewer/ui/locale-switch';
import { PropertyPanel } from '@viewer/ui/property-panel';
import { TWIN_MESSAGES } from '@viewer/twin/messages';
import { ModelList } from '@viewer/twin/model-list';
import { HONGGUTAN_DEMO_PLACE, modelPlace, NANCHANG_PLACE } from '@viewer/twin/quick-places';
import { TwinHeader, type QuickPlace } from '@viewer/twin/twin-header';
import type { AppRouter } from '@server/api/root';
import { AccountMenuSlot } from '../accounts/account-menu-slot';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';
import { TwinGlobeLoader } from './twin-globe-loader';
import { useGeoLayers } from './use-geo-layers';
import { useTwinUrl } from './use-twin-url';

/** Nanchang's extent for the breadcrumb, degrees (WGS84), and the highest camera that still counts, m. */
const NANCHANG_VIEW = { west: 115.45, east: 116.6, south: 28.15, north: 29.2, maxHeightM: 250_000 } as const;

type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Data prefetched by the server component for the first paint. */
export interface TwinInitialData {
  layers: RouterOutputs['twin']['layers']['list'];
  models: RouterOutputs['twin']['models']['list'];
}

/** Props of {@link TwinApp}. */
export interface TwinAppProps {
  locale: Locale;
  /** Camera and selection from the URL the page was loaded with. */
  initialUrlState: TwinUrlState;
  /** Layers and models fetched on the server, or `null` (then the client fetches them). */
  initialData: TwinInitialData | null;
}

/** Id of the tileset layer showing a model: the catalogue's layer with the model's tileset URL, else `model-<id>`. */
function tilesetLayerIdOf(model: { id: string; tilesetUrl: string }, layers: readonly LayerDescriptor[]): string {
  return layers.find((layer) => layer.kind === 'tileset' && layer.url === model.tilesetUrl)?.id ?? `model-${model.id}`;
}

/** The twin (see module doc). */
export function TwinApp({ locale, initialUrlState, initialData }: TwinAppProps) {
  const t = createTranslator(TWIN_MESSAGES, locale);
  const trpc = useTRPC();
  const router = useRouter();
  const url = useTwinUrl(initialUrlState);

  const layersQuery = useQuery({ ...trpc.twin.layers.list.queryOptions(), initialData: initialData?.layers });
  const modelsQuery = useQuery({ ...trpc.twin.models.list.queryOptions(), initialData: initialData?.models });
  const layers = useMemo<LayerDescriptor[]>(() => layersQuery.data ?? [], [layersQuery.data]);
  const models = useMemo(() => modelsQuery.data ?? [], [modelsQuery.data]);

  const [visibilityOverrides, setVisibilityOverrides] = useState<Record<string, boolean>>({});
  const visibility = useMemo(() => resolveLayerVisibility(layers, visibilityOverrides), [layers, visibilityOverrides]);
  const geo = useGeoLayers(layers, visibility);

  const [selection, setSelection] = useState<{ globalId: string; tilesetId: string | null } | null>(
    initialUrlState.selectedGlobalId ? { globalId: initialUrlState.selectedGlobalId, tilesetId: null } : null,
  );
  const [camera, setCamera] = useState<CameraState>(initialUrlState.camera ?? JIANGXI_OVERVIEW_CAMERA);
  const [flyRequest, setFlyRequest] = useState<FlyRequest | null>(null);
  const [tilesetErrors, setTilesetErrors] = useState<Record<string, string>>({});

  const modelIdByLayerId = useMemo(() => {
    const map = new Map<string, string>();
    for (const model of models) map.set(tilesetLayerIdOf(model, layers), model.id);
    return map;
  }, [models, layers]);

  const outlineLayers = useMemo<OutlineLayerInput[]>(
    () =>
      layers
        .filter((layer) => layer.kind === 'geojson')
        .map((layer) => ({
          id: layer.id,
          data: geo.dataById.get(layer.id) ?? null,
          style: outlineStyle(layer),
          isVisible: visibility[layer.id] ?? false,
        })),
    [layers, geo.dataById, visibility],
  );

  const tilesetLayers = useMemo<TilesetLayerInput[]>(() => {
    const inputs: TilesetLayerInput[] = layers
      .filter((layer) => layer.kind === 'tileset')
      .map((layer) => ({
        id: layer.id,
        url: layer.url,
        isVisible: visibility[layer.id] ?? false,
        groundOffsetM: models.find((model) => tilesetLayerIdOf(model, layers) === layer.id)?.anchor?.heightM ?? 0,
      }));
    // No terrain here: every model is lowered by its anchor height so that it stands on the ellipsoid (the ground).
    // Every ready model stands on the globe, even if the catalogue has no layer for it yet.
    for (const model of models) {
      const id = tilesetLayerIdOf(model, layers);
      if (model.status === 'ready' && !inputs.some((input) => input.id === id)) {
        inputs.push({ id, url: model.tilesetUrl, isVisible: visibilityOverrides[id] ?? true, groundOffsetM: model.anchor?.heightM ?? 0 });
      }
    }
    return inputs;
  }, [layers, models, visibility, visibilityOverrides]);

  const selectedModelId = selection?.tilesetId ? (modelIdByLayerId.get(selection.tilesetId) ?? null) : null;
  const elementQuery = useQuery(
    trpc.twin.elements.byGlobalId.queryOptions(
      selection ? { globalId: selection.globalId, ...(selectedModelId ? { modelId: selectedModelId } : {}) } : skipToken,
      { retry: false },
    ),
  );

  const onElementSelect = useCallback(
    (element: ElementSelection | null) => {
      setSelection(element);
      url.setSelectedGlobalId(element?.globalId ?? null);
    },
    [url],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onElementSelect(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onElementSelect]);
  const onCameraChange = useCallback(
    (next: CameraState) => {
      setCamera(next);
      url.setCamera(next);
    },
    [url],
  );
  const onTilesetError = useCallback((tilesetId: string, message: string) => {
    setTilesetErrors((previous) => ({ ...previous, [tilesetId]: message }));
  }, []);

  const flyTo = useCallback((request: Omit<FlyRequest, 'requestId'>) => {
    setFlyRequest((previous) => ({ ...request, requestId: (previous?.requestId ?? 0) + 1 }));
  }, []);
  const onQuickNav = useCallback(
    (place: QuickPlace) => {
      if (place === 'jiangxi') flyTo({ tilesetId: null, point: null, camera: JIANGXI_OVERVIEW_CAMERA });
      else flyTo({ tilesetId: null, point: place === 'honggutan' ? HONGGUTAN_DEMO_PLACE : NANCHANG_PLACE });
    },
    [flyTo],
  );
  const onFlyToModel = useCallback(
    (modelId: string) => {
      const model = models.find((candidate) => candidate.id === modelId);
      if (!model) return;
      flyTo({
        tilesetId: tilesetLayerIdOf(model, layers),
        point: model.anchor ? modelPlace(model.anchor, model.heightM) : null,
      });
    },
    [models, layers, flyTo],
  );

  const onLocaleChange = useCallback(
    (next: Locale) => {
      document.cookie = formatLocaleCookie(next);
      const params = new URLSearchParams(window.location.search);
      if (params.has(LOCALE_QUERY_PARAM)) {
        // The router still holds the `?lang=` URL, and refreshing it would let proxy.ts restore the old locale:
        // load the page again without it (camera and selection come back from `cam`/`sel`).
        params.delete(LOCALE_QUERY_PARAM);
        window.location.replace(formatShareableUrl(window.location.pathname, params));
        return;
      }
      // Re-renders the server components (layout `<html lang>`, page) with the new cookie; the globe stays.
      router.refresh();
    },
    [router],
  );

  const breadcrumb = [t('region.jiangxi')];
  const isOverNanchang =
    camera.lonDeg >= NANCHANG_VIEW.west &&
    camera.lonDeg <= NANCHANG_VIEW.east &&
    camera.latDeg >= NANCHANG_VIEW.south &&
    camera.latDeg <= NANCHANG_VIEW.north &&
    camera.heightEllipsoidalM <= NANCHANG_VIEW.maxHeightM;
  if (isOverNanchang) breadcrumb.push(t('region.nanchang'));
  if (elementQuery.data) breadcrumb.push(elementQuery.data.modelName);

  const elementError = elementQuery.error
    ? trpcErrorCode(elementQuery.error) === 'NOT_FOUND' || trpcErrorCode(elementQuery.error) === 'BAD_REQUEST'
      ? t('selection.notFound', { globalId: selection?.globalId ?? '' })
      : t('selection.error', { message: elementQuery.error.message })
    : null;
  const apiError = layersQuery.error ?? modelsQuery.error;
  const problems = [
    ...(apiError ? [t('api.error', { message: apiError.message })] : []),
    ...[...geo.errorsById].map(([id, message]) => {
      const layer = layers.find((candidate) => candidate.id === id);
      return t('layers.fetchError', { title: layer ? layerTitle(layer, locale) : id, message });
    }),
    ...Object.values(tilesetErrors),
  ];
  const activeModelId = elementQuery.data?.modelId ?? selectedModelId;

  return (
    <div className="gt-twin">
      <div className="gt-twin__globe">
        <TwinGlobeLoader
          locale={locale}
          outlineLayers={outlineLayers}
          tilesetLayers={tilesetLayers}
          selectedGlobalId={selection?.globalId ?? null}
          initialCamera={initialUrlState.camera}
          flyRequest={flyRequest}
          onElementSelect={onElementSelect}
          onCameraChange={onCameraChange}
          onTilesetError={onTilesetError}
        />
      </div>
      <TwinHeader
        locale={locale}
        breadcrumb={breadcrumb}
        onQuickNav={onQuickNav}
        controls={
          <>
            <LocaleSwitch locale={locale} onChange={onLocaleChange} />
            <AccountMenuSlot locale={locale} />
          </>
        }
      />
      <aside className="gt-twin__left">
        <LayerPanel
          layers={layers}
          visibility={visibility}
          onToggle={(id, isVisible) => setVisibilityOverrides((previous) => ({ ...previous, [id]: isVisible }))}
          locale={locale}
          loading={layersQuery.isPending}
          busyLayerIds={geo.busyIds}
        />
        <ModelList
          models={models}
          locale={locale}
          loading={modelsQuery.isPending}
          activeModelId={activeModelId}
          onFlyTo={onFlyToModel}
          inspectHref={(modelId) => `/models/${modelId}`}
        />
      </aside>
      {selection ? (
        <aside className="gt-twin__right">
          <PropertyPanel
            element={elementQuery.data ?? null}
            loading={elementQuery.isFetching}
            error={elementError}
            locale={locale}
            onClose={() => onElementSelect(null)}
            actions={
              elementQuery.data ? (
                <a
                  className="gt-link"
                  href={formatShareableUrl(
                    `/models/${elementQuery.data.modelId}`,
                    new URLSearchParams({ [SELECTION_QUERY_PARAM]: elementQuery.data.globalId }),
                  )}
                >
                  {t('models.inspect')} →
                </a>
              ) : null
            }
          />
        </aside>
      ) : null}
      {problems.length > 0 ? (
        <div className="gt-toast" role="status">
          {problems[0]}
        </div>
      ) : null}
    </div>
  );
}
