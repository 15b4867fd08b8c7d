import { and, eq, inArray, isNull } from 'drizzle-orm';
import { InputError } from '@kernel/errors';
import { DEMO_SENSORS } from '@data/sensors/demo-sensors';
import type { Db } from '@server/db/client';
import { sensorsDevices, sensorsGateways } from '@server/db/schema/sensors';
import { ingestTokenSha256, newIngestToken } from './ingest-tokens';
import type { SimulatedSensor } from './simulation';

/**
 * The demo gateway (示例网关) through which `npm run simulate` sends the demo sensors' readings. Secure by default:
 * - its token is a normal gateway token (SHA-256 stored only) and can write ONLY the demo sensors (`is_demo`,
 *   labelled 示例 wherever shown) assigned to it: only demo sensors are assigned here, and the simulator sends only
 *   for the active demo sensors;
 * - the plain token lives only in the simulator's local file `.gantwin/demo-gateway-token` (mode 0600, in the
 *   git-ignored `.gantwin/`), never printed, never in the database or the log;
 * - the simulator re-issues it when the file is missing or no longer matches (e.g. rotated on the registry page),
 *   which needs `DATABASE_URL`, i.e. someone who can write the database anyway;
 * - a deployment without demo data sets `GANTWIN_SIMULATE=0` (start.sh): no gateway, no token.
 */

/** Code of the demo gateway. */
export const DEMO_GATEWAY_CODE = 'DEMO-NC-GW-1';

/** The demo gateway, its token, and the active demo sensors it sends for. */
export interface DemoGateway {
  gatewayId: string;
  token: string;
  /** True when a new token was issued now (the caller stores it and forgets the old one). */
  issued: boolean;
  sensors: SimulatedSensor[];
}

/**
 * Creates the demo gateway when absent, assigns it the demo sensors (data/sensors/demo-sensors.ts) that have no
 * gateway, and keeps `currentToken` when it is the gateway's token, else issues a new one. Idempotent.
 * @param currentToken the token the simulator holds (its file), null when none
 * @throws {InputError} when a gateway with the demo code exists but is not a demo gateway
 */
export async function ensureDemoGateway(db: Db, currentToken: string | null): Promise<DemoGateway> {
  return db.transaction(async (tx) => {
    await tx.insert(sensorsGateways).values({ code: DEMO_GATEWAY_CODE, name: '南昌中心城区示例网关（示例）', regionCode: '360100', isDemo: true }).onConflictDoNothing({ target: sensorsGateways.code });
    const [gateway] = await tx.select().from(sensorsGateways).where(eq(sensorsGateways.code, DEMO_GATEWAY_CODE)).for('update');
    if (!gateway.isDemo) throw new InputError(`simulate: gateway ${DEMO_GATEWAY_CODE} exists and is not a demo gateway: refusing to use it`);
    await tx
      .update(sensorsDevices)
      .set({ gatewayId: gateway.id })
      .where(and(inArray(sensorsDevices.code, DEMO_SENSORS.map((s) => s.code)), eq(sensorsDevices.isDemo, true), isNull(sensorsDevices.gatewayId)));
    let token = currentToken;
    const issued = !(token !== null && gateway.tokenSha256 !== null && ingestTokenSha256(token) === gateway.tokenSha256);
    if (issued) {
      const fresh = newIngestToken('gateway');
      await tx.update(sensorsGateways).set({ tokenSha256: fresh.sha256 }).where(eq(sensorsGateways.id, gateway.id));
      token = fresh.token;
    }
    const sensors = await tx
      .select({ id: sensorsDevices.id, code: sensorsDevices.code, type: sensorsDevices.type })
      .from(sensorsDevices)
      .where(and(eq(sensorsDevices.gatewayId, gateway.id), eq(sensorsDevices.isDemo, true), eq(sensorsDevices.isActive, true)))
      .orderBy(sensorsDevices.code);
    return { gatewayId: gateway.id, token: token!, issued, sensors };
  });
}
