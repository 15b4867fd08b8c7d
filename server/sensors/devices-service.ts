import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { InputError, NotFoundError, ScopeError } from '@kernel/errors';
import { SENSOR_TYPE_DEFINITIONS, type SensorType } from '@data/sensors/sensor-types';
import type { Actor } from '@server/api/actor';
import { recordAudit } from '@server/accounts/audit';
import { regionCovers, regionScopeSql } from '@server/accounts/region-scope';
import type { Db } from '@server/db/client';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPoint } from '@server/db/columns/geojson';
import { sensorsDevices, sensorsGateways } from '@server/db/schema/sensors';
import { newIngestToken } from './ingest-tokens';
import type { deviceActiveInput, deviceCreateInput, devicesListInput, gatewayCreateInput } from './inputs';
import type { z } from 'zod';

/** A sensor as the API shows it (never its token hash). Position: GeoJSON Point, lon/lat degrees WGS84. */
export interface SensorSummary {
  id: string;
  code: string;
  name: string;
  type: SensorType;
  unit: string;
  position: GeoJsonPoint;
  assetKind: string | null;
  assetId: string | null;
  regionCode: string;
  gatewayId: string | null;
  hasToken: boolean;
  isDemo: boolean;
  isActive: boolean;
  lastObservedAt: Date | null;
  lastValue: number | null;
}

const SENSOR_COLUMNS = {
  id: sensorsDevices.id,
  code: sensorsDevices.code,
  name: sensorsDevices.name,
  type: sensorsDevices.type,
  unit: sensorsDevices.unit,
  position: asGeoJson<GeoJsonPoint>(sensorsDevices.position),
  assetKind: sensorsDevices.assetKind,
  assetId: sensorsDevices.assetId,
  regionCode: sensorsDevices.regionCode,
  gatewayId: sensorsDevices.gatewayId,
  hasToken: sql<boolean>`${sensorsDevices.tokenSha256} IS NOT NULL`,
  isDemo: sensorsDevices.isDemo,
  isActive: sensorsDevices.isActive,
  lastObservedAt: sensorsDevices.lastObservedAt,
  lastValue: sensorsDevices.lastValue,
};

/**
 * The sensors in the actor's region scope, by code, optionally of one type / asset kind (at most `limit`, default
 * 2 000).
 */
export async function listDevices(db: Db, actor: Actor, input: z.output<typeof devicesListInput>): Promise<SensorSummary[]> {
  const conditions: SQL[] = [regionScopeSql(sensorsDevices.regionCode, actor.regionCode)];
  if (input?.type) conditions.push(eq(sensorsDevices.type, input.type));
  if (input?.assetKind) conditions.push(eq(sensorsDevices.assetKind, input.assetKind));
  return (await db.select(SENSOR_COLUMNS).from(sensorsDevices).where(and(...conditions)).orderBy(asc(sensorsDevices.code)).limit(input?.limit ?? 2000)) as SensorSummary[];
}

/**
 * One sensor in the actor's scope.
 * @throws {NotFoundError} when it does not exist or lies outside the scope (the same answer: no probing)
 */
export async function deviceById(db: Db, actor: Actor, id: string): Promise<SensorSummary> {
  const [row] = await db.select(SENSOR_COLUMNS).from(sensorsDevices).where(and(eq(sensorsDevices.id, id), regionScopeSql(sensorsDevices.regionCode, actor.regionCode)));
  if (!row) throw new NotFoundError(`sensor ${id} not found`);
  return row as SensorSummary;
}

/**
 * Registers a sensor (admin of a region covering `regionCode`), audited; its unit comes from its type. With
 * `issueToken`, returns its ingest token — shown this once, only its SHA-256 is stored.
 * @throws {ScopeError} when the region lies outside the actor's scope
 * @throws {NotFoundError} when `gatewayId` names no gateway in the actor's scope
 * @throws {InputError} when the gateway's region does not cover the sensor's, or it is a demo gateway and the
 *   sensor is not a demo sensor
 */
export async function createDevice(db: Db, actor: Actor, input: z.output<typeof deviceCreateInput>): Promise<{ sensor: SensorSummary; token: string | null }> {
  if (!regionCovers(actor.regionCode, input.regionCode)) throw new ScopeError(`region ${input.regionCode} lies outside your region ${actor.regionCode}`);
  const token = input.issueToken ? newIngestToken('sensor') : null;
  return db.transaction(async (tx) => {
    if (input.gatewayId) {
      const [gateway] = await tx.select({ regionCode: sensorsGateways.regionCode, isDemo: sensorsGateways.isDemo }).from(sensorsGateways).where(eq(sensorsGateways.id, input.gatewayId));
      if (!gateway || !regionCovers(actor.regionCode, gateway.regionCode)) throw new NotFoundError(`gateway ${input.gatewayId} not found`);
      // The gateway's token writes the sensor: its holders must be of the sensor's region (a city gateway may
      // serve its counties), and the demo gateway's token (a local file of the simulator) writes demo sensors only.
      if (!regionCovers(gateway.regionCode, input.regionCode)) throw new InputError(`gatewayId: the gateway's region ${gateway.regionCode} does not cover the sensor's region ${input.regionCode}`);
      if (gateway.isDemo && !input.isDemo) throw new InputError('gatewayId: a demo gateway (示例) serves demo sensors only; set isDemo or choose another gateway');
    }
    const [row] = await tx
      .insert(sensorsDevices)
      .values({
        code: input.code,
        name: input.name,
        type: input.type,
        unit: SENSOR_TYPE_DEFINITIONS[input.type].unit,
        position: { type: 'Point', coordinates: input.position },
        assetKind: input.assetKind,
        assetId: input.assetId,
        regionCode: input.regionCode,
        gatewayId: input.gatewayId,
        tokenSha256: token?.sha256 ?? null,
        isDemo: input.isDemo,
      })
      .returning({ id: sensorsDevices.id });
    await recordAudit(tx, actor, {
      action: 'create',
      tableName: 'sensors_devices',
      recordId: row.id,
      recordRegionCode: input.regionCode,
      after: { code: input.code, type: input.type, regionCode: input.regionCode, gatewayId: input.gatewayId, hasToken: token !== null },
    });
    return { sensor: await deviceById(tx, actor, row.id), token: token?.token ?? null };
  });
}

/**
 * Registers a gateway (admin), audited; returns its ingest token once (only its SHA-256 is stored).
 * @throws {ScopeError} when the region lies outside the actor's scope
 */
export async function createGateway(db: Db, actor: Actor, input: z.output<typeof gatewayCreateInput>): Promise<{ id: string; code: string; regionCode: string; token: string }> {
  if (!regionCovers(actor.regionCode, input.regionCode)) throw new ScopeError(`region ${input.regionCode} lies outside your region ${actor.regionCode}`);
  const token = newIngestToken('gateway');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(sensorsGateways).values({ code: input.code, name: input.name, regionCode: input.regionCode, tokenSha256: token.sha256, isDemo: input.isDemo }).returning({ id: sensorsGateways.id });
    await recordAudit(tx, actor, { action: 'create', tableName: 'sensors_gateways', recordId: row.id, recordRegionCode: input.regionCode, after: { code: input.code, regionCode: input.regionCode } });
    return { id: row.id, code: input.code, regionCode: input.regionCode, token: token.token };
  });
}

/**
 * Retires (`isActive: false`: readings refused, history kept, no alarms, and its own ingest token revoked) or
 * reactivates a sensor (admin of its region), audited with before/after. A reactivated sensor writes through its
 * gateway or a new token ({@link rotateDeviceToken}): a token handed out before the retirement never works again.
 * @throws {NotFoundError} when the sensor does not exist or lies outside the scope
 */
export async function setDeviceActive(db: Db, actor: Actor, input: z.output<typeof deviceActiveInput>): Promise<SensorSummary> {
  return db.transaction(async (tx) => {
    const before = await deviceById(tx, actor, input.id);
    if (before.isActive === input.isActive) return before;
    const revoke = !input.isActive && before.hasToken;
    await tx.update(sensorsDevices).set(revoke ? { isActive: false, tokenSha256: null } : { isActive: input.isActive }).where(eq(sensorsDevices.id, input.id));
    await recordAudit(tx, actor, { action: 'update', tableName: 'sensors_devices', recordId: input.id, recordRegionCode: before.regionCode, before: { isActive: before.isActive, hasToken: before.hasToken }, after: { isActive: input.isActive, hasToken: before.hasToken && !revoke } });
    return deviceById(tx, actor, input.id);
  });
}

/**
 * Issues a sensor a new ingest token (admin of its region), audited: the old token stops working at once (an MQTT
 * consumer's token cache may accept it a few seconds more, server/sensors/README.md). Returns the token this once.
 * @throws {NotFoundError} when the sensor does not exist or lies outside the scope
 */
export async function rotateDeviceToken(db: Db, actor: Actor, id: string): Promise<{ id: string; token: string }> {
  return db.transaction(async (tx) => {
    const sensor = await deviceById(tx, actor, id);
    const token = newIngestToken('sensor');
    await tx.update(sensorsDevices).set({ tokenSha256: token.sha256 }).where(eq(sensorsDevices.id, id));
    await recordAudit(tx, actor, { action: 'update', tableName: 'sensors_devices', recordId: id, recordRegionCode: sensor.regionCode, before: { hasToken: sensor.hasToken }, after: { hasToken: true, tokenRotated: true } });
    return { id, token: token.token };
  });
}

/** A gateway as the API shows it (never its token hash), with how many active sensors it serves. */
export interface GatewaySummary {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  hasToken: boolean;
  isDemo: boolean;
  sensorCount: number;
}

/** The gateways in the actor's region scope, by code (at most 2 000). */
export async function listGateways(db: Db, actor: Actor): Promise<GatewaySummary[]> {
  return db
    .select({
      id: sensorsGateways.id,
      code: sensorsGateways.code,
      name: sensorsGateways.name,
      regionCode: sensorsGateways.regionCode,
      hasToken: sql<boolean>`${sensorsGateways.tokenSha256} IS NOT NULL`,
      isDemo: sensorsGateways.isDemo,
      sensorCount: sql<number>`(SELECT count(*)::int FROM sensors_devices d WHERE d.gateway_id = sensors_gateways.id AND d.is_active)`,
    })
    .from(sensorsGateways)
    .where(regionScopeSql(sensorsGateways.regionCode, actor.regionCode))
    .orderBy(asc(sensorsGateways.code))
    .limit(2000);
}

/**
 * Issues a gateway a new ingest token (admin of its region), audited; the old one stops working. Returns it once.
 * @throws {NotFoundError} when the gateway does not exist or lies outside the scope
 */
export async function rotateGatewayToken(db: Db, actor: Actor, id: string): Promise<{ id: string; token: string }> {
  return db.transaction(async (tx) => {
    const [gateway] = await tx.select({ regionCode: sensorsGateways.regionCode }).from(sensorsGateways).where(and(eq(sensorsGateways.id, id), regionScopeSql(sensorsGateways.regionCode, actor.regionCode)));
    if (!gateway) throw new NotFoundError(`gateway ${id} not found`);
    const token = newIngestToken('gateway');
    await tx.update(sensorsGateways).set({ tokenSha256: token.sha256 }).where(eq(sensorsGateways.id, id));
    await recordAudit(tx, actor, { action: 'update', tableName: 'sensors_gateways', recordId: id, recordRegionCode: gateway.regionCode, after: { tokenRotated: true } });
    return { id, token: token.token };
  });
}
