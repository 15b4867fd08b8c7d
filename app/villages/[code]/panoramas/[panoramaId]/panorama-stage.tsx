'use client';

/**
 * The client part of the panorama page: the viewer (viewer/villages/panorama-viewer.tsx) with its hotspots wired to
 * addresses — a building opens its entry on the village page (`/villages/<code>#building-<id>`), another panorama
 * its own page.
 */
import { useRouter } from 'next/navigation';
import type { Locale } from '@viewer/core/i18n';
import type { PanoramaViewData } from '@viewer/villages/panorama-view-data';
import { PanoramaViewer } from '@viewer/villages/panorama-viewer';
import { panoramaHref, villageHref } from './panorama-paths';

/** Props of {@link PanoramaStage}. */
export interface PanoramaStageProps {
  villageCode: string;
  panorama: PanoramaViewData;
  locale: Locale;
}

/** The viewer of one panorama (see module doc). */
export function PanoramaStage({ villageCode, panorama, locale }: PanoramaStageProps) {
  const router = useRouter();
  return (
    <PanoramaViewer
      panorama={panorama}
      locale={locale}
      onOpenBuilding={(buildingId) => router.push(villageHref(villageCode, buildingId))}
      onOpenPanorama={(panoramaId) => router.push(panoramaHref(villageCode, panoramaId))}
    />
  );
}
