'use client';
/**
 * The parcels page's map: the twin's offline globe (../cesium/use-cesium-viewer.ts, no layers) with the polygon
 * editor (../cesium/polygon-editor.ts) for the edited parcel and the region's other parcels drawn faintly. Renders
 * only: the corners come in as props and every user change goes out through `onCornersChange`. Load it client-only
 * (`next/dynamic`, `ssr: false`). The root carries `data-ready` like the twin globe; `window.__gantwin` is installed.
 */
import { useEffect, useRef, useState } from 'react';
import type { PolygonEditor as PolygonEditorType } from '@viewer/cesium/polygon-editor';
import { CESIUM_BASE_URL } from '@viewer/cesium/load-cesium';
import { installTestHook } from '@viewer/cesium/test-hook';
import { useCesiumViewer } from '@viewer/cesium/use-cesium-viewer';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { LonLat } from '@viewer/core/polygon-ring';
import { createEventEmitter, type TwinEventMap } from '@viewer/core/twin-events';
import { PARCEL_MESSAGES } from './parcel-messages';

/** A parcel drawn faintly for context. */
export interface ParcelOutline {
  id: string;
  code: string;
  corners: readonly LonLat[];
}

/** Props of {@link ParcelMap}. */
export interface ParcelMapProps {
  locale: Locale;
  /** Open ring of the edited parcel, `[lonDeg, latDeg]`. */
  corners: readonly LonLat[];
  isClosed: boolean;
  /** Whether clicks add corners. */
  isDrawing: boolean;
  selectedCorner: number | null;
  /** Other parcels (not the edited one). */
  outlines: readonly ParcelOutline[];
  /** Flies to the edited parcel (or to the outlines) whenever this changes. */
  flyKey: string;
  /** Whether the user may change the polygon (false: drawn, not editable). */
  isEditable: boolean;
  onCornersChange: (corners: [number, number][], isClosed: boolean) => void;
  onSelectCorner: (index: number | null) => void;
}

const NO_LAYER_KINDS: [] = [];

/** The map (see module doc). */
export default function ParcelMap(props: ParcelMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [events] = useState(() => createEventEmitter<TwinEventMap>());
  const { scene, error } = useCesiumViewer(containerRef, null, events, NO_LAYER_KINDS);
  const [editor, setEditor] = useState<PolygonEditorType | null>(null);
  const [isReady, setIsReady] = useState(false);
  const t = createTranslator(PARCEL_MESSAGES, props.locale);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!scene) return undefined;
    let isCancelled = false;
    let created: PolygonEditorType | null = null;
    const { uninstall } = installTestHook(scene);
    void Promise.all([import('@viewer/cesium/polygon-editor'), import('@viewer/cesium/load-cesium').then((m) => m.loadCesium())]).then(([{ PolygonEditor }, Cesium]) => {
      if (isCancelled) return;
      const formatter = new Intl.NumberFormat(latest.current.locale, { maximumFractionDigits: 0 });
      created = new PolygonEditor(Cesium, scene.widget.scene, {
        colour: '#19e3ff',
        contextColour: '#ffd54a88',
        formatArea: (areaM2) => `${formatter.format(areaM2)} m²`,
        onChange: (corners, isClosed) => latest.current.onCornersChange(corners, isClosed),
        onSelectCorner: (index) => latest.current.onSelectCorner(index),
      });
      setEditor(created);
    });
    const removeReady = events.on('ready-change', ({ isReady: ready }) => setIsReady(ready));
    return () => {
      isCancelled = true;
      removeReady();
      uninstall();
      created?.destroy();
      setEditor(null);
    };
  }, [scene, events]);

  const { corners, isClosed, isDrawing, isEditable, selectedCorner, outlines, flyKey } = props;
  useEffect(() => editor?.setPolygon(corners, isClosed), [editor, corners, isClosed]);
  useEffect(() => editor?.setDrawing(isEditable && isDrawing), [editor, isDrawing, isEditable]);
  useEffect(() => editor?.setSelectedCorner(selectedCorner), [editor, selectedCorner]);
  useEffect(() => editor?.setContext(outlines.map((o) => ({ id: o.id, corners: o.corners, label: o.code }))), [editor, outlines]);
  const hasOutlines = outlines.length > 0;
  useEffect(() => {
    if (!editor) return;
    editor.flyTo(outlines.flatMap((o) => o.corners), 0.6);
    // Only a new flyKey (or the first outlines to arrive) flies, not every corner or outline change.
  }, [editor, flyKey, hasOutlines]);

  return (
    <div className="gt-parcel-map" data-ready={isReady && editor ? 'true' : 'false'} data-corners={corners.length} data-closed={isClosed ? 'true' : 'false'}>
      <link rel="stylesheet" href={`${CESIUM_BASE_URL}/Widgets/CesiumWidget/CesiumWidget.css`} precedence="default" />
      <div ref={containerRef} className="gt-parcel-map__canvas" role="application" aria-label={t('map.title')} />
      {!scene && !error && <p className="gt-parcel-map__status">{t('map.loading')}</p>}
      {error && <p className="gt-parcel-map__status gt-form__error">{t('map.failed', { message: error.message })}</p>}
    </div>
  );
}
