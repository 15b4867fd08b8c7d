'use client';
/**
 * The city twin globe: a CesiumJS scene filling its parent, fed with layers and selection through props and
 * reporting picks, camera moves and readiness through callbacks. Never fetches data. Load it client-only
 * (`next/dynamic` with `ssr: false` in app/): CesiumJS needs `window` and WebGL.
 */
import { useEffect, useRef, useState } from 'react';
import type { CameraState } from '@viewer/core/camera-url';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { ElementSelection } from '@viewer/core/selection';
import { createEventEmitter, type ElementLabel, type TwinEventMap } from '@viewer/core/twin-events';
import type { FlyToPoint } from './camera-pose';
import { CESIUM_BASE_URL } from './load-cesium';
import { GLOBE_MESSAGES } from './messages';
import { installTestHook } from './test-hook';
import type { TilesetLayerInput } from './tileset-layers';
import type { OutlineLayerInput } from './twin-scene';
import { useCesiumViewer } from './use-cesium-viewer';

/** A request to fly somewhere; a new `requestId` triggers a new flight. */
export interface FlyRequest {
  /** Increases with every request (the same request is not flown twice). */
  requestId: number;
  /** Frame this tileset layer when it is loaded… */
  tilesetId: string | null;
  /** …otherwise (or when `tilesetId` is null) fly to this point… */
  point: FlyToPoint | null;
  /** …or to this camera pose (used when `tilesetId` and `point` are null). */
  camera?: CameraState | null;
}

/** Props of {@link TwinGlobe}. */
export interface TwinGlobeProps {
  locale: Locale;
  /** GeoJSON layers drawn as outlines. */
  outlineLayers: readonly OutlineLayerInput[];
  /** Model tileset layers. */
  tilesetLayers: readonly TilesetLayerInput[];
  /** GlobalId of the selected element (highlighted in every tileset), or `null`. */
  selectedGlobalId: string | null;
  /** Camera at start (from the URL), or `null` for the Jiangxi overview. Read once. */
  initialCamera: CameraState | null;
  flyRequest: FlyRequest | null;
  onElementSelect?: (element: ElementSelection | null) => void;
  onElementHover?: (element: ElementSelection | null) => void;
  /** Called when the camera stopped moving. */
  onCameraChange?: (camera: CameraState) => void;
  /** Called when a tileset fails to load (`message` names the URL and the reason). */
  onTilesetError?: (tilesetId: string, message: string) => void;
}

/** Keeps the latest value of a callback prop without re-running effects when it changes. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * The globe. Its root element carries `data-ready="true"` once the globe and every visible tileset have loaded
 * what the current view needs (and `"false"` while loading).
 */
export default function TwinGlobe(props: TwinGlobeProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [events] = useState(() => createEventEmitter<TwinEventMap>());
  const { scene, error } = useCesiumViewer(containerRef, props.initialCamera, events);
  const [isReady, setIsReady] = useState(false);
  const [hoverTip, setHoverTip] = useState<{ label: ElementLabel; x: number; y: number } | null>(null);
  const t = createTranslator(GLOBE_MESSAGES, props.locale);
  const callbacks = useLatest(props);

  useEffect(() => {
    if (!scene) return undefined;
    const { hook, uninstall } = installTestHook(scene);
    const offs = [
      events.on('element-select', ({ element }) => {
        hook.lastSelection = element;
        callbacks.current.onElementSelect?.(element);
      }),
      events.on('element-hover', ({ element, label, canvasX, canvasY }) => {
        setHoverTip(element && label ? { label, x: canvasX, y: canvasY } : null);
        callbacks.current.onElementHover?.(element);
      }),
      events.on('camera-change', ({ camera }) => callbacks.current.onCameraChange?.(camera)),
      events.on('ready-change', ({ isReady: ready }) => setIsReady(ready)),
      events.on('tileset-load', ({ tilesetId, message }) => {
        if (message !== null) callbacks.current.onTilesetError?.(tilesetId, message);
      }),
    ];
    return () => {
      for (const off of offs) off();
      uninstall();
    };
  }, [scene, events, callbacks]);

  useEffect(() => {
    scene?.syncOutlineLayers(props.outlineLayers);
  }, [scene, props.outlineLayers]);

  useEffect(() => {
    scene?.syncTilesetLayers(props.tilesetLayers);
  }, [scene, props.tilesetLayers]);

  useEffect(() => {
    scene?.setSelectedGlobalId(props.selectedGlobalId);
  }, [scene, props.selectedGlobalId]);

  const flownRequestId = useRef<number | null>(null);
  useEffect(() => {
    const request = props.flyRequest;
    if (!scene || !request || flownRequestId.current === request.requestId) return;
    flownRequestId.current = request.requestId;
    if (request.tilesetId !== null) scene.flyToTileset(request.tilesetId, request.point);
    else if (request.point) scene.flyToPoint(request.point);
    else if (request.camera) scene.flyToCamera(request.camera);
  }, [scene, props.flyRequest]);

  return (
    <div className="gt-globe" data-ready={isReady ? 'true' : 'false'} data-testid="twin-globe">
      <link rel="stylesheet" href={`${CESIUM_BASE_URL}/Widgets/CesiumWidget/CesiumWidget.css`} precedence="default" />
      <div ref={containerRef} className="gt-globe__canvas" role="application" aria-label={t('globe.ariaLabel')} />
      {hoverTip ? (
        <div className="gt-globe__tip" style={{ left: hoverTip.x + 14, top: hoverTip.y + 14 }} role="tooltip">
          {hoverTip.label.ifcClass ? <span className="gt-globe__tip-class">{hoverTip.label.ifcClass}</span> : null}
          {hoverTip.label.name ? <span className="gt-globe__tip-name">{hoverTip.label.name}</span> : null}
        </div>
      ) : null}
      {!scene && !error ? <div className="gt-globe__status">{t('globe.loading')}</div> : null}
      {error ? (
        <div className="gt-globe__status gt-globe__status--error" role="alert">
          {t('globe.error', { message: error.message })}
        </div>
      ) : null}
    </div>
  );
}
