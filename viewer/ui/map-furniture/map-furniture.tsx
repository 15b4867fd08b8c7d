'use client';
/**
 * The map furniture over the globe: compass (top right), scale bar with the cursor coordinates under it (bottom
 * centre, between the side panels). Reads the globe's {@link MapViewStore} itself (`useSyncExternalStore`), so frames re-render these few
 * elements only, not the shell.
 */
import { useSyncExternalStore } from 'react';
import type { Locale } from '@viewer/core/i18n';
import type { MapView, MapViewStore } from '@viewer/core/map-view';
import { Compass } from './compass';
import { CursorCoordinates } from './cursor-coordinates';
import { ScaleBar } from './scale-bar';

/** Props of {@link MapFurniture}. */
export interface MapFurnitureProps {
  locale: Locale;
  store: MapViewStore;
  /** Asked by the compass: turn the view to face north (given the view it was clicked in). */
  onResetNorth: (view: MapView | null) => void;
}

const noView = () => null;

/** The map furniture (see module doc). */
export function MapFurniture({ locale, store, onResetNorth }: MapFurnitureProps) {
  const view = useSyncExternalStore(store.subscribe, store.getView, noView);
  const pointer = useSyncExternalStore(store.subscribe, store.getPointer, noView);
  return (
    <div className="gt-map-furniture" data-testid="map-furniture">
      <Compass locale={locale} headingDeg={view?.headingDeg ?? 0} onResetNorth={() => onResetNorth(view)} />
      <div className="gt-map-furniture__bottom">
        <ScaleBar locale={locale} metresPerPixel={view?.metresPerPixel ?? null} />
        <CursorCoordinates locale={locale} pointer={pointer} />
      </div>
    </div>
  );
}
