'use client';
/**
 * The villages plate's selection panel in the twin, by the picked layer: a village (`villages-points` or
 * `villages-boundaries`, feature id = 12-digit code) read with `villages.scene.byCode`, with its published tour
 * played on the globe's camera and, for curators of its region, the tour recorder (`villages.tour.get` /
 * `villages.tour.save`); a historic building (`villages-buildings`, feature id = building id) read with
 * `villages.scene.building`; a point of interest (`villages-pois`) from its loaded GeoJSON feature. Opening a
 * village switches the villages layers on (a village link, viewer/villages/village-scene-href.ts, carries only
 * camera and selection).
 */
import { useEffect, useState } from 'react';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { VILLAGES_LAYER_IDS } from '@data/villages/layers';
import { applyCameraState } from '@viewer/cesium/camera-pose';
import { createTranslator } from '@viewer/core/i18n';
import { SceneFeaturePanel, type PanelPoi } from '@viewer/villages/scene-feature-panel';
import { VILLAGES_SCENE_MESSAGES } from '@viewer/villages/scene-messages';
import { TourBar } from '@viewer/villages/tour-bar';
import { cameraStateOfPose, readTourPose } from '@viewer/villages/tour-camera';
import { TourRecorder, type RecordedTour } from '@viewer/villages/tour-recorder';
import { useTourPlayback } from '@viewer/villages/use-tour-playback';
import { VillagePanel } from '@viewer/villages/village-panel';
import type { PlateSelectionPanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';
import './village-scene.css';

const VILLAGE_CODE = /^36\d{10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Radius framed by "fly to the village", metres. */
const VILLAGE_FLY_RADIUS_M = 400;

/** The selection panel (see module doc); a new pick starts afresh. */
export function VillageSelectionPanel(props: PlateSelectionPanelProps) {
  const key = `${props.selection.layerId}:${props.selection.featureId}`;
  if (props.selection.layerId === VILLAGES_LAYER_IDS.buildings) return <BuildingSelection key={key} {...props} />;
  if (props.selection.layerId === VILLAGES_LAYER_IDS.pois) return <PoiSelection key={key} {...props} />;
  return <VillageSelection key={key} {...props} />;
}

function VillageSelection({ selection, locale, flyTo, onClose, showLayer, sceneLink, geoFeature }: PlateSelectionPanelProps) {
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const trpc = useTRPC();
  const code = selection.featureId;
  const isValid = VILLAGE_CODE.test(code);
  const villageQuery = useQuery(trpc.villages.scene.byCode.queryOptions(isValid ? { code } : skipToken, { retry: false }));
  const playback = useTourPlayback(sceneLink);
  const [isRecording, setIsRecording] = useState(false);
  const [layersShown, setLayersShown] = useState(false);

  useEffect(() => {
    // Once per opened village: the user may switch layers off again.
    if (layersShown) return;
    for (const id of Object.values(VILLAGES_LAYER_IDS)) showLayer(id);
    setLayersShown(true);
  }, [layersShown, showLayer]);

  const errorCode = villageQuery.error ? trpcErrorCode(villageQuery.error) : null;
  const error = !isValid || errorCode === 'NOT_FOUND' || errorCode === 'BAD_REQUEST'
    ? t('village.notFound', { code })
    : villageQuery.error
      ? t('panel.error', { message: villageQuery.error.message })
      : null;
  const village = villageQuery.data ?? null;
  return (
    <VillagePanel
      locale={locale}
      village={village}
      isDemo={geoFeature?.properties.isDemo === true}
      loading={villageQuery.isFetching}
      error={error}
      pageHref={`/villages/${encodeURIComponent(code)}`}
      onClose={onClose}
      onFlyTo={() => village && flyTo({ layerId: null, point: { lonDeg: village.position[0], latDeg: village.position[1], heightEllipsoidalM: 0, radiusM: VILLAGE_FLY_RADIUS_M } })}
      onPlayTour={() => village?.tour && playback.play(village.tour.stops)}
      isTourRunning={playback.state !== null}
      tourBar={playback.state ? <TourBar locale={locale} state={playback.state} onPause={playback.pause} onResume={playback.resume} onStop={playback.stop} /> : null}
      onRecord={() => setIsRecording(true)}
      isRecording={isRecording}
      recorder={isRecording && village?.canCurate ? <Recorder code={code} locale={locale} sceneLink={sceneLink} onPreview={playback.play} onClose={() => setIsRecording(false)} /> : null}
    />
  );
}

/** Props of {@link Recorder}. */
interface RecorderProps extends Pick<PlateSelectionPanelProps, 'locale' | 'sceneLink'> {
  code: string;
  onPreview: (stops: RecordedTour['stops']) => void;
  onClose: () => void;
}

/** The recorder wired to `villages.tour.get` / `villages.tour.save` and the globe's camera. */
function Recorder({ code, locale, sceneLink, onPreview, onClose }: RecorderProps) {
  const trpc = useTRPC();
  const tourQuery = useQuery(trpc.villages.tour.get.queryOptions({ code }, { retry: false }));
  const save = useMutation(trpc.villages.tour.save.mutationOptions());
  return (
    <TourRecorder
      locale={locale}
      initial={tourQuery.data ? { titleZh: tourQuery.data.titleZh, titleEn: tourQuery.data.titleEn, stops: tourQuery.data.stops } : null}
      captureCamera={() => {
        const live = sceneLink.current();
        return live ? readTourPose(live.Cesium, live.scene.camera) : null;
      }}
      onViewStop={(stop) => {
        const live = sceneLink.current();
        if (!live) return;
        applyCameraState(live.Cesium, live.scene.camera, cameraStateOfPose(stop.camera));
        live.scene.requestRender();
      }}
      onPreview={onPreview}
      onSave={(tour) => save.mutate({ code, ...tour })}
      saving={save.isPending}
      error={save.error ? save.error.message : tourQuery.error ? tourQuery.error.message : null}
      isSaved={save.isSuccess}
      onClose={onClose}
    />
  );
}

function BuildingSelection({ selection, locale, onClose }: PlateSelectionPanelProps) {
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const trpc = useTRPC();
  const id = selection.featureId;
  const isValid = UUID.test(id);
  const buildingQuery = useQuery(trpc.villages.scene.building.queryOptions(isValid ? { id } : skipToken, { retry: false }));
  const errorCode = buildingQuery.error ? trpcErrorCode(buildingQuery.error) : null;
  const error = !isValid || errorCode === 'NOT_FOUND' || errorCode === 'BAD_REQUEST'
    ? t('building.notFound', { id })
    : buildingQuery.error
      ? t('panel.error', { message: buildingQuery.error.message })
      : null;
  return <SceneFeaturePanel locale={locale} feature={{ kind: 'building', building: buildingQuery.data ?? null }} loading={buildingQuery.isFetching} error={error} onClose={onClose} />;
}

/** A POI's properties as the `villages-pois` source writes them, or null. */
function poiOf(properties: Record<string, unknown> | null): PanelPoi | null {
  if (!properties) return null;
  const text = (key: string) => (typeof properties[key] === 'string' ? (properties[key] as string) : null);
  const name = text('name');
  if (name === null) return null;
  return { kind: text('kind') ?? '', name, nameEn: text('nameEn'), description: text('description') ?? '', descriptionEn: text('descriptionEn'), villageName: text('villageName') ?? '' };
}

function PoiSelection({ locale, onClose, geoFeature, showLayer }: PlateSelectionPanelProps) {
  useEffect(() => showLayer(VILLAGES_LAYER_IDS.pois), [showLayer]);
  const poi = poiOf(geoFeature?.properties ?? null);
  return <SceneFeaturePanel locale={locale} feature={{ kind: 'poi', poi }} loading={!poi} error={null} onClose={onClose} />;
}
