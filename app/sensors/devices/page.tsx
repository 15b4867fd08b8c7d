/**
 * `/sensors/devices` — the sensor registry (物联设备台账). A server component: the sensors page gate (inspectors,
 * officers, admins), then the client part; admins register sensors and gateways and issue tokens, the others read.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { REGISTRY_MESSAGES } from '@viewer/sensors/registry-messages';
import { GatedPlatePage } from '../../gated-plate-page';
import { getRequestLocale } from '../../locale';
import { SensorsPageFrame } from '../sensors-page-frame';
import { SENSORS_PAGE_ROLES, SENSORS_PATHS } from '../sensors-paths';
import { RegistryApp } from './registry-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(REGISTRY_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The registry page. */
export default function SensorRegistryPage() {
  return (
    <GatedPlatePage
      path={SENSORS_PATHS.devices} roles={SENSORS_PAGE_ROLES} Frame={SensorsPageFrame} active="devices"
      render={({ locale, actor }) => <RegistryApp locale={locale} role={actor.role} regionCode={actor.regionCode} />}
    />
  );
}
