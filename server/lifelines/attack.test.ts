import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFELINES_LAYERS, pipeLayerId } from '@data/lifelines/layers';
import { SILENT_LOGGER } from '@kernel/logger';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { geoLayerResponse } from '@server/host/geo-layer-response';
import { seedLayers } from '@server/host/seed-layers';
import { SERVER_PLATES } from '@server/plates';
import { createTestNetwork, type TestNetworkIds } from './test-fixtures';

/**
 * Adversarial review of the `lifelines` plate (城市生命线), 2026-12: applicants, other cities and anonymous callers
 * against the procedures and the `/api/geo/lifelines-*` layers; hostile inputs; bounded work of 关阀分析.
 * Each block names what it attacks; the tests that failed before a fix name the fix.
 */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

/** Code of a thrown tRPC error, or 'ok'. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function layerIds(actor: Actor | null, layerId: string): Promise<string[]> {
  const deps = { getDb: () => db, logger: SILENT_LOGGER, plates: SERVER_PLATES, actorOf: async () => actor };
  const response = await geoLayerResponse(deps, new Request(`http://localhost/api/geo/${layerId}`), layerId);
  expect(response.status).toBe(200);
  return ((await response.json()) as { features: { id: string }[] }).features.map((feature) => feature.id);
}

let main: TestNetworkIds;
beforeAll(async () => {
  await ensureTestRegions(db);
  await seedLayers(db, LIFELINES_LAYERS);
  // One DN1000 gas main in 九江 濂溪区, far from other tests' rows (116.08°E, 29.61°N).
  main = await createTestNetwork(
    db,
    TEST_REGIONS.lianxi,
    'gas',
    [
      { name: 'A', kind: 'junction', lonDeg: 116.08, latDeg: 29.61 },
      { name: 'B', kind: 'junction', lonDeg: 116.081, latDeg: 29.61 },
    ],
    [{ name: 'P', from: 'A', to: 'B', lengthM: 97, diameterMm: 1000 }],
  );
});

describe('network layers (/api/geo/lifelines-*): only the roles that may read the networks', () => {
  // Fixed: geo-layer-sources.ts served every signed-in account of the region, applicants included, while every
  // procedure refuses them (router.ts): an applicant downloaded the gas mains of their city through /api/geo.
  it('gives an applicant of the region no pipe, as lifelines.pipes.inBbox refuses them; a 九江 inspector gets it', async () => {
    const applicant = (await createTestAccount(db, 'applicant', TEST_REGIONS.jiujiang)).actor;
    const inspector = (await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor;
    expect(await outcome(() => callerOf(applicant).lifelines.pipes.inBbox({ bbox: [116.07, 29.6, 116.09, 29.62] }))).toBe('FORBIDDEN');
    expect(await layerIds(inspector, pipeLayerId('gas'))).toContain(main.pipes.P);
    expect(await layerIds(applicant, pipeLayerId('gas'))).not.toContain(main.pipes.P);
    expect(await layerIds(applicant, pipeLayerId('gas'))).toEqual([]);
  });
});
