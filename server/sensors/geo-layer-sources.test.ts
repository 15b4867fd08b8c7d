import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSORS_LAYERS } from '@data/sensors/layers';
import { SILENT_LOGGER } from '@kernel/logger';
import type { Actor } from '@server/api/actor';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { sensorsAlarms, sensorsDevices } from '@server/db/schema/sensors';
import { geoLayerResponse } from '@server/host/geo-layer-response';
import { seedLayers } from '@server/host/seed-layers';
import { SERVER_PLATES } from '@server/plates';
import { createTestAlarm, createTestSensor } from './test-fixtures';

/** The `sensors-devices` GeoJSON source through the host's `/api/geo/<id>` handler: who sees which sensors, and their state. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
beforeAll(async () => {
  await ensureTestRegions(db);
  await seedLayers(db, SENSORS_LAYERS);
});

interface Feature {
  id: string;
  geometry: { type: string; coordinates: number[] };
  properties: { code: string; name: string; type: string; unit: string; lastValue: number | null; lastObservedAt: string | null; alarmLevel: number | null; state: string; isDemo: boolean };
}

async function featuresFor(actor: Actor | null): Promise<Feature[]> {
  const deps = { getDb: () => db, logger: SILENT_LOGGER, plates: SERVER_PLATES, actorOf: async () => actor };
  const response = await geoLayerResponse(deps, new Request('http://localhost/api/geo/sensors-devices'), 'sensors-devices');
  expect(response.status).toBe(200);
  const body = (await response.json()) as { type: string; features: Feature[] };
  expect(body.type).toBe('FeatureCollection');
  return body.features;
}

const minute = 60_000;
const observedAgo = (id: string, ms: number, value: number) => db.update(sensorsDevices).set({ lastObservedAt: new Date(Date.now() - ms), lastValue: value }).where(eq(sensorsDevices.id, id));

describe('sensors-devices GeoJSON source', () => {
  it('gives watchers the sensors of their region only; anonymous callers and planners get an empty collection', async () => {
    const { sensorId: sensorB } = await createTestAlarm(db, TEST_REGIONS.lianxi);
    const sensorA = (await createTestSensor(db, TEST_REGIONS.donghu)).id;
    const idsOf = async (actor: Actor | null) => (await featuresFor(actor)).map((feature) => feature.id);

    expect(await idsOf(null)).toEqual([]);
    expect(await idsOf((await createTestAccount(db, 'planner', TEST_REGIONS.province)).actor)).toEqual([]);
    expect(await idsOf((await createTestAccount(db, 'applicant', TEST_REGIONS.nanchang)).actor)).toEqual([]);

    const cityInspector = await idsOf((await createTestAccount(db, 'inspector', TEST_REGIONS.nanchang)).actor);
    expect(cityInspector).toContain(sensorA);
    expect(cityInspector).not.toContain(sensorB);
    const countyOfficer = await idsOf((await createTestAccount(db, 'officer', TEST_REGIONS.lianxi)).actor);
    expect(countyOfficer).toContain(sensorB);
    expect(countyOfficer).not.toContain(sensorA);
    const provinceAdmin = await idsOf((await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor);
    expect(provinceAdmin).toEqual(expect.arrayContaining([sensorA, sensorB]));
  });

  it('states: the open alarm level, else offline (no reading or older than the type interval), else normal; retired sensors are left out', async () => {
    const { sensorId: alarmed } = await createTestAlarm(db, TEST_REGIONS.donghu);
    await observedAgo(alarmed, 2 * 60 * minute, 25); // silent too, but the open alarm wins
    const fresh = (await createTestSensor(db, TEST_REGIONS.donghu)).id;
    await observedAgo(fresh, 10 * minute, 1.5); // gas: 15 min expected
    const stale = (await createTestSensor(db, TEST_REGIONS.donghu)).id;
    await observedAgo(stale, 20 * minute, 2);
    const never = (await createTestSensor(db, TEST_REGIONS.donghu)).id;
    const noisy = (await createTestSensor(db, TEST_REGIONS.donghu, 'noise')).id;
    await observedAgo(noisy, 10 * minute, 62); // noise: 5 min expected
    const { sensorId: closedAlarm, alarmId } = await createTestAlarm(db, TEST_REGIONS.donghu);
    await db.update(sensorsAlarms).set({ status: 'closed' }).where(eq(sensorsAlarms.id, alarmId));
    await observedAgo(closedAlarm, minute, 0);
    const retired = (await createTestSensor(db, TEST_REGIONS.donghu)).id;
    await db.update(sensorsDevices).set({ isActive: false }).where(eq(sensorsDevices.id, retired));

    const { actor } = await createTestAccount(db, 'inspector', TEST_REGIONS.donghu);
    const byId = new Map((await featuresFor(actor)).map((feature) => [feature.id, feature]));
    expect(byId.get(alarmed)?.properties).toMatchObject({ state: 'alarm-2', alarmLevel: 2, type: 'gas', unit: '%LEL', lastValue: 25, name: 'test gas', isDemo: false });
    expect(byId.get(fresh)?.properties).toMatchObject({ state: 'normal', alarmLevel: null, lastValue: 1.5 });
    expect(byId.get(fresh)?.geometry).toEqual({ type: 'Point', coordinates: [115.9, 28.68] });
    expect(byId.get(stale)?.properties.state).toBe('offline');
    expect(byId.get(never)?.properties).toMatchObject({ state: 'offline', lastValue: null, lastObservedAt: null });
    expect(byId.get(noisy)?.properties).toMatchObject({ state: 'offline', unit: 'dB(A)' });
    expect(byId.get(closedAlarm)?.properties).toMatchObject({ state: 'normal', alarmLevel: null });
    expect(byId.has(retired)).toBe(false);
  });
});
