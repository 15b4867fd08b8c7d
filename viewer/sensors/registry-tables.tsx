/**
 * The registry page's two tables: sensors (code, name, type, region, asset, gateway, last reading, state, admin
 * actions) and gateways (code, name, region, active sensors, admin action). Pure presentation: the page passes
 * rows, names and callbacks; without `onRotate`/`onSetActive` the tables are read-only.
 */
import { SENSOR_ASSET_KIND_NAMES, type SensorAssetKind } from '@data/sensors/asset-kinds';
import { SENSOR_TYPE_DEFINITIONS, type SensorType } from '@data/sensors/sensor-types';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { formatInstant, formatValue } from './alarm-format';
import { REGISTRY_MESSAGES } from './registry-messages';

/** A sensor row (the fields of `sensors.devices.list` the table shows). */
export interface RegistrySensorRow {
  id: string;
  code: string;
  name: string;
  type: SensorType;
  unit: string;
  regionCode: string;
  assetKind: string | null;
  assetId: string | null;
  gatewayId: string | null;
  hasToken: boolean;
  isDemo: boolean;
  isActive: boolean;
  lastObservedAt: Date | string | null;
  lastValue: number | null;
}

/** A gateway row (`sensors.gateways.list`). */
export interface RegistryGatewayRow {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  isDemo: boolean;
  sensorCount: number;
}

/** The name of an asset kind in `locale`, or the code itself for a kind a city added. */
function assetKindName(kind: string, locale: Locale): string {
  return (SENSOR_ASSET_KIND_NAMES as Record<string, { 'zh-CN': string; en: string } | undefined>)[kind as SensorAssetKind]?.[locale] ?? kind;
}

/** Props of {@link SensorTable}. */
export interface SensorTableProps {
  locale: Locale;
  sensors: readonly RegistrySensorRow[];
  regionNameOf: (code: string) => string;
  gatewayCodeOf: (id: string) => string;
  busyId: string | null;
  onRotate?: (sensor: RegistrySensorRow) => void;
  onSetActive?: (sensor: RegistrySensorRow, isActive: boolean) => void;
}

/** The sensors table (see module doc). */
export function SensorTable({ locale, sensors, regionNameOf, gatewayCodeOf, busyId, onRotate, onSetActive }: SensorTableProps) {
  const t = createTranslator(REGISTRY_MESSAGES, locale);
  const isAdmin = Boolean(onRotate && onSetActive);
  return (
    <div className="gt-table-wrap">
      <table className="gt-table" data-testid="sensor-table">
        <thead>
          <tr>
            <th>{t('col.code')}</th>
            <th>{t('col.name')}</th>
            <th>{t('col.type')}</th>
            <th>{t('col.region')}</th>
            <th>{t('col.asset')}</th>
            <th>{t('col.gateway')}</th>
            <th>{t('col.last')}</th>
            <th>{t('col.state')}</th>
            {isAdmin ? <th>{t('col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {sensors.map((sensor) => {
            const definition = SENSOR_TYPE_DEFINITIONS[sensor.type];
            return (
              <tr key={sensor.id} data-sensor-code={sensor.code}>
                <td className="gt-table__primary">
                  {sensor.code}
                  {sensor.isDemo ? <span className="gt-badge gt-badge--demo">{t('demo')}</span> : null}
                </td>
                <td>{sensor.name}</td>
                <td>{locale === 'en' ? definition.nameEn : definition.nameZh}</td>
                <td>{regionNameOf(sensor.regionCode)}</td>
                <td>{sensor.assetKind ? `${assetKindName(sensor.assetKind, locale)}${sensor.assetId ? ` ${sensor.assetId}` : ''}` : '—'}</td>
                <td>{sensor.gatewayId ? gatewayCodeOf(sensor.gatewayId) : '—'}</td>
                <td className="gt-table__muted">
                  {sensor.lastObservedAt && sensor.lastValue !== null
                    ? `${formatValue(sensor.lastValue, sensor.unit, locale)} · ${formatInstant(new Date(sensor.lastObservedAt))}`
                    : t('state.never')}
                </td>
                <td>{sensor.isActive ? t('state.active') : t('state.retired')}</td>
                {isAdmin ? (
                  <td className="gt-table__actions">
                    <button type="button" className="gt-button gt-button--small" disabled={busyId === sensor.id || !sensor.isActive} onClick={() => onRotate!(sensor)}>
                      {t('action.rotate')}
                    </button>
                    <button
                      type="button" className={`gt-button gt-button--small${sensor.isActive ? ' gt-button--danger' : ''}`} disabled={busyId === sensor.id}
                      onClick={() => onSetActive!(sensor, !sensor.isActive)}
                    >
                      {sensor.isActive ? t('action.retire') : t('action.reactivate')}
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Props of {@link GatewayTable}. */
export interface GatewayTableProps {
  locale: Locale;
  gateways: readonly RegistryGatewayRow[];
  regionNameOf: (code: string) => string;
  busyId: string | null;
  onRotate?: (gateway: RegistryGatewayRow) => void;
}

/** The gateways table (see module doc). */
export function GatewayTable({ locale, gateways, regionNameOf, busyId, onRotate }: GatewayTableProps) {
  const t = createTranslator(REGISTRY_MESSAGES, locale);
  if (gateways.length === 0) return <p className="gt-table__muted">{t('gateways.empty')}</p>;
  return (
    <div className="gt-table-wrap">
      <table className="gt-table" data-testid="gateway-table">
        <thead>
          <tr>
            <th>{t('col.code')}</th>
            <th>{t('col.name')}</th>
            <th>{t('col.region')}</th>
            <th>{t('devices.title')}</th>
            {onRotate ? <th>{t('col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {gateways.map((gateway) => (
            <tr key={gateway.id} data-gateway-code={gateway.code}>
              <td className="gt-table__primary">
                {gateway.code}
                {gateway.isDemo ? <span className="gt-badge gt-badge--demo">{t('demo')}</span> : null}
              </td>
              <td>{gateway.name}</td>
              <td>{regionNameOf(gateway.regionCode)}</td>
              <td>{t('gateways.sensors', { count: gateway.sensorCount })}</td>
              {onRotate ? (
                <td className="gt-table__actions">
                  <button type="button" className="gt-button gt-button--small" disabled={busyId === gateway.id} onClick={() => onRotate(gateway)}>
                    {t('action.rotate')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
