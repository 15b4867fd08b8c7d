'use client';
/** The frame of the sensors pages: the plate page frame (../plate-page-frame.tsx) with the plate's tabs. */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { REGISTRY_MESSAGES } from '@viewer/sensors/registry-messages';
import { PlatePageFrame } from '../plate-page-frame';
import { SENSORS_PATHS } from './sensors-paths';

/** A sensors page. */
export type SensorsSection = 'devices';

/** The frame (see module doc). */
export function SensorsPageFrame({ locale, active, children }: { locale: Locale; active: SensorsSection | null; children: ReactNode }) {
  const t = createTranslator(REGISTRY_MESSAGES, locale);
  return (
    <PlatePageFrame
      locale={locale}
      productName={t('nav.label')}
      navLabel={t('nav.label')}
      sections={[{ id: 'devices', label: t('nav.devices'), href: SENSORS_PATHS.devices }]}
      active={active}
      twinHref={SENSORS_PATHS.twin}
      backLabel={t('nav.twin')}
    >
      {children}
    </PlatePageFrame>
  );
}
