'use client';
/**
 * The city twin shell (`/`): hosts every plate of app/plates.ts on one CesiumJS globe. It loads the layer
 * catalogue (`twin.layers.list`) and the GeoJSON of visible data-driven layers, draws all layers through the core
 * and plates' layer-kind plugins, keeps camera and selection `{plate, layerId, featureId}` in the URL, and lays
 * out the header, the dock (layer panel grouped by plate and CIM level, then each plate's side panel; shell-dock.tsx)
 * and the selection panel of the plate that owns the selected layer (selection-sheet.tsx). On a phone the dock's
 * panels and the selection are bottom sheets, one at a time (use-shell-panels.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { JIANGXI_OVERVIEW_CAMERA, type CameraState, type TwinUrlState } from '@viewer/core/camera-url';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { layerTitle, resolveLayerVisibility, type LayerDescriptor } from '@viewer/core/layer-descriptor';
import { geojsonFeatureId } from '@viewer/core/geojson-feature-id';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureSelection } from '@viewer/core/selection';
import { createMapViewStore } from '@viewer/core/map-view';
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import { CORE_LAYER_KINDS } from '@viewer/cesium/layer-kinds/core-layer-kinds';
import { useMeasureLink } from '@viewer/cesium/measure/use-measure-link';
import { MeasureTools } from '@viewer/cesium/measure/measure-tools';
import type { FlyRequest } from '@viewer/cesium/twin-globe';
import { UndergroundToggle } from '@viewer/plugins/underground/underground-toggle';
import { FeaturePanel } from '@viewer/ui/feature-panel';
import { LayerPanel } from '@viewer/ui/layer-panel';
import { LocaleSwitch } from '@viewer/ui/locale-switch';
import { SHELL_MESSAGES } from '@viewer/ui/shell-messages';
import { HONGGUTAN_DEMO_PLACE, isOverNanchang, NANCHANG_PLACE, quickPlaceOfCamera, type QuickPlace } from '@viewer/ui/quick-places';
import { SelectionMissingPanel } from '@viewer/ui/selection-missing-panel';
import { TwinHeader } from '@viewer/ui/twin-header';
import type { AppRouter } from '@server/api/root';
import { AccountMenuSlot } from '../accounts/account-menu-slot';
import { CLIENT_PLATES } from '../plates';
import { useTRPC } from '../providers';
import { OVERLAY_LAYER_PREFIX, type PickedGeoFeature, type PlateOverlay, type PlatePanelProps } from './client-plate';
import { SelectionSheet } from './selection-sheet';
import { ShellDock, type DockPanel } from './shell-dock';
import { switchLocale } from './switch-locale';
import { TwinGlobeLoader } from './twin-globe-loader';
import { ShellMapFurniture, ShellSavedViews, ShellSearch } from './twin-tools';
import { useIsCompactLayout } from './use-compact-layout';
import { useGeoLayers } from './use-geo-layers';
import { useLayerSettings } from './use-layer-settings';
import { useShellPanels } from './use-shell-panels';
import './map-furniture.css';
import { useTwinUrl } from './use-twin-url';

/** The layer-kind plugins of the globe: the core kinds, then the kinds plates add (one plugin per kind). */
const LAYER_KINDS = [...CORE_LAYER_KINDS, ...CLIENT_PLATES.flatMap((plate) => plate.layerKinds ?? [])];
const DRAWN_KINDS = new Set(LAYER_KINDS.map((plugin) => plugin.kind));
const PLATE_ORDER = CLIENT_PLATES.map((plate) => plate.slug);
/** Dock panels: the layer panel, then each plate's side panel (by plate slug). */
const DOCK_PANEL_IDS = ['layers', ...CLIENT_PLATES.flatMap((plate) => (plate.SidePanel ? [plate.slug] : []))];

/** The overlay setter of a selection panel whose plate is not in app/plates.ts (an old link): draws nothing. */
const IGNORE_OVERLAYS = () => {};

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
  /**
   * Where a signed-in city or county account starts when the URL has no `cam=` (region-camera.ts), or `null` for
   * the Jiangxi overview (anonymous visitors, province accounts).
   */
  homeCamera?: CameraState | null;
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
export function TwinShell({ locale, initialUrlState, initialData, homeCamera = null }: TwinShellProps) {
  const t = createTranslator(SHELL_MESSAGES, locale);
  const trpc = useTRPC();
  const router = useRouter();
  const url = useTwinUrl(initialUrlState);
  // An explicit `cam=` wins over the account's region; read once, like the globe does.
  const [initialCamera] = useState<CameraState | null>(() => initialUrlState.camera ?? homeCamera);
  const panels = useShellPanels(DOCK_PANEL_IDS, useIsCompactLayout());

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
  const [camera, setCamera] = useState<CameraState>(initialCamera ?? JIANGXI_OVERVIEW_CAMERA);
  const [flyRequest, setFlyRequest] = useState<FlyRequest | null>(null);
  const [layerErrors, setLayerErrors] = useState<Record<string, string>>({});
  const [mapView] = useState(createMapViewStore);
  // Measuring tools reach the globe's scene through its layer kinds; while one is active, clicks measure (no selecting).
  const measure = useMeasureLink(LAYER_KINDS);

  // Plates' analysis drawings (client-plate.ts `PlateOverlay`), by plate slug; drawn after every catalogue layer.
  const [overlays, setOverlays] = useState<Record<string, readonly PlateOverlay[]>>({});
  // One stable setter per plate (a panel's effect depends on it).
  const overlaySetters = useMemo(
    () =>
      new Map(
        PLATE_ORDER.map((plate) => [
          plate,
          (next: readonly PlateOverlay[]) =>
            setOverlays((previous) => (previous[plate] === next || ((previous[plate]?.length ?? 0) === 0 && next.length === 0) ? previous : { ...previous, [plate]: next })),
        ]),
      ),
    [],
  );
  const overlayLayers = useMemo<SceneLayer[]>(
    () =>
      Object.entries(overlays).flatMap(([plate, list]) =>
        list.map((overlay, index) => ({
          id: `${OVERLAY_LAYER_PREFIX}${plate}-${overlay.id}`,
          plate,
          kind: overlay.kind,
          url: '',
          isVisible: true,
          style: overlay.style,
          options: overlay.options,
          data: overlay.data,
          order: 10_000 + index,
        })) as SceneLayer[],
      ),
    [overlays],
  );

  const sceneLayers = useMemo<SceneLayer[]>(
    () =>
      applyLayerSettings(layers.map((layer, index) => ({
        id: layer.id,
        plate: layer.plate,
        kind: layer.kind,
        url: layer.url,
        isVisible: visibility[layer.id] ?? false,
        style: layer.style,
        // A model tileset shows its name on the map, in the UI language (layer-kinds/tileset.ts, model-labels.ts).
        options: layer.kind === 'tileset' ? { ...layer.options, label: layerTitle(layer, locale) } : layer.options,
        // A layer whose data failed to load is drawn empty (the toast says why), so it does not hold up readiness.
        data: geo.dataById.get(layer.id) ?? (geo.errorsById.has(layer.id) ? EMPTY_FEATURE_COLLECTION : null),
        order: index,
      // The catalogue types `kind` and `options` separately; each row pairs them as its kind expects (seeded from
      // LayerDefinition<K>), which TypeScript cannot see through the union.
      })) as SceneLayer[]),
    [layers, visibility, geo.dataById, geo.errorsById, locale, applyLayerSettings],
  );
  const drawnLayers = useMemo(() => (overlayLayers.length === 0 ? sceneLayers : [...sceneLayers, ...overlayLayers]), [sceneLayers, overlayLayers]);

  const { isCompact, isAnyOpen: isDockSheetOpen, closeAll: closeDockSheets } = panels;
  const onSelect = useCallback(
    (next: FeatureSelection | null) => {
      // Overlays are drawings, not features: a click on one selects nothing new.
      if (next?.layerId.startsWith(OVERLAY_LAYER_PREFIX)) return;
      setSelection(next);
      url.setSelection(next);
      // On a phone the selection's own sheet replaces an open panel sheet.
      if (next && isCompact) closeDockSheets();
    },
    [url, isCompact, closeDockSheets],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Escape closes what is on top: a panel sheet on a phone first, then the selection.
      if (isCompact && isDockSheetOpen) closeDockSheets();
      else onSelect(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onSelect, isCompact, isDockSheetOpen, closeDockSheets]);
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
      // The URL must hold the latest camera before it is read; the globe and selection stay (same component).
      url.flush();
      switchLocale(router, next);
    },
    [router, url],
  );

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

  const panelProps: PlatePanelProps = { locale, layers, visibility, selection, onSelect, flyTo, showLayer, sceneLink: measure.link };
  const selectedLayer = selection ? (layers.find((layer) => layer.id === selection.layerId) ?? null) : null;
  // The panel of the plate that owns the selected layer (the URL's plate only when it names no known layer).
  const selectedPlate = selection ? CLIENT_PLATES.find((plate) => plate.slug === (selectedLayer?.plate ?? selection.plate)) : undefined;
  const geoFeature = selection ? geoFeatureOf(selection, geo.dataById) : null;
  const SelectionPanel = selectedPlate?.SelectionPanel;
  const clearSelection = () => onSelect(null);
  const selectedPlateSlug = selection ? (selectedLayer?.plate ?? selection.plate) : null;
  // A closed selection panel leaves no drawing behind.
  useEffect(() => {
    setOverlays((previous) => {
      const stale = Object.keys(previous).filter((plate) => plate !== selectedPlateSlug && previous[plate].length > 0);
      return stale.length === 0 ? previous : { ...previous, ...Object.fromEntries(stale.map((plate) => [plate, []])) };
    });
  }, [selectedPlateSlug]);
  // A link naming a layer the catalogue lacks (plates with their own panel decide themselves), or a feature that
  // the layer's loaded data lacks.
  const isLayerMissing = selection !== null && !SelectionPanel && !layersQuery.isPending && selectedLayer === null;
  const isFeatureMissing =
    selection !== null && selectedLayer !== null && geo.dataById.has(selectedLayer.id) && geoFeature === null && selectedLayer.kind !== 'tileset';

  const breadcrumb = [t('region.jiangxi')];
  if (isOverNanchang(camera)) breadcrumb.push(t('region.nanchang'));
  // The model holding the selection, by its name in the UI language (its layer's title).
  if (selectedLayer?.kind === 'tileset') breadcrumb.push(layerTitle(selectedLayer, locale));

  const dockPanels: DockPanel[] = [
    {
      id: 'layers',
      title: t('dock.layers'),
      content: (
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
      ),
    },
    ...CLIENT_PLATES.flatMap((plate) =>
      plate.SidePanel ? [{ id: plate.slug, title: (plate.sidePanelTitle ?? plate.title)[locale], content: <plate.SidePanel {...panelProps} /> }] : [],
    ),
  ];

  return (
    <div className="gt-twin">
      <div className="gt-twin__globe">
        <TwinGlobeLoader
          locale={locale}
          layers={drawnLayers}
          layerKinds={measure.layerKinds}
          selection={selection}
          initialCamera={initialCamera}
          flyRequest={flyRequest}
          onFeatureSelect={measure.isMeasuring ? undefined : onSelect}
          onCameraChange={onCameraChange}
          onLayerError={onLayerError}
          onMapView={mapView.setView}
          onPointerPosition={mapView.setPointer}
        />
      </div>
      <ShellMapFurniture locale={locale} store={mapView} camera={camera} flyTo={flyTo} />
      <MeasureTools locale={locale} link={measure.link} onActiveChange={measure.setIsMeasuring} />
      <UndergroundToggle locale={locale} link={measure.link} />
      <TwinHeader
        locale={locale}
        breadcrumb={breadcrumb}
        onQuickNav={onQuickNav}
        activePlace={quickPlaceOfCamera(camera)}
        search={<ShellSearch locale={locale} flyTo={flyTo} onSelect={onSelect} showLayer={showLayer} plateTitle={plateTitleOf} />}
        controls={
          <>
            <ShellSavedViews locale={locale} camera={camera} visibilityOverrides={visibilityOverrides} setVisibilityOverrides={setVisibilityOverrides} flyTo={flyTo} />
            <LocaleSwitch locale={locale} onChange={onLocaleChange} />
            <AccountMenuSlot locale={locale} />
          </>
        }
      />
      <ShellDock panels={dockPanels} state={panels} label={t('dock.label')} closeLabel={t('dock.close')} />
      {selection ? (
        <SelectionSheet
          plate={selection.plate}
          selectionKey={`${selection.plate}:${selection.layerId}:${selection.featureId}`}
          isHidden={isCompact && isDockSheetOpen}
          label={t('selection.label')}
          collapseLabel={t('dock.collapse')}
          expandLabel={t('dock.expand')}
        >
          {isLayerMissing ? (
            <SelectionMissingPanel
              title={t('selection.missingTitle')}
              message={t('selection.missingLayer', { layerId: selection.layerId })}
              locale={locale}
              onClear={clearSelection}
            />
          ) : isFeatureMissing && selectedLayer ? (
            <SelectionMissingPanel
              title={layerTitle(selectedLayer, locale)}
              message={t('selection.missingFeature', { title: layerTitle(selectedLayer, locale), featureId: selection.featureId })}
              locale={locale}
              onClear={clearSelection}
            />
          ) : SelectionPanel ? (
            <SelectionPanel
              {...panelProps}
              selection={selection}
              layer={selectedLayer}
              geoFeature={geoFeature}
              onClose={clearSelection}
              showOverlays={overlaySetters.get(selectedPlate?.slug ?? '') ?? IGNORE_OVERLAYS}
            />
          ) : (
            <FeaturePanel
              layerTitle={selectedLayer ? layerTitle(selectedLayer, locale) : null}
              featureId={selection.featureId}
              properties={geoFeature?.properties ?? null}
              locale={locale}
              onClose={clearSelection}
            />
          )}
        </SelectionSheet>
      ) : null}
      {problems.length > 0 ? (
        <div className="gt-toast" role="status">
          {problems[0]}
        </div>
      ) : null}
    </div>
  );
}
