import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { connectTestDb } from '@server/db/test-database';
import { listGateways, rotateDeviceToken, rotateGatewayToken, setDeviceActive } from './devices-service';
import { principalOfToken } from './ingest-tokens';
import { ingestReadings } from './ingest';
import { createTestGateway, createTestSensor } from './test-fixtures';

/** The registry's admin steps against the real database: token rotation, retiring, the gateway list. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
beforeAll(() => ensureTestRegions(db));

const limits = () => ({ maxReadings: 100, futureToleranceS: 300, retentionMonths: 36, nowMs: Date.now() });

describe('sensor registry', () => {
  it('rotating a sensor token makes the old one unknown and the new one the sensor; audited without the token', async () => {
    const { actor } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu);
    const rotated = await rotateDeviceToken(db, actor, sensor.id);
    expect(rotated.token).toMatch(/^gts_/);
    expect(rotated.token).not.toBe(sensor.token);
    expect(await principalOfToken(db, sensor.token!)).toBeNull();
    expect(await principalOfToken(db, rotated.token)).toEqual({ kind: 'sensor', id: sensor.id, regionCode: TEST_REGIONS.donghu });
    const audit = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'sensors_devices'), eq(accountsAuditLog.recordId, sensor.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(rotated.token);
  });

  it('a retired sensor is refused at ingest and loses its token; reactivated, it writes with a new token only', async () => {
    const { actor } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu);
    const principal = (await principalOfToken(db, sensor.token!))!;
    expect(await setDeviceActive(db, actor, { id: sensor.id, isActive: false })).toMatchObject({ isActive: false });
    await expect(ingestReadings(db, principal, [{ sensorId: sensor.id, observedAt: new Date(), value: 1 }], limits())).rejects.toThrow(/may not write sensor/);
    expect(await principalOfToken(db, sensor.token!)).toBeNull();
    expect(await setDeviceActive(db, actor, { id: sensor.id, isActive: true })).toMatchObject({ isActive: true, hasToken: false });
    expect(await principalOfToken(db, sensor.token!)).toBeNull();
    const fresh = await rotateDeviceToken(db, actor, sensor.id);
    const freshPrincipal = (await principalOfToken(db, fresh.token))!;
    expect(await ingestReadings(db, freshPrincipal, [{ sensorId: sensor.id, observedAt: new Date(), value: 1 }], limits())).toMatchObject({ accepted: 1 });
  });

  it('lists the gateways of the scope with their active sensor count; rotation of a 九江 gateway is NOT_FOUND for a 南昌 admin', async () => {
    const { actor: nanchang } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const mine = await createTestGateway(db, TEST_REGIONS.donghu);
    const theirs = await createTestGateway(db, TEST_REGIONS.lianxi);
    await createTestSensor(db, TEST_REGIONS.donghu, 'gas', { gatewayId: mine.id, withToken: false });
    await createTestSensor(db, TEST_REGIONS.donghu, 'noise', { gatewayId: mine.id, withToken: false });
    const gateways = await listGateways(db, nanchang);
    expect(gateways.find((g) => g.id === mine.id)).toMatchObject({ sensorCount: 2, hasToken: true, regionCode: TEST_REGIONS.donghu });
    expect(gateways.map((g) => g.id)).not.toContain(theirs.id);
    await expect(rotateGatewayToken(db, nanchang, theirs.id)).rejects.toThrow(/not found/);
    expect(await principalOfToken(db, theirs.token)).toMatchObject({ kind: 'gateway', id: theirs.id });
  });
});
