import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { appRouter, createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { SILENT_LOGGER } from '@kernel/logger';
import { SERVER_PLATES } from '@server/plates';
import { geoLayerResponse } from './geo-layer-response';
import { HOST_ROUTER_KEYS } from './server-plate';
import { seedLayers } from './seed-layers';
import { expectAccessOutcome, type AccessRow, type AppCaller, type PlateAccessWalk } from './access-walk';

/**
 * Walks every tRPC procedure of every plate in server/plates.ts with four callers (issue #3): anonymous, a
 * signed-in account of the wrong role, a city-A (南昌) account aimed at a city-B (九江) record, and a province
 * account aimed at the same record. Each plate's rows are in `server/<slug>/access-walk.ts`; a plate without
 * that file, or a procedure without a row, fails the first test. Every GeoJSON source is walked too: a public one
 * must answer everyone alike, a private one needs its `geoRows` entry.
 */

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;
const callerOf = (actor: Actor | null): AppCaller => createCaller(createTrpcContext(db, actor));
const account = async (role: Actor['role'], regionCode: string) => (await createTestAccount(db, role, regionCode)).actor;

interface LoadedWalk {
  slug: string;
  walk: PlateAccessWalk<unknown>;
  targets: unknown;
}

const walks: LoadedWalk[] = [];
const callers = {} as Record<'anonymous' | 'wrongRole' | 'cityAdmin' | 'cityPlanner' | 'provinceAdmin' | 'provincePlanner', AppCaller>;

beforeAll(async () => {
  await ensureTestRegions(db);
  callers.anonymous = callerOf(null);
  callers.wrongRole = callerOf(await account('planner', TEST_REGIONS.jiujiang));
  callers.cityAdmin = callerOf(await account('admin', TEST_REGIONS.nanchang));
  callers.cityPlanner = callerOf(await account('planner', TEST_REGIONS.nanchang));
  callers.provinceAdmin = callerOf(await account('admin', TEST_REGIONS.province));
  callers.provincePlanner = callerOf(await account('planner', TEST_REGIONS.province));
  for (const plate of SERVER_PLATES) {
    const module = (await import(`../${plate.slug}/access-walk.ts`)) as { ACCESS_WALK?: PlateAccessWalk<unknown> };
    if (!module.ACCESS_WALK) throw new Error(`server/${plate.slug}/access-walk.ts exports no ACCESS_WALK`);
    walks.push({ slug: plate.slug, walk: module.ACCESS_WALK, targets: await module.ACCESS_WALK.setUp({ db, account }) });
  }
  // The host's own routers (root.ts) keep their rows in server/host/<key>-access-walk.ts.
  for (const key of HOST_ROUTER_KEYS) {
    const module = (await import(`./${key}-access-walk.ts`)) as { ACCESS_WALK?: PlateAccessWalk<unknown> };
    if (!module.ACCESS_WALK) throw new Error(`server/host/${key}-access-walk.ts exports no ACCESS_WALK`);
    walks.push({ slug: key, walk: module.ACCESS_WALK, targets: await module.ACCESS_WALK.setUp({ db, account }) });
  }
});

/** Every row of every plate, in plate order (filled after `beforeAll`, so the tests below look rows up lazily). */
function rowOf(name: string): { row: AccessRow<unknown>; targets: unknown } {
  for (const { walk, targets } of walks) if (Object.hasOwn(walk.rows, name)) return { row: walk.rows[name], targets };
  throw new Error(`no access-walk row for ${name}`);
}

const procedureNames = Object.keys(appRouter._def.procedures).sort();

describe('every tRPC procedure under anonymous, wrong-role, city-A-on-city-B and province callers', () => {
  it('has exactly one row per procedure, in its own plate (and none for a procedure that is gone)', () => {
    const rows = walks.flatMap(({ slug, walk }) => Object.keys(walk.rows).map((name) => ({ slug, name })));
    expect(rows.map((r) => r.name).sort()).toEqual(procedureNames);
    expect(rows.filter((r) => !r.name.startsWith(`${r.slug}.`))).toEqual([]);
  });

  for (const name of procedureNames) {
    it(`${name}: anonymous, wrong role, 南昌市 on a 九江市 record, province`, async () => {
      const { row, targets } = rowOf(name);
      const isAdmin = row.callerRole === 'admin';
      await expectAccessOutcome(row.anonymous, row.call(callers.anonymous, targets));
      if (row.wrongRole) await expectAccessOutcome(row.wrongRole, row.call(callers.wrongRole, targets));
      await expectAccessOutcome(row.cityAOnB, row.call(isAdmin ? callers.cityAdmin : callers.cityPlanner, targets));
      await expectAccessOutcome(row.province, row.call(isAdmin ? callers.provinceAdmin : callers.provincePlanner, targets));
    });
  }
});

describe('every GeoJSON source of every plate under anonymous, 南昌 and province callers', () => {
  const deps = (actor: Actor | null) => ({ getDb: () => db, logger: SILENT_LOGGER, plates: SERVER_PLATES, actorOf: async () => actor });
  const featureIdsOf = async (layerId: string, actor: Actor | null) => {
    const response = await geoLayerResponse(deps(actor), new Request(`http://localhost/api/geo/${layerId}`), layerId);
    expect(response.status).toBe(200);
    return ((await response.json()) as { features: { id: string | number }[] }).features.map((feature) => String(feature.id));
  };
  const sources = SERVER_PLATES.flatMap((plate) => Object.entries(plate.geoLayers ?? {}).map(([layerId, source]) => ({ slug: plate.slug, layerId, source })));

  beforeAll(() => seedLayers(db, SERVER_PLATES.flatMap((plate) => plate.layers ?? [])));

  for (const { slug, layerId, source } of sources) {
    it(`${slug} ${layerId} (${source.cache}): ${source.cache === 'public' ? 'the same answer for everyone' : 'its access row holds'}`, async () => {
      const cityA = await account('planner', TEST_REGIONS.nanchang);
      const province = await account('planner', TEST_REGIONS.province);
      const answers = { anonymous: await featureIdsOf(layerId, null), cityA: await featureIdsOf(layerId, cityA), province: await featureIdsOf(layerId, province) };
      if (source.cache === 'public') {
        expect(answers.cityA).toEqual(answers.anonymous);
        expect(answers.province).toEqual(answers.anonymous);
        return;
      }
      const loaded = walks.find((candidate) => candidate.slug === slug);
      const row = loaded?.walk.geoRows?.[layerId];
      expect(row, `server/${slug}/access-walk.ts has a geoRows entry for the private source ${layerId}`).toBeDefined();
      row!.anonymous(answers.anonymous, loaded!.targets);
      row!.cityA(answers.cityA, loaded!.targets);
      row!.province(answers.province, loaded!.targets);
    });
  }
});
