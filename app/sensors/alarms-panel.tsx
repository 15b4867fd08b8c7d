'use client';
/**
 * The sensors plate's side panel in the twin (告警): the open alarms of the caller's region (`sensors.alarms.list`),
 * newest first, each moved along the workflow by `sensors.alarms.transition` with a note and the version it read.
 * Asks `accounts.me` first: anonymous visitors and roles outside the procedure's (./watcher-roles) get a sentence,
 * not an error. Pushed live by the server (./use-sensors-live.ts: re-read on each alarm event, and the sensors layer
 * re-fetched, throttled); also refreshed every minute and after each move. The sensor name of an alarm switches the
 * `sensors-devices` layer on, flies to the sensor and selects it (its chart opens in the selection panel).
 */
import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ALARM_TRANSITIONS } from '@server/sensors/alarm-transitions';
import { isSensorsWatcher } from '@server/sensors/watcher-roles';
import type { OPEN_ALARM_STATUSES } from '@server/db/schema/sensors';
import { AlarmList, type AlarmAccess } from '@viewer/sensors/alarm-list';
import { newestFirst } from '@viewer/sensors/alarm-format';
import { SENSORS_MESSAGES } from '@viewer/sensors/messages';
import { createTranslator } from '@viewer/core/i18n';
import type { PlatePanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';
import { SENSORS_LAYER_ID } from './sensors-paths';
import { useSensorsLive } from './use-sensors-live';

const REFRESH_MS = 60_000;
/** The open statuses (typed against the schema's list; the schema module itself stays out of the client bundle). */
const OPEN_STATUSES: typeof OPEN_ALARM_STATUSES = ['pending', 'dispatched', 'handling'];

/** The alarms panel (see module doc). */
export function AlarmsPanel({ locale, onSelect, flyTo, showLayer }: PlatePanelProps) {
  const t = createTranslator(SENSORS_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meQuery = useQuery(trpc.accounts.me.queryOptions());
  const access: AlarmAccess | null = meQuery.isPending ? null : !meQuery.data ? 'anonymous' : isSensorsWatcher(meQuery.data.role) ? 'allowed' : 'forbidden';
  const alarmsQuery = useQuery(
    trpc.sensors.alarms.list.queryOptions({ status: [...OPEN_STATUSES] }, { enabled: access === 'allowed', refetchInterval: REFRESH_MS, retry: false }),
  );
  const live = useSensorsLive(access === 'allowed');
  const transition = useMutation(trpc.sensors.alarms.transition.mutationOptions());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const alarms = useMemo(() => newestFirst(alarmsQuery.data ?? []), [alarmsQuery.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sensors.alarms.list.pathKey() });

  const loadErrorCode = alarmsQuery.error ? trpcErrorCode(alarmsQuery.error) : null;
  // A session that expired or a role changed since `accounts.me` answered: the same sentences as above.
  const shownAccess: AlarmAccess = loadErrorCode === 'UNAUTHORIZED' ? 'anonymous' : loadErrorCode === 'FORBIDDEN' ? 'forbidden' : (access ?? 'allowed');
  const loadError = alarmsQuery.error && shownAccess === 'allowed' ? t('alarms.loadFailed', { message: alarmsQuery.error.message }) : null;

  return (
    <AlarmList
      locale={locale}
      access={shownAccess}
      alarms={alarms}
      loading={access === null || (access === 'allowed' && alarmsQuery.isPending)}
      loadError={loadError}
      nextSteps={(status) => ALARM_TRANSITIONS[status]}
      now={now}
      live={live}
      onLocate={(alarm) => {
        const { sensorId, lon, lat } = alarms.find((candidate) => candidate.id === alarm.id) ?? {};
        if (!sensorId || lon === undefined || lat === undefined) return;
        showLayer(SENSORS_LAYER_ID);
        onSelect({ plate: 'sensors', layerId: SENSORS_LAYER_ID, featureId: sensorId });
        flyTo({ layerId: null, point: { lonDeg: lon, latDeg: lat, heightEllipsoidalM: 30, radiusM: 250 } });
      }}
      onTransition={async (alarm, to, note) => {
        try {
          await transition.mutateAsync({ id: alarm.id, version: alarm.version, to, note });
        } catch (failure) {
          if (trpcErrorCode(failure) === 'CONFLICT') {
            await refresh();
            throw new Error(t('alarms.conflict'));
          }
          throw new Error(t('alarms.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
        }
        await refresh();
      }}
    />
  );
}
