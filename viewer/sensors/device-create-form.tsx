/**
 * The "register a sensor" form of the registry page: code, name, type, region, position (WGS84 degrees), linked
 * asset, gateway and whether the sensor gets its own token. The server validates again (server/sensors/inputs.ts:
 * Jiangxi's box 110–121°E, 22–32°N; code letters, digits, - and _).
 */
import { useState, type FormEvent } from 'react';
import { SENSOR_ASSET_KIND_NAMES, SENSOR_ASSET_KINDS } from '@data/sensors/asset-kinds';
import { SENSOR_TYPE_DEFINITIONS, SENSOR_TYPES, type SensorType } from '@data/sensors/sensor-types';
import type { RegionOption } from '@viewer/ui/region-options';
import { RegionSelect } from '@viewer/ui/region-select';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { REGISTRY_MESSAGES } from './registry-messages';

/** What the form submits (the shape of `sensors.devices.create`'s input). */
export interface NewSensor {
  code: string;
  name: string;
  type: SensorType;
  regionCode: string;
  /** [lon, lat] degrees WGS84. */
  position: [number, number];
  assetKind: string | null;
  assetId: string | null;
  gatewayId: string | null;
  issueToken: boolean;
}

/** Props of {@link DeviceCreateForm}. */
export interface DeviceCreateFormProps {
  locale: Locale;
  regions: readonly RegionOption[];
  gateways: readonly { id: string; code: string; name: string }[];
  busy: boolean;
  error: string | null;
  onCreate: (sensor: NewSensor) => void;
}

/** The form (see module doc). Remount it (React `key`) to clear it. */
export function DeviceCreateForm({ locale, regions, gateways, busy, error, onCreate }: DeviceCreateFormProps) {
  const t = createTranslator(REGISTRY_MESSAGES, locale);
  const [draft, setDraft] = useState({ code: '', name: '', type: 'gas' as SensorType, regionCode: '', lon: '', lat: '', assetKind: '', assetId: '', gatewayId: '', issueToken: true });
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    onCreate({
      code: draft.code.trim(),
      name: draft.name.trim(),
      type: draft.type,
      regionCode: draft.regionCode,
      position: [Number(draft.lon), Number(draft.lat)],
      assetKind: draft.assetKind || null,
      assetId: draft.assetId.trim() || null,
      gatewayId: draft.gatewayId || null,
      issueToken: draft.issueToken,
    });
  };
  return (
    <form className="gt-card gt-create" onSubmit={submit} data-testid="sensor-create-form" aria-labelledby="gt-sensor-create-title">
      <h2 className="gt-card__title" id="gt-sensor-create-title">{t('create.title')}</h2>
      <div className="gt-create__fields gt-sensor-form__fields">
        <label className="gt-field">
          <span className="gt-field__label">{t('field.code')}</span>
          <input className="gt-input" name="code" required maxLength={40} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" autoComplete="off" value={draft.code} onChange={(e) => set({ code: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.name')}</span>
          <input className="gt-input" name="name" required maxLength={100} autoComplete="off" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.type')}</span>
          <select className="gt-input" name="type" value={draft.type} onChange={(e) => set({ type: e.target.value as SensorType })}>
            {SENSOR_TYPES.map((type) => (
              <option key={type} value={type}>{`${locale === 'en' ? SENSOR_TYPE_DEFINITIONS[type].nameEn : SENSOR_TYPE_DEFINITIONS[type].nameZh} (${SENSOR_TYPE_DEFINITIONS[type].unit})`}</option>
            ))}
          </select>
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.region')}</span>
          <RegionSelect options={regions} value={draft.regionCode} onChange={(regionCode) => set({ regionCode })} placeholder={t('field.regionPlaceholder')} label={t('field.region')} name="regionCode" required />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.lon')}</span>
          <input className="gt-input" name="lon" type="number" required min={110} max={121} step="any" inputMode="decimal" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.lat')}</span>
          <input className="gt-input" name="lat" type="number" required min={22} max={32} step="any" inputMode="decimal" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.assetKind')}</span>
          <select className="gt-input" name="assetKind" value={draft.assetKind} onChange={(e) => set({ assetKind: e.target.value })}>
            <option value="">{t('field.none')}</option>
            {SENSOR_ASSET_KINDS.map((kind) => (
              <option key={kind} value={kind}>{SENSOR_ASSET_KIND_NAMES[kind][locale]}</option>
            ))}
          </select>
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.assetId')}</span>
          <input className="gt-input" name="assetId" maxLength={100} autoComplete="off" value={draft.assetId} disabled={!draft.assetKind} onChange={(e) => set({ assetId: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('field.gateway')}</span>
          <select className="gt-input" name="gatewayId" value={draft.gatewayId} onChange={(e) => set({ gatewayId: e.target.value })}>
            <option value="">{t('field.none')}</option>
            {gateways.map((gateway) => (
              <option key={gateway.id} value={gateway.id}>{`${gateway.code} · ${gateway.name}`}</option>
            ))}
          </select>
        </label>
        <label className="gt-field gt-field--inline">
          <input type="checkbox" name="issueToken" checked={draft.issueToken} onChange={(e) => set({ issueToken: e.target.checked })} />
          <span className="gt-field__label">{t('field.issueToken')}</span>
        </label>
        <button type="submit" className="gt-button gt-button--primary gt-create__submit" disabled={busy}>
          {busy ? t('create.busy') : t('create.submit')}
        </button>
      </div>
      {error ? <p className="gt-form__error" role="alert" data-testid="sensor-create-error">{error}</p> : null}
    </form>
  );
}
