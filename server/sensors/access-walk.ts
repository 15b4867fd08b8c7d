import { expect } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { definePlateAccessWalk, idsOf } from '@server/host/access-walk';
import { createTestAlarm, createTestGateway, createTestSensor } from './test-fixtures';

/**
 * The `sensors` plate's rows of the access walk (server/host/procedure-access.test.ts): a gas sensor in 九江 濂溪区
 * (city B) with an open alarm; `freshAlarmB` makes one more per transition. Callers are admins (the walk's
 * planners may not watch sensors: the wrong-role caller is a 九江 planner). The GeoJSON walk calls as planners, who
 * get no sensors at all; the region scope of watchers on that layer is tested in ./geo-layer-sources.test.ts.
 */

interface SensorsTargets {
  sensorB: string;
  alarmB: string;
  freshAlarmB: () => Promise<string>;
  gatewayB: string;
  freshSensorB: () => Promise<string>;
}

let targets: SensorsTargets;
const hour = 3600_000;

/** The sensors plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<SensorsTargets>({
  async setUp({ db }) {
    const { sensorId, alarmId } = await createTestAlarm(db, TEST_REGIONS.lianxi);
    targets = {
      sensorB: sensorId,
      alarmB: alarmId,
      freshAlarmB: async () => (await createTestAlarm(db, TEST_REGIONS.lianxi)).alarmId,
      gatewayB: (await createTestGateway(db, TEST_REGIONS.lianxi)).id,
      freshSensorB: async () => (await createTestSensor(db, TEST_REGIONS.lianxi)).id,
    };
    return targets;
  },
  rows: {
    'sensors.devices.list': {
      call: (c) => c.sensors.devices.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.sensorB),
      province: (r) => expect(idsOf(r)).toContain(targets.sensorB),
      callerRole: 'admin',
    },
    'sensors.devices.byId': { call: (c, t) => c.sensors.devices.byId({ id: t.sensorB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'NOT_FOUND', province: 'ok', callerRole: 'admin' },
    'sensors.devices.create': {
      call: (c) => c.sensors.devices.create({ code: `W-${Math.random().toString(36).slice(2, 10)}`, name: '走查传感器', type: 'gas', position: [116.0, 29.67], regionCode: TEST_REGIONS.lianxi }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ sensor: { regionCode: TEST_REGIONS.lianxi, unit: '%LEL', hasToken: true }, token: expect.stringMatching(/^gts_/) }),
      callerRole: 'admin',
    },
    'sensors.devices.setActive': {
      call: async (c, t) => c.sensors.devices.setActive({ id: await t.freshSensorB(), isActive: false }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.lianxi, isActive: false }),
      callerRole: 'admin',
    },
    'sensors.devices.rotateToken': {
      call: async (c, t) => c.sensors.devices.rotateToken({ id: await t.freshSensorB() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ token: expect.stringMatching(/^gts_/) }),
      callerRole: 'admin',
    },
    'sensors.gateways.list': {
      call: (c) => c.sensors.gateways.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.gatewayB),
      province: (r) => expect(idsOf(r)).toContain(targets.gatewayB),
      callerRole: 'admin',
    },
    'sensors.gateways.rotateToken': {
      call: (c, t) => c.sensors.gateways.rotateToken({ id: t.gatewayB }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ id: targets.gatewayB, token: expect.stringMatching(/^gtg_/) }),
      callerRole: 'admin',
    },
    'sensors.gateways.create': {
      call: (c) => c.sensors.gateways.create({ code: `WG-${Math.random().toString(36).slice(2, 10)}`, name: '走查网关', regionCode: TEST_REGIONS.lianxi }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.lianxi, token: expect.stringMatching(/^gtg_/) }),
      callerRole: 'admin',
    },
    'sensors.readings.series': {
      call: (c, t) => c.sensors.readings.series({ sensorId: t.sensorB, from: new Date(Date.now() - 24 * hour), to: new Date() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ unit: '%LEL', points: [] }),
      callerRole: 'admin',
    },
    'sensors.alarms.list': {
      call: (c) => c.sensors.alarms.list(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(idsOf(r)).not.toContain(targets.alarmB),
      province: (r) => expect(idsOf(r)).toContain(targets.alarmB),
      callerRole: 'admin',
    },
    'sensors.alarms.byId': { call: (c, t) => c.sensors.alarms.byId({ id: t.alarmB }), anonymous: 'UNAUTHORIZED', wrongRole: 'FORBIDDEN', cityAOnB: 'NOT_FOUND', province: 'ok', callerRole: 'admin' },
    'sensors.alarms.transition': {
      call: async (c, t) => c.sensors.alarms.transition({ id: await t.freshAlarmB(), version: 1, to: 'dispatched', note: '已推送至燃气公司' }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ status: 'dispatched', version: 2 }),
      callerRole: 'admin',
    },
    // Subscriptions: the walk checks who may open one; what each caller then hears (never another city's events) is
    // checked with real NOTIFYs in ./live.test.ts. The generator is not started here, so no LISTEN is opened.
    'sensors.live.readings': {
      call: (c) => c.sensors.live.readings(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(typeof (r as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe('function'),
      province: (r) => expect(typeof (r as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe('function'),
      callerRole: 'admin',
    },
    'sensors.live.alarms': {
      call: (c) => c.sensors.live.alarms(),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect(typeof (r as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe('function'),
      province: (r) => expect(typeof (r as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe('function'),
      callerRole: 'admin',
    },
  },
  geoRows: {
    'sensors-heat-water-level': {
      anonymous: (ids) => expect(ids).toEqual([]),
      cityA: (ids, t) => expect(ids).not.toContain(t.sensorB),
      province: (ids) => expect(ids).toEqual([]),
    },
    'sensors-devices': {
      anonymous: (ids) => expect(ids).toEqual([]),
      cityA: (ids, t) => expect(ids).not.toContain(t.sensorB),
      // The walk's callers are planners: not sensor watchers, so nothing even in their own scope.
      province: (ids) => expect(ids).toEqual([]),
    },
  },
});
