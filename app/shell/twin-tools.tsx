'use client';
/**
 * The shell's search box, saved-views menu and map furniture, wired to the server and to the shell's camera, layers
 * and selection. The shell mounts each with a few props (app/shell/twin-shell.tsx); their state lives in
 * use-search.ts, use-saved-views.ts and the globe's map-view store.
 */
import { useCallback } from 'react';
import { formatShareableUrl, writeTwinUrlState, type CameraState } from '@viewer/core/camera-url';
import type { Locale } from '@viewer/core/i18n';
import { northUpCamera, type MapView, type MapViewStore } from '@viewer/core/map-view';
import type { FeatureSelection } from '@viewer/core/selection';
import type { FlyToPoint } from '@viewer/cesium/camera-pose';
import { MapFurniture } from '@viewer/ui/map-furniture/map-furniture';
import { SavedViewsPanel } from '@viewer/ui/saved-views-panel';
import { SearchBox } from '@viewer/ui/search-box';
import { isSameSitePath } from '@viewer/core/same-site-path';
import { cameraForRegion } from '@viewer/core/region-camera';
import { SAVED_VIEW_NAME_MAX_CHARS, SAVED_VIEWS_MAX_PER_ACCOUNT, type SavedView } from '@kernel/saved-view';
import type { SearchAction } from '@server/host/plate-search';
import { useSavedViews } from './use-saved-views';
import { useSearch } from './use-search';

/** The shell's way to move the camera (twin-shell.tsx `flyTo`). */
export type ShellFlyTo = (target: { layerId: string | null; point: FlyToPoint | null; camera?: CameraState | null }) => void;

/** Props of {@link ShellSearch}. */
export interface ShellSearchProps {
  locale: Locale;
  flyTo: ShellFlyTo;
  onSelect: (selection: FeatureSelection | null) => void;
  /** Switches a layer on (a model chosen in the results may start hidden). */
  showLayer: (layerId: string) => void;
  plateTitle: (slug: string) => string;
}

/** The header search box: `search.query` results; choosing one flies, selects or opens it. */
export function ShellSearch({ locale, flyTo, onSelect, showLayer, plateTitle }: ShellSearchProps) {
  const search = useSearch();
  const run = useCallback(
    (action: SearchAction) => {
      switch (action.type) {
        case 'fly-to-point':
          if (action.layerId) showLayer(action.layerId);
          flyTo({ layerId: action.layerId, point: action.point });
          break;
        case 'fly-to-bbox':
          flyTo({ layerId: null, point: null, camera: cameraForRegion(action.bbox) });
          break;
        case 'select':
          if (action.selection.layerId) showLayer(action.selection.layerId);
          onSelect(action.selection);
          if (action.point) flyTo({ layerId: null, point: action.point });
          break;
        case 'open-url':
          if (isSameSitePath(action.url, window.location.origin)) window.location.assign(action.url);
          break;
      }
    },
    [flyTo, onSelect, showLayer],
  );
  return (
    <SearchBox
      locale={locale}
      query={search.query}
      onQueryChange={search.setQuery}
      groups={search.groups}
      answeredQuery={search.answeredQuery}
      isSearching={search.isSearching}
      error={search.error}
      plateTitle={plateTitle}
      onChoose={(result) => run(result.action)}
    />
  );
}

/** Props of {@link ShellSavedViews}. */
export interface ShellSavedViewsProps {
  locale: Locale;
  /** The camera now (the shell's last `moveEnd`). */
  camera: CameraState;
  /** Layers switched away from their default (the shell's `visibilityOverrides`). */
  visibilityOverrides: Record<string, boolean>;
  setVisibilityOverrides: (overrides: Record<string, boolean>) => void;
  flyTo: ShellFlyTo;
}

/** The saved-views menu: save the current camera and layer switches, fly back to one (restoring the layers). */
export function ShellSavedViews({ locale, camera, visibilityOverrides, setVisibilityOverrides, flyTo }: ShellSavedViewsProps) {
  const saved = useSavedViews();
  const linkOf = (view: SavedView) =>
    `${window.location.origin}${formatShareableUrl(window.location.pathname, writeTwinUrlState(new URLSearchParams(), { camera: view.camera, selection: null }))}`;
  return (
    <SavedViewsPanel
      locale={locale}
      views={saved.views}
      storage={saved.storage}
      isLoading={saved.isLoading}
      isSaving={saved.isSaving}
      error={saved.error}
      maxNameChars={SAVED_VIEW_NAME_MAX_CHARS}
      maxViews={SAVED_VIEWS_MAX_PER_ACCOUNT}
      onSave={(name) => saved.save({ name, camera, layerVisibility: visibilityOverrides })}
      onOpen={(view) => {
        setVisibilityOverrides(view.layerVisibility);
        flyTo({ layerId: null, point: null, camera: view.camera });
      }}
      onRemove={saved.remove}
      linkOf={linkOf}
    />
  );
}

/** Props of {@link ShellMapFurniture}. */
export interface ShellMapFurnitureProps {
  locale: Locale;
  store: MapViewStore;
  camera: CameraState;
  flyTo: ShellFlyTo;
}

/** Compass, scale bar and cursor coordinates; the compass turns the view north around its centre. */
export function ShellMapFurniture({ locale, store, camera, flyTo }: ShellMapFurnitureProps) {
  const onResetNorth = (view: MapView | null) => {
    const now = view ? { ...camera, headingDeg: view.headingDeg, pitchDeg: view.pitchDeg } : camera;
    flyTo({ layerId: null, point: null, camera: view ? northUpCamera(view, now) : { ...now, headingDeg: 0 } });
  };
  return <MapFurniture locale={locale} store={store} onResetNorth={onResetNorth} />;
}
