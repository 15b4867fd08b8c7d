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

/** Props of {@link PanoramaStage}. */
export interface PanoramaStageProps {
  villageCode: string;
  panorama: PanoramaViewData;
  locale: Locale;
}

/** Address of a village's page, and of a building entry on it. */
export function villageHref(code: string, buildingId?: string): string {
  return `/villages/${code}${buildingId ? `#building-${buildingId}` : ''}`;
}

/** Address of a panorama page. */
export function panoramaHref(code: string, panoramaId: string): string {
  return `/villages/${code}/panoramas/${panoramaId}`;
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
