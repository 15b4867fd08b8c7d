'use client';
/**
 * Live updates of the sensors plate in the twin: subscribes to `sensors.live.readings` and `sensors.live.alarms`
 * (tRPC over SSE, server/sensors/live-subscriptions.ts) while the caller may watch sensors, and on each event
 * re-reads what changed: the open alarms list at once, the `sensors-devices` GeoJSON layer (its TanStack query
 * `['geo', 'sensors-devices', …]`, app/shell/use-geo-layers.ts) at most once per {@link LAYER_REFRESH_MS}, so a
 * burst of readings costs one fetch. The layer is re-fetched only while it is active (shown once).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '../providers';

/** Shortest gap between two re-reads of the sensors layer, ms. */
export const LAYER_REFRESH_MS = 1_500;
/** The GeoJSON queries re-read on events: the sensors layer and the heat map (both built from last values). */
const LIVE_LAYER_KEYS = [['geo', 'sensors-devices'], ['geo', 'sensors-heat-water-level']] as const;

/**
 * Subscribes while `enabled`; returns whether both streams are connected (`null` while not enabled).
 * @param onAlarmSensors called with the sensor ids of changed alarms (e.g. to refresh an open chart)
 */
export function useSensorsLive(enabled: boolean, onChange?: (sensorIds: readonly string[]) => void): boolean | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lastRefresh = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const refreshLayer = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastRefresh.current + LAYER_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastRefresh.current = Date.now();
      for (const queryKey of LIVE_LAYER_KEYS) void queryClient.invalidateQueries({ queryKey });
    }, wait);
  }, [queryClient]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const readings = useSubscription(
    trpc.sensors.live.readings.subscriptionOptions(undefined, {
      enabled,
      onData: (event) => {
        refreshLayer();
        // An open sensor chart re-reads its series (only active queries refetch).
        void queryClient.invalidateQueries({ queryKey: trpc.sensors.readings.series.pathKey() });
        if (event.resync) void queryClient.invalidateQueries({ queryKey: trpc.sensors.alarms.list.pathKey() });
        onChangeRef.current?.(event.sensorIds);
      },
    }),
  );
  const alarms = useSubscription(
    trpc.sensors.live.alarms.subscriptionOptions(undefined, {
      enabled,
      onData: (event) => {
        void queryClient.invalidateQueries({ queryKey: trpc.sensors.alarms.list.pathKey() });
        refreshLayer();
        onChangeRef.current?.(event.sensorIds);
      },
    }),
  );
  if (!enabled) return null;
  return readings.status === 'pending' && alarms.status === 'pending';
}
