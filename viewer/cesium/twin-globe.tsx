'use client';
/**
 * The city twin globe: a CesiumJS scene filling its parent, fed with layers and selection through props and
 * reporting picks, camera moves and readiness through callbacks. Never fetches data. Load it client-only
 * (`next/dynamic` with `ssr: false` in app/): CesiumJS needs `window` and WebGL.
 */
import { useEffect, useRef, useState } from 'react';
import type { CameraState } from '@viewer/core/camera-url';
import type { MapView, PointerLonLat } from '@viewer/core/map-view';
import { createTranslator, type Locale, type Translator } from '@viewer/core/i18n';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureLabel, FeatureLabelFigures, FeatureSelection } from '@viewer/core/selection';
import { createEventEmitter, type TwinEventMap } from '@viewer/core/twin-events';
import type { FlyToPoint } from './camera-pose';
import type { LayerKindPlugin } from './layer-kind-plugin';
import { CESIUM_BASE_URL, loadCesium } from './load-cesium';
import { watchMapView } from './map-view-probe';
import { GLOBE_MESSAGES, type GlobeMessageKey } from './messages';
import { installTestHook } from './test-hook';
import { useCesiumViewer } from './use-cesium-viewer';

/** A request to fly somewhere; a new `requestId` triggers a new flight. */
export interface FlyRequest {
  /** Increases with every request (the same request is not flown twice). */
  requestId: number;
  /** Frame this layer when its bounds are known (a loaded tileset)… */
  layerId: string | null;
  /** …otherwise (or when `layerId` is null) fly to this point… */
  point: FlyToPoint | null;
  /** …or to this camera pose (used when `layerId` and `point` are null). */
  camera?: CameraState | null;
}

/** Props of {@link TwinGlobe}. */
export interface TwinGlobeProps {
  locale: Locale;
  /** The layers to draw, of any kind a plugin in `layerKinds` draws. */
  layers: readonly SceneLayer[];
  /** The layer-kind plugins of the scene (read once, when the scene is created). */
  layerKinds: readonly LayerKindPlugin[];
  /** The selected feature (marked in the layer that holds it), or `null`. */
  selection: FeatureSelection | null;
  /** Camera at start (from the URL), or `null` for the Jiangxi overview. Read once. */
  initialCamera: CameraState | null;
  flyRequest: FlyRequest | null;
  onFeatureSelect?: (selection: FeatureSelection | null) => void;
  onFeatureHover?: (selection: FeatureSelection | null) => void;
  /** Called when the camera stopped moving. */
  onCameraChange?: (camera: CameraState) => void;
  /** Called when a layer fails to load (`message` names the URL and the reason). */
  onLayerError?: (layerId: string, message: string) => void;
  /** Heading, pitch, scale and view centre after each rendered frame that changed them (map furniture). */
  onMapView?: (view: MapView) => void;
  /** Ground lon/lat under the mouse (≤ every 50 ms), `null` when it leaves the globe; not for touch. */
  onPointerPosition?: (pointer: PointerLonLat) => void;
}

/** Keeps the latest value of a callback prop without re-running effects when it changes. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** A label's figures as one line (`管径 DN300 · 覆土 1.00–1.20 米`). */
function TipFigures({ figures, t }: { figures: FeatureLabelFigures; t: Translator<GlobeMessageKey> }) {
  const parts: string[] = [];
  if (figures.diameterMm !== undefined) parts.push(t('tip.diameter', { value: Math.round(figures.diameterMm) }));
  if (figures.coverM) {
    const { minM, maxM } = figures.coverM;
    parts.push(t('tip.cover', { value: minM === maxM ? minM.toFixed(2) : `${minM.toFixed(2)}–${maxM.toFixed(2)}` }));
  }
  return parts.length > 0 ? <span className="gt-globe__tip-figures" data-testid="globe-tip-figures">{parts.join(' · ')}</span> : null;
}

/**
 * The globe. Its root element carries `data-ready="true"` once the globe and every shown layer have loaded
 * what the current view needs (and `"false"` while loading).
 */
export default function TwinGlobe(props: TwinGlobeProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [events] = useState(() => createEventEmitter<TwinEventMap>());
  const { scene, error } = useCesiumViewer(containerRef, props.initialCamera, events, props.layerKinds);
  const [isReady, setIsReady] = useState(false);
  const [hoverTip, setHoverTip] = useState<{ label: FeatureLabel; x: number; y: number } | null>(null);
  const t = createTranslator(GLOBE_MESSAGES, props.locale);
  const callbacks = useLatest(props);

  useEffect(() => {
    if (!scene) return undefined;
    const { hook, uninstall } = installTestHook(scene);
    const offs = [
      events.on('feature-select', ({ selection }) => {
        hook.lastSelection = selection;
        callbacks.current.onFeatureSelect?.(selection);
      }),
      events.on('feature-hover', ({ selection, label, canvasX, canvasY }) => {
        setHoverTip(selection && label ? { label, x: canvasX, y: canvasY } : null);
        callbacks.current.onFeatureHover?.(selection);
      }),
      events.on('camera-change', ({ camera }) => callbacks.current.onCameraChange?.(camera)),
      events.on('ready-change', ({ isReady: ready }) => setIsReady(ready)),
      events.on('layer-load', ({ layerId, message }) => {
        if (message !== null) callbacks.current.onLayerError?.(layerId, message);
      }),
    ];
    return () => {
      for (const off of offs) off();
      uninstall();
    };
  }, [scene, events, callbacks]);

  useEffect(() => {
    if (!scene) return undefined;
    let stop: (() => void) | null = null;
    let isCancelled = false;
    void loadCesium().then((Cesium) => {
      if (isCancelled) return;
      stop = watchMapView(Cesium, scene.widget, {
        onView: (view) => callbacks.current.onMapView?.(view),
        onPointer: (pointer) => callbacks.current.onPointerPosition?.(pointer),
      });
    });
    return () => {
      isCancelled = true;
      stop?.();
    };
  }, [scene, callbacks]);

  useEffect(() => {
    scene?.syncLayers(props.layers);
  }, [scene, props.layers]);

  useEffect(() => {
    scene?.setSelection(props.selection);
  }, [scene, props.selection]);

  const flownRequestId = useRef<number | null>(null);
  useEffect(() => {
    const request = props.flyRequest;
    if (!scene || !request || flownRequestId.current === request.requestId) return;
    flownRequestId.current = request.requestId;
    if (request.layerId !== null) scene.flyToLayer(request.layerId, request.point);
    else if (request.point) scene.flyToPoint(request.point);
    else if (request.camera) scene.flyToCamera(request.camera);
  }, [scene, props.flyRequest]);

  return (
    <div className="gt-globe" data-ready={isReady ? 'true' : 'false'} data-testid="twin-globe">
      <link rel="stylesheet" href={`${CESIUM_BASE_URL}/Widgets/CesiumWidget/CesiumWidget.css`} precedence="default" />
      <div ref={containerRef} className="gt-globe__canvas" role="application" aria-label={t('globe.ariaLabel')} />
      {hoverTip ? (
        <div className="gt-globe__tip" style={{ left: hoverTip.x + 14, top: hoverTip.y + 14 }} role="tooltip">
          {hoverTip.label.kind ? <span className="gt-globe__tip-class">{hoverTip.label.kind}</span> : null}
          {hoverTip.label.name ? <span className="gt-globe__tip-name">{hoverTip.label.name}</span> : null}
          {hoverTip.label.figures ? <TipFigures figures={hoverTip.label.figures} t={t} /> : null}
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
