'use client';

/**
 * The 720° panorama viewer of a village (全景漫游): an equirectangular image on a sphere (Photo Sphere Viewer),
 * dragged with the mouse or a finger, turned with the arrow keys (+/− zoom) once focused, and on phones optionally
 * following the device's orientation (the 陀螺仪 button shows only where the device reports it). Hotspots are drawn
 * in the image and listed as buttons below it (the keyboard and screen-reader path): one opens a building entry
 * (`onOpenBuilding(buildingId)`), another the next panorama (`onOpenPanorama(panoramaId)`).
 *
 * The library and its CSS are imported on demand inside an effect (./panorama-engine.ts), so a page that renders
 * this component ships only this file until the viewer mounts. Renders and emits only: the page fetches.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_MESSAGES } from './messages';
import type { PanoramaEngine } from './panorama-engine';
import { choosePanoramaVariant, defaultZoomLevel, hotspotMarkerSpecs, keyboardStep, panoramaTextureWidthPx } from './panorama-position';
import type { PanoramaViewData } from './panorama-view-data';
import './panorama-viewer.css';

/** Props of {@link PanoramaViewer}. */
export interface PanoramaViewerProps {
  panorama: PanoramaViewData;
  locale: Locale;
  /** A building hotspot was chosen. */
  onOpenBuilding: (buildingId: string) => void;
  /** A hotspot leading to another panorama was chosen. */
  onOpenPanorama: (panoramaId: string) => void;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

/** The panorama viewer (see module doc). */
export function PanoramaViewer({ panorama, locale, onOpenBuilding, onOpenPanorama }: PanoramaViewerProps) {
  const t = createTranslator(VILLAGES_MESSAGES, locale);
  const stageRef = useRef<HTMLDivElement>(null);
  const [engine, setEngine] = useState<PanoramaEngine | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [isGyroscopeSupported, setGyroscopeSupported] = useState(false);
  const [isGyroscopeOn, setGyroscopeOn] = useState(false);
  const specs = useMemo(() => hotspotMarkerSpecs(panorama.hotspots, locale), [panorama.hotspots, locale]);
  // Latest callbacks and hotspots for the engine's listeners, which are attached once.
  const latest = useRef({ specs, onOpenBuilding, onOpenPanorama });
  latest.current = { specs, onOpenBuilding, onOpenPanorama };

  const title = locale === 'en' ? (panorama.titleEn ?? panorama.titleZh) : panorama.titleZh;
  const alt = (locale === 'en' ? (panorama.image.altEn ?? panorama.image.altZh) : panorama.image.altZh) + (panorama.image.isGenerated ? t('panorama.generated') : '');
  const openHotspot = (markerId: string) => {
    const spec = latest.current.specs.find((candidate) => candidate.id === markerId);
    if (spec?.kind === 'building') latest.current.onOpenBuilding(spec.targetId);
    if (spec?.kind === 'panorama') latest.current.onOpenPanorama(spec.targetId);
  };

  // The image to show, chosen once the stage's width is known (phones get the 2048 px variant).
  const [widthPx, setWidthPx] = useState<number | null>(null);
  useEffect(() => setWidthPx(stageRef.current?.clientWidth ?? 0), []);
  const variant = widthPx === null ? null : choosePanoramaVariant(panorama.image.variants, panoramaTextureWidthPx(widthPx));

  // Creates the viewer (loading the library) once the first image is known; destroys it on unmount.
  const hasVariant = variant !== null;
  const firstUrl = useRef<string | null>(null);
  if (firstUrl.current === null && variant) firstUrl.current = variant.url;
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage || !hasVariant || firstUrl.current === null) return;
    let isCancelled = false;
    let created: PanoramaEngine | null = null;
    const texts = { zoomIn: t('panorama.zoomIn'), zoomOut: t('panorama.zoomOut'), fullscreen: t('panorama.fullscreen'), loading: t('panorama.loading'), loadError: t('panorama.noImage') };
    import('./panorama-engine')
      .then(({ createPanoramaEngine }) => {
        if (isCancelled) return;
        created = createPanoramaEngine(stage, { url: firstUrl.current as string, zoomLevel: defaultZoomLevel(stage.clientWidth) }, texts, { onSelectHotspot: openHotspot, onGyroscopeChange: setGyroscopeOn });
        setEngine(created);
        setStatus({ kind: 'ready' });
        // A touch device that reports its orientation: desktops with emulated or laptop sensors get no button.
        const isTouch = window.matchMedia('(any-pointer: coarse)').matches;
        if (isTouch) void created.isGyroscopeSupported().then((isSupported) => !isCancelled && setGyroscopeSupported(isSupported), () => undefined);
      })
      .catch((error: unknown) => !isCancelled && setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      isCancelled = true;
      created?.destroy();
      setEngine(null);
    };
    // Created once per mount: later images and hotspots go through the engine (effects below); texts stay as first rendered.
  }, [hasVariant]);

  const url = variant?.url ?? null;
  useEffect(() => {
    if (engine && url && url !== firstUrl.current) {
      firstUrl.current = url;
      engine.setPanorama(url).catch((error: unknown) => setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    }
  }, [engine, url]);
  useEffect(() => engine?.setMarkers(specs), [engine, specs]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!engine) return;
    if (event.key === '+' || event.key === '=') engine.zoomIn();
    else if (event.key === '-') engine.zoomOut();
    else {
      const next = keyboardStep(event.key, engine.getPosition());
      if (!next) return;
      engine.rotate(next);
    }
    event.preventDefault();
  };

  return (
    <div className="gt-pano" data-testid="panorama-viewer" data-panorama-id={panorama.id}>
      <div
        ref={stageRef}
        className="gt-pano__stage"
        role="application"
        aria-roledescription={t('panorama.roleDescription')}
        aria-label={t('panorama.label', { title, alt })}
        aria-describedby={`gt-pano-hint-${panorama.id}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-status={status.kind}
      >
        {!variant && widthPx !== null ? <p className="gt-pano__status gt-pano__status--error">{t('panorama.noImage')}</p> : null}
        {variant && status.kind === 'loading' ? <p className="gt-pano__status">{t('panorama.loading')}</p> : null}
        {status.kind === 'error' ? (
          <p className="gt-pano__status gt-pano__status--error" role="alert">
            {t('panorama.error', { message: status.message })}
          </p>
        ) : null}
      </div>
      {isGyroscopeSupported && engine ? (
        <button type="button" className="gt-pano__gyroscope" aria-pressed={isGyroscopeOn} onClick={() => engine.toggleGyroscope()} data-testid="panorama-gyroscope">
          {isGyroscopeOn ? t('panorama.gyroscopeOff') : t('panorama.gyroscopeOn')}
        </button>
      ) : null}
      <p id={`gt-pano-hint-${panorama.id}`} className="gt-pano__hint">
        {t('panorama.instructions')}
      </p>
      {specs.length > 0 ? (
        <nav aria-label={t('panorama.hotspots')}>
          <ul className="gt-pano__hotspots">
            {specs.map((spec) => (
              <li key={spec.id}>
                <button type="button" onClick={() => openHotspot(spec.id)} data-hotspot-kind={spec.kind} data-target-id={spec.targetId}>
                  {t(spec.kind === 'building' ? 'panorama.openBuilding' : 'panorama.openPanorama', { label: spec.label })}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
