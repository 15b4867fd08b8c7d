import { router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { alarmById, listAlarms, transitionAlarm } from './alarms-service';
import { createDevice, createGateway, deviceById, listDevices, listGateways, rotateDeviceToken, rotateGatewayToken, setDeviceActive } from './devices-service';
import { alarmsListInput, alarmTransitionInput, deviceActiveInput, deviceCreateInput, devicesListInput, gatewayCreateInput, idInput, seriesInput } from './inputs';
import { liveAlarms, liveReadings } from './live-subscriptions';
import { readingsSeries } from './readings-series';
import { SENSORS_WATCHER_ROLES } from './watcher-roles';

/** Roles that watch sensors and alarms (inspectors, officers, admins), each in its region scope. */
const WATCHERS = SENSORS_WATCHER_ROLES;

/**
 * The `sensors` plate's router (物联感知 + 告警): thin procedures, one service call each. Readings are not written
 * through tRPC: devices use `POST /api/sensors/readings` (./ingest-response.ts).
 * @see docs/api.md "sensors"
 */
export const sensorsRouter = router({
  devices: router({
    list: scopedProcedure(...WATCHERS).input(zodInput(devicesListInput)).query(({ ctx, input }) => listDevices(ctx.db, ctx.actor, input)),
    byId: scopedProcedure(...WATCHERS).input(zodInput(idInput)).query(({ ctx, input }) => deviceById(ctx.db, ctx.actor, input.id)),
    create: scopedProcedure('admin').input(zodInput(deviceCreateInput)).mutation(({ ctx, input }) => createDevice(ctx.db, ctx.actor, input)),
    setActive: scopedProcedure('admin').input(zodInput(deviceActiveInput)).mutation(({ ctx, input }) => setDeviceActive(ctx.db, ctx.actor, input)),
    rotateToken: scopedProcedure('admin').input(zodInput(idInput)).mutation(({ ctx, input }) => rotateDeviceToken(ctx.db, ctx.actor, input.id)),
  }),
  gateways: router({
    list: scopedProcedure(...WATCHERS).query(({ ctx }) => listGateways(ctx.db, ctx.actor)),
    create: scopedProcedure('admin').input(zodInput(gatewayCreateInput)).mutation(({ ctx, input }) => createGateway(ctx.db, ctx.actor, input)),
    rotateToken: scopedProcedure('admin').input(zodInput(idInput)).mutation(({ ctx, input }) => rotateGatewayToken(ctx.db, ctx.actor, input.id)),
  }),
  readings: router({
    series: scopedProcedure(...WATCHERS).input(zodInput(seriesInput)).query(({ ctx, input }) => readingsSeries(ctx.db, ctx.actor, input)),
  }),
  alarms: router({
    list: scopedProcedure(...WATCHERS).input(zodInput(alarmsListInput)).query(({ ctx, input }) => listAlarms(ctx.db, ctx.actor, input)),
    byId: scopedProcedure(...WATCHERS).input(zodInput(idInput)).query(({ ctx, input }) => alarmById(ctx.db, ctx.actor, input.id)),
    transition: scopedProcedure(...WATCHERS).input(zodInput(alarmTransitionInput)).mutation(({ ctx, input }) => transitionAlarm(ctx.db, ctx.actor, input)),
  }),
  // Server push over SSE (httpSubscriptionLink): what changed in the caller's region (./live-subscriptions.ts).
  live: router({
    readings: scopedProcedure(...WATCHERS).subscription(({ ctx, signal }) => liveReadings(ctx.db, ctx.actor, signal)),
    alarms: scopedProcedure(...WATCHERS).subscription(({ ctx, signal }) => liveAlarms(ctx.db, ctx.actor, signal)),
  }),
});
