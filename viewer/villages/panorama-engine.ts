import { Viewer } from '@photo-sphere-viewer/core';
import { GyroscopePlugin } from '@photo-sphere-viewer/gyroscope-plugin';
import { MarkersPlugin, type MarkerConfig } from '@photo-sphere-viewer/markers-plugin';
import '@photo-sphere-viewer/core/index.css';
import '@photo-sphere-viewer/markers-plugin/index.css';
import type { HotspotMarkerSpec, ViewerPosition } from './panorama-position';

/**
 * The Photo Sphere Viewer side of the panorama viewer: creates the viewer with its markers and gyroscope plugins
 * and exposes the few operations the component needs. This module (and the library with its CSS) is loaded only
 * through `import('./panorama-engine')` from ./panorama-viewer.tsx, so pages without a panorama never download it.
 * Marker elements are built with `textContent` (labels are curator text, never HTML).
 * @see https://photo-sphere-viewer.js.org/plugins/markers.html · https://photo-sphere-viewer.js.org/plugins/gyroscope.html
 */

/** Texts of the library's own controls (navbar titles, loading and error notices). */
export interface PanoramaEngineTexts {
  zoomIn: string;
  zoomOut: string;
  fullscreen: string;
  loading: string;
  loadError: string;
}

/** How the viewer starts. */
export interface PanoramaEngineStart {
  /** Equirectangular image URL. */
  url: string;
  /** Zoom level 0–100 (./panorama-position.ts `defaultZoomLevel`). */
  zoomLevel: number;
}

/** What the component may do with a created viewer. */
export interface PanoramaEngine {
  /** Shows another image (keeps the viewer; markers are replaced separately). */
  setPanorama(url: string): Promise<void>;
  setMarkers(specs: readonly HotspotMarkerSpec[]): void;
  getPosition(): ViewerPosition;
  rotate(position: ViewerPosition): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Whether the device reports its orientation (phones, tablets; the library listens for a first reading). */
  isGyroscopeSupported(): Promise<boolean>;
  /** Starts or stops following the device orientation (asks for permission on iOS, inside the click). */
  toggleGyroscope(): void;
  destroy(): void;
}

/** Callbacks of a created viewer. */
export interface PanoramaEngineEvents {
  /** A hotspot marker was clicked or tapped. */
  onSelectHotspot: (markerId: string) => void;
  onGyroscopeChange: (isOn: boolean) => void;
}

/** The marker element of a hotspot: a round pin and its label. */
function markerElement(spec: HotspotMarkerSpec): HTMLElement {
  const element = document.createElement('span');
  element.className = `gt-pano-hotspot gt-pano-hotspot--${spec.kind}`;
  element.setAttribute('aria-hidden', 'true');
  const pin = document.createElement('span');
  pin.className = 'gt-pano-hotspot__pin';
  pin.textContent = spec.kind === 'panorama' ? '➜' : 'i';
  const label = document.createElement('span');
  label.className = 'gt-pano-hotspot__label';
  label.textContent = spec.label;
  element.append(pin, label);
  return element;
}

function markerConfig(spec: HotspotMarkerSpec): MarkerConfig {
  return { id: spec.id, position: { yaw: spec.position.yaw, pitch: spec.position.pitch }, element: markerElement(spec), anchor: 'center center', data: { targetId: spec.targetId } };
}

/**
 * Creates the viewer in `container` showing `start.url` (an equirectangular image).
 * @throws the library's `PSVError` when WebGL is unavailable
 */
export function createPanoramaEngine(container: HTMLElement, start: PanoramaEngineStart, texts: PanoramaEngineTexts, events: PanoramaEngineEvents): PanoramaEngine {
  const viewer = new Viewer({
    container,
    panorama: start.url,
    navbar: ['zoom', 'fullscreen'],
    keyboard: false,
    mousewheelCtrlKey: true,
    touchmoveTwoFingers: false,
    defaultZoomLvl: start.zoomLevel,
    lang: { zoomIn: texts.zoomIn, zoomOut: texts.zoomOut, fullscreen: texts.fullscreen, loading: texts.loading, loadError: texts.loadError },
    plugins: [
      [MarkersPlugin, {}],
      [GyroscopePlugin, { touchmove: true }],
    ],
  });
  const markers = viewer.getPlugin<MarkersPlugin>(MarkersPlugin);
  const gyroscope = viewer.getPlugin<GyroscopePlugin>(GyroscopePlugin);
  markers.addEventListener('select-marker', (event) => events.onSelectHotspot(event.marker.id));
  // Markers set before the viewer is ready would be replaced by the plugin's initial ones: keep them until then.
  let isReady = false;
  let pendingMarkers: MarkerConfig[] | null = null;
  viewer.addEventListener(
    'ready',
    () => {
      isReady = true;
      if (pendingMarkers) markers.setMarkers(pendingMarkers);
      pendingMarkers = null;
    },
    { once: true },
  );
  gyroscope.addEventListener('gyroscope-updated', (event) => events.onGyroscopeChange(event.gyroscopeEnabled));
  return {
    setPanorama: async (next) => {
      await viewer.setPanorama(next, { position: { yaw: 0, pitch: 0 }, transition: false });
    },
    setMarkers: (specs) => {
      if (isReady) markers.setMarkers(specs.map(markerConfig));
      else pendingMarkers = specs.map(markerConfig);
    },
    getPosition: () => viewer.getPosition(),
    rotate: (position) => viewer.rotate(position),
    zoomIn: () => viewer.zoomIn(),
    zoomOut: () => viewer.zoomOut(),
    isGyroscopeSupported: () => gyroscope.isSupported(),
    toggleGyroscope: () => gyroscope.toggle(),
    destroy: () => viewer.destroy(),
  };
}
