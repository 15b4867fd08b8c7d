import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SENSORS } from '@data/sensors/demo-sensors';
import { connectTestDb } from '@server/db/test-database';
import { DEMO_GATEWAY_CODE, ensureDemoGateway } from './demo-gateway';
import { principalOfToken } from './ingest-tokens';
import { seedDemoSensors } from './seed-sensors';
import { createTestGateway } from './test-fixtures';

/** The simulator's demo gateway: created once, assigned the demo sensors, token kept while valid, re-issued when stale. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

describe('ensureDemoGateway', () => {
  it('creates the gateway with a token for the demo sensors, keeps a valid token and replaces a stale one', async () => {
    await seedDemoSensors(db);
    const first = await ensureDemoGateway(db, null);
    expect(first.issued).toBe(true);
    expect(first.token).toMatch(/^gtg_[A-Za-z0-9_-]{43}$/);
    expect(first.sensors.map((s) => s.code).sort()).toEqual(DEMO_SENSORS.map((s) => s.code).sort());
    expect(await principalOfToken(db, first.token)).toMatchObject({ kind: 'gateway', id: first.gatewayId, regionCode: '360100' });

    const again = await ensureDemoGateway(db, first.token);
    expect(again).toMatchObject({ gatewayId: first.gatewayId, token: first.token, issued: false });

    const stale = await ensureDemoGateway(db, 'gtg_not-the-token-not-the-token-not-the-token-1');
    expect(stale.issued).toBe(true);
    expect(stale.token).not.toBe(first.token);
    expect(await principalOfToken(db, first.token)).toBeNull();
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sensors_gateways WHERE code = ${DEMO_GATEWAY_CODE}`);
    expect(rows[0].n).toBe(1);
  });

  it('leaves a demo sensor already on another gateway where it is and skips retired ones', async () => {
    const retired = DEMO_SENSORS[0].code;
    const elsewhere = DEMO_SENSORS[1].code;
    const other = await createTestGateway(db, '360102');
    await db.execute(sql`UPDATE sensors_devices SET is_active = false WHERE code = ${retired}`);
    await db.execute(sql`UPDATE sensors_devices SET gateway_id = ${other.id} WHERE code = ${elsewhere}`);
    const gateway = await ensureDemoGateway(db, null);
    expect(gateway.sensors.map((s) => s.code)).not.toContain(retired);
    expect(gateway.sensors.map((s) => s.code)).not.toContain(elsewhere);
    expect(gateway.sensors).toHaveLength(DEMO_SENSORS.length - 2);
    const { rows } = await db.execute<{ gateway_id: string }>(sql`SELECT gateway_id FROM sensors_devices WHERE code = ${elsewhere}`);
    expect(rows[0].gateway_id).toBe(other.id);
    await db.execute(sql`UPDATE sensors_devices SET is_active = true WHERE code = ${retired}`);
  });
});
