'use client';
/**
 * The city twin shell (`/`): hosts every plate of app/plates.ts on one CesiumJS globe. It loads the layer
 * catalogue (`twin.layers.list`) and the GeoJSON of visible data-driven layers, draws all layers through the core
 * and plates' layer-kind plugins, keeps camera and selection `{plate, layerId, featureId}` in the URL, and lays
 * out the header, the layer panel (grouped by plate and CIM level), each plate's side panel, and the selection
 * panel of the plate that owns the selected layer.
 */
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatShareableUrl, JIANGXI_OVERVIEW_CAMERA, type CameraState, type TwinUrlState } from '@viewer/core/camera-url';
import { createTranslator, formatLocaleCookie, LOCALE_QUERY_PARAM, type Locale } from '@viewer/core/i18n';
import { layerTitle, resolveLayerVisibility, type LayerDescriptor } from '@viewer/core/layer-descriptor';
import { geojsonFeatureId } from '@viewer/core/geojson-feature-id';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureSelection } from '@viewer/core/selection';
import { createMapViewStore } from '@viewer/core/map-view';
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import { CORE_LAYER_KINDS } from '@viewer/cesium/layer-kinds/core-layer-kinds';
import type { FlyRequest } from '@viewer/cesium/twin-globe';
import { FeaturePanel } from '@viewer/ui/feature-panel';
import { LayerPanel } from '@viewer/ui/layer-panel';
import { LocaleSwitch } from '@viewer/ui/locale-switch';
import { SHELL_MESSAGES } from '@viewer/ui/shell-messages';
import { HONGGUTAN_DEMO_PLACE, NANCHANG_PLACE } from '@viewer/ui/quick-places';
import { TwinHeader, type QuickPlace } from '@viewer/ui/twin-header';
import type { AppRouter } from '@server/api/root';
import { AccountMenuSlot } from '../accounts/account-menu-slot';
import { CLIENT_PLATES } from '../plates';
import { useTRPC } from '../providers';
import type { PickedGeoFeature, PlatePanelProps } from './client-plate';
import { TwinGlobeLoader } from './twin-globe-loader';
import { ShellMapFurniture, ShellSavedViews, ShellSearch } from './twin-tools';
import { useGeoLayers } from './use-geo-layers';
import './map-furniture.css';
import { useLayerSettings } from './use-layer-settings';
import { useTwinUrl } from './use-twin-url';

/** Nanchang's extent for the breadcrumb, degrees (WGS84), and the highest camera that still counts, m. */
const NANCHANG_VIEW = { west: 115.45, east: 116.6, south: 28.15, north: 29.2, maxHeightM: 250_000 } as const;

/** The layer-kind plugins of the globe: the core kinds, then the kinds plates add (one plugin per kind). */
const LAYER_KINDS = [...CORE_LAYER_KINDS, ...CLIENT_PLATES.flatMap((plate) => plate.layerKinds ?? [])];
const DRAWN_KINDS = new Set(LAYER_KINDS.map((plugin) => plugin.kind));
const PLATE_ORDER = CLIENT_PLATES.map((plate) => plate.slug);

/** What a data-driven layer draws when its GeoJSON could not be loaded. */
const EMPTY_FEATURE_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Data prefetched by the server component for the first paint. */
export interface TwinInitialData {
  layers: RouterOutputs['twin']['layers']['list'];
}

/** Props of {@link TwinShell}. */
export interface TwinShellProps {
  locale: Locale;
  /** Camera and selection from the URL the page was loaded with. */
  initialUrlState: TwinUrlState;
  /** The catalogue fetched on the server, or `null` (then the client fetches it). */
  initialData: TwinInitialData | null;
}

/** The feature a selection names in the loaded GeoJSON of its layer, or `null`. */
function geoFeatureOf(selection: FeatureSelection, data: ReturnType<typeof useGeoLayers>['dataById']): PickedGeoFeature | null {
  const feature = data.get(selection.layerId)?.features.find((candidate) => geojsonFeatureId(candidate) === selection.featureId);
  if (!feature) return null;
  const properties = typeof feature.properties === 'object' && feature.properties !== null ? (feature.properties as Record<string, unknown>) : {};
  return { id: selection.featureId, properties };
}

/** The twin shell (see module doc). */
export function TwinShell({ locale, initialUrlState, initialData }: TwinShellProps) {
  const t = createTranslator(SHELL_MESSAGES, locale);
  const trpc = useTRPC();
  const router = useRouter();
  const url = useTwinUrl(initialUrlState);

  const layersQuery = useQuery({ ...trpc.twin.layers.list.queryOptions(), initialData: initialData?.layers });
  const layers = useMemo<LayerDescriptor[]>(() => layersQuery.data ?? [], [layersQuery.data]);

  const [visibilityOverrides, setVisibilityOverrides] = useState<Record<string, boolean>>({});
  const visibility = useMemo(() => resolveLayerVisibility(layers, visibilityOverrides), [layers, visibilityOverrides]);
  const geo = useGeoLayers(layers, visibility);
  const showLayer = useCallback((id: string) => {
    if (!visibility[id]) setVisibilityOverrides((previous) => ({ ...previous, [id]: true }));
  }, [visibility]);
  const { apply: applyLayerSettings, controls: layerControls } = useLayerSettings(layers);

  const [selection, setSelection] = useState<FeatureSelection | null>(initialUrlState.selection);
  const [camera, setCamera] = useState<CameraState>(initialUrlState.camera ?? JIANGXI_OVERVIEW_CAMERA);
  const [flyRequest, setFlyRequest] = useState<FlyRequest | null>(null);
  const [layerErrors, setLayerErrors] = useState<Record<string, string>>({});
  const [mapView] = useState(createMapViewStore);

  const sceneLayers = useMemo<SceneLayer[]>(
    () =>
      applyLayerSettings(layers.map((layer, index) => ({
        id: layer.id,
        plate: layer.plate,
        kind: layer.kind,
        url: layer.url,
        isVisible: visibility[layer.id] ?? false,
        style: layer.style,
        options: layer.options,
        // A layer whose data failed to load is drawn empty (the toast says why), so it does not hold up readiness.
        data: geo.dataById.get(layer.id) ?? (geo.errorsById.has(layer.id) ? EMPTY_FEATURE_COLLECTION : null),
        order: index,
      // The catalogue types `kind` and `options` separately; each row pairs them as its kind expects (seeded from
      // LayerDefinition<K>), which TypeScript cannot see through the union.
      })) as SceneLayer[]),
    [layers, visibility, geo.dataById, geo.errorsById, applyLayerSettings],
  );

  const onSelect = useCallback(
    (next: FeatureSelection | null) => {
      setSelection(next);
      url.setSelection(next);
    },
    [url],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onSelect(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onSelect]);
  const onCameraChange = useCallback(
    (next: CameraState) => {
      setCamera(next);
      url.setCamera(next);
    },
    [url],
  );
  const onLayerError = useCallback((layerId: string, message: string) => {
    setLayerErrors((previous) => ({ ...previous, [layerId]: message }));
  }, []);

  const flyTo = useCallback((target: { layerId: string | null; point: FlyToPoint | null; camera?: CameraState | null }) => {
    setFlyRequest((previous) => ({ ...target, requestId: (previous?.requestId ?? 0) + 1 }));
  }, []);
  const onQuickNav = useCallback(
    (place: QuickPlace) => {
      if (place === 'jiangxi') flyTo({ layerId: null, point: null, camera: JIANGXI_OVERVIEW_CAMERA });
      else flyTo({ layerId: null, point: place === 'honggutan' ? HONGGUTAN_DEMO_PLACE : NANCHANG_PLACE });
    },
    [flyTo],
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

  const plateTitleOf = (slug: string) => CLIENT_PLATES.find((plate) => plate.slug === slug)?.title[locale] ?? slug;
  const titleOfLayer = (id: string) => {
    const layer = layers.find((candidate) => candidate.id === id);
    return layer ? layerTitle(layer, locale) : id;
  };
  const apiError = layersQuery.error;
  const problems = [
    ...(apiError ? [t('api.error', { message: apiError.message })] : []),
    ...[...geo.errorsById].map(([id, message]) => t('layers.fetchError', { title: titleOfLayer(id), message })),
    ...Object.entries(layerErrors).map(([id, message]) => t('layers.fetchError', { title: titleOfLayer(id), message })),
    ...layers
      .filter((layer) => !DRAWN_KINDS.has(layer.kind) && visibility[layer.id])
      .map((layer) => t('layers.unsupportedKind', { title: layerTitle(layer, locale), kind: layer.kind })),
  ];

  const panelProps: PlatePanelProps = { locale, layers, selection, onSelect, flyTo };
  const selectedLayer = selection ? (layers.find((layer) => layer.id === selection.layerId) ?? null) : null;
  // The panel of the plate that owns the selected layer (the URL's plate only when it names no known layer).
  const selectedPlate = selection ? CLIENT_PLATES.find((plate) => plate.slug === (selectedLayer?.plate ?? selection.plate)) : undefined;
  const geoFeature = selection ? geoFeatureOf(selection, geo.dataById) : null;
  const SelectionPanel = selectedPlate?.SelectionPanel;

  return (
    <div className="gt-twin">
      <div className="gt-twin__globe">
        <TwinGlobeLoader
          locale={locale}
          layers={sceneLayers}
          layerKinds={LAYER_KINDS}
          selection={selection}
          initialCamera={initialUrlState.camera}
          flyRequest={flyRequest}
          onFeatureSelect={onSelect}
          onCameraChange={onCameraChange}
          onLayerError={onLayerError}
          onMapView={mapView.setView}
          onPointerPosition={mapView.setPointer}
        />
      </div>
      <ShellMapFurniture locale={locale} store={mapView} camera={camera} flyTo={flyTo} />
      <TwinHeader
        locale={locale}
        breadcrumb={breadcrumb}
        onQuickNav={onQuickNav}
        search={<ShellSearch locale={locale} flyTo={flyTo} onSelect={onSelect} showLayer={showLayer} plateTitle={plateTitleOf} />}
        controls={
          <>
            <ShellSavedViews locale={locale} camera={camera} visibilityOverrides={visibilityOverrides} setVisibilityOverrides={setVisibilityOverrides} flyTo={flyTo} />
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
          plateOrder={PLATE_ORDER}
          plateTitle={plateTitleOf}
          controls={layerControls}
        />
        {CLIENT_PLATES.map((plate) => (plate.SidePanel ? <plate.SidePanel key={plate.slug} {...panelProps} /> : null))}
      </aside>
      {selection ? (
        <aside className="gt-twin__right" data-plate={selection.plate}>
          {SelectionPanel ? (
            <SelectionPanel {...panelProps} selection={selection} layer={selectedLayer} geoFeature={geoFeature} onClose={() => onSelect(null)} />
          ) : (
            <FeaturePanel
              layerTitle={selectedLayer ? layerTitle(selectedLayer, locale) : null}
              featureId={selection.featureId}
              properties={geoFeature?.properties ?? null}
              locale={locale}
              onClose={() => onSelect(null)}
            />
          )}
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
