'use client';
/**
 * The registry page's client part (物联设备台账): the sensors and gateways of the caller's region from
 * `sensors.devices.list` / `sensors.gateways.list`, filtered by type; admins register sensors and gateways, issue
 * new tokens and retire sensors (`sensors.devices.create|rotateToken|setActive`, `sensors.gateways.create|rotateToken`),
 * each new token shown once in a dialog. The server checks role and region again.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { SENSOR_TYPE_DEFINITIONS, SENSOR_TYPES, type SensorType } from '@data/sensors/sensor-types';
import { regionName, regionOptions } from '@viewer/ui/region-options';
import { RegionSelect } from '@viewer/ui/region-select';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { DeviceCreateForm, type NewSensor } from '@viewer/sensors/device-create-form';
import { REGISTRY_MESSAGES } from '@viewer/sensors/registry-messages';
import { GatewayTable, SensorTable, type RegistrySensorRow } from '@viewer/sensors/registry-tables';
import { ShownOnceDialog } from '@viewer/ui/shown-once-dialog';
import { useTRPC } from '../../providers';
import '../sensors.css';

/** A token to show once: whose, and the value. */
interface IssuedToken {
  kind: 'sensor' | 'gateway';
  code: string;
  token: string;
}

/** The message of a failed call, as the server wrote it. */
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The page (see module doc). */
export function RegistryApp({ locale, role, regionCode }: { locale: Locale; role: string; regionCode: string }) {
  const t = createTranslator(REGISTRY_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = role === 'admin';
  const [typeFilter, setTypeFilter] = useState<SensorType | ''>('');
  const devicesQuery = useQuery(trpc.sensors.devices.list.queryOptions(typeFilter ? { type: typeFilter } : undefined, { staleTime: 0 }));
  const gatewaysQuery = useQuery(trpc.sensors.gateways.list.queryOptions(undefined, { staleTime: 0 }));
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const regions = useMemo(() => regionOptions(regionsQuery.data ?? [], regionCode), [regionsQuery.data, regionCode]);
  const gateways = gatewaysQuery.data ?? [];
  const sensors = (devicesQuery.data ?? []) as RegistrySensorRow[];

  const createDevice = useMutation(trpc.sensors.devices.create.mutationOptions());
  const createGateway = useMutation(trpc.sensors.gateways.create.mutationOptions());
  const rotateDevice = useMutation(trpc.sensors.devices.rotateToken.mutationOptions());
  const rotateGateway = useMutation(trpc.sensors.gateways.rotateToken.mutationOptions());
  const setActive = useMutation(trpc.sensors.devices.setActive.mutationOptions());

  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [gatewayDraft, setGatewayDraft] = useState({ code: '', name: '', regionCode: '' });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sensors.devices.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sensors.gateways.list.pathKey() }),
    ]);
  };
  /** Runs one admin step on a row, with its busy flag and error line. */
  const run = async (id: string | null, step: () => Promise<void>) => {
    setError(null);
    setBusyId(id);
    try {
      await step();
      await refresh();
    } catch (failure) {
      setError(t('failed', { message: messageOf(failure) }));
    } finally {
      setBusyId(null);
    }
  };

  const onCreate = (sensor: NewSensor) =>
    run('create', async () => {
      const result = await createDevice.mutateAsync(sensor);
      if (result.token) setIssued({ kind: 'sensor', code: result.sensor.code, token: result.token });
      setFormKey((key) => key + 1);
    });
  const onCreateGateway = (event: FormEvent) => {
    event.preventDefault();
    void run('gateway', async () => {
      const result = await createGateway.mutateAsync({ code: gatewayDraft.code.trim(), name: gatewayDraft.name.trim(), regionCode: gatewayDraft.regionCode });
      setIssued({ kind: 'gateway', code: result.code, token: result.token });
      setGatewayDraft({ code: '', name: '', regionCode: '' });
    });
  };
  const onRotate = (sensor: RegistrySensorRow) =>
    run(sensor.id, async () => {
      const result = await rotateDevice.mutateAsync({ id: sensor.id });
      setIssued({ kind: 'sensor', code: sensor.code, token: result.token });
    });
  const onSetActive = (sensor: RegistrySensorRow, isActive: boolean) => {
    if (!isActive && !window.confirm(t('action.confirmRetire', { code: sensor.code }))) return;
    void run(sensor.id, async () => {
      await setActive.mutateAsync({ id: sensor.id, isActive });
    });
  };

  const regionNameOf = (code: string) => regionName(regionsQuery.data ?? [], code);
  const gatewayCodeOf = (id: string) => gateways.find((gateway) => gateway.id === id)?.code ?? id.slice(0, 8);

  return (
    <div className="gt-admin__page gt-sensor-registry">
      <h1 className="gt-admin__title">{t('page.title')}</h1>
      <p className="gt-table__muted">{t('intro')}</p>
      {isAdmin ? null : <p className="gt-table__muted" data-testid="registry-read-only">{t('readOnly')}</p>}
      {error ? <p className="gt-form__error" role="alert" data-testid="registry-error">{error}</p> : null}
      {isAdmin ? (
        <DeviceCreateForm key={formKey} locale={locale} regions={regions} gateways={gateways} busy={busyId === 'create'} error={null} onCreate={(sensor) => void onCreate(sensor)} />
      ) : null}

      <section className="gt-card" aria-labelledby="gt-sensors-title">
        <div className="gt-sensor-registry__bar">
          <h2 className="gt-card__title" id="gt-sensors-title">{t('devices.title')}</h2>
          <span className="gt-table__muted">{t('devices.count', { count: sensors.length })}</span>
          <label className="gt-field gt-field--inline">
            <span className="gt-field__label">{t('filter.type')}</span>
            <select className="gt-input gt-input--compact" value={typeFilter} onChange={(e) => setTypeFilter(e.target.value as SensorType | '')} data-testid="registry-type-filter">
              <option value="">{t('filter.all')}</option>
              {SENSOR_TYPES.map((type) => (
                <option key={type} value={type}>{locale === 'en' ? SENSOR_TYPE_DEFINITIONS[type].nameEn : SENSOR_TYPE_DEFINITIONS[type].nameZh}</option>
              ))}
            </select>
          </label>
        </div>
        {devicesQuery.isPending ? (
          <p className="gt-table__muted">{t('devices.loading')}</p>
        ) : devicesQuery.error ? (
          <p className="gt-form__error" role="alert">{t('failed', { message: devicesQuery.error.message })}</p>
        ) : sensors.length === 0 ? (
          <p className="gt-table__muted">{t('devices.empty')}</p>
        ) : (
          <SensorTable
            locale={locale} sensors={sensors} regionNameOf={regionNameOf} gatewayCodeOf={gatewayCodeOf} busyId={busyId}
            onRotate={isAdmin ? (sensor) => void onRotate(sensor) : undefined} onSetActive={isAdmin ? onSetActive : undefined}
          />
        )}
      </section>

      <section className="gt-card" aria-labelledby="gt-gateways-title">
        <h2 className="gt-card__title" id="gt-gateways-title">{t('gateways.title')}</h2>
        <GatewayTable
          locale={locale} gateways={gateways} regionNameOf={regionNameOf} busyId={busyId}
          onRotate={isAdmin ? (gateway) => void run(gateway.id, async () => {
            const result = await rotateGateway.mutateAsync({ id: gateway.id });
            setIssued({ kind: 'gateway', code: gateway.code, token: result.token });
          }) : undefined}
        />
        {isAdmin ? (
          <form className="gt-create__fields gt-sensor-form__fields" onSubmit={onCreateGateway} data-testid="gateway-create-form">
            <label className="gt-field">
              <span className="gt-field__label">{t('field.code')}</span>
              <input className="gt-input" required maxLength={40} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" value={gatewayDraft.code} onChange={(e) => setGatewayDraft({ ...gatewayDraft, code: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('field.name')}</span>
              <input className="gt-input" required maxLength={100} value={gatewayDraft.name} onChange={(e) => setGatewayDraft({ ...gatewayDraft, name: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('field.region')}</span>
              <RegionSelect options={regions} value={gatewayDraft.regionCode} onChange={(code) => setGatewayDraft({ ...gatewayDraft, regionCode: code })} placeholder={t('field.regionPlaceholder')} label={t('field.region')} required />
            </label>
            <button type="submit" className="gt-button gt-button--primary" disabled={busyId === 'gateway'}>{t('gateways.create')}</button>
          </form>
        ) : null}
      </section>

      {issued ? (
        <ShownOnceDialog
          testIdPrefix="token"
          value={issued.token}
          onClose={() => setIssued(null)}
          text={{
            title: issued.kind === 'sensor' ? t('token.titleSensor') : t('token.titleGateway'),
            subject: t('token.subject', { code: issued.code }),
            label: t('token.label'),
            warning: t('token.warning'),
            copy: t('token.copy'),
            copied: t('token.copied'),
            copyFailed: t('token.copyFailed'),
            close: t('token.close'),
          }}
        />
      ) : null}
    </div>
  );
}
