import { sql } from 'drizzle-orm';
import { inArray } from 'drizzle-orm';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InvariantError } from '@kernel/errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { isPlateSlug } from '@kernel/plate-slugs';
import { createCallerFactory, createTrpcContext, publicProcedure, router } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { createRecordingLogger } from '@server/api/recording-logger';
import { layers } from '@server/db/schema/twin';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { env } from '@server/env';
import { defineJob } from '@server/jobs/job-handler';
import { enqueueJob, startBoss, startWorker, stopBoss, waitForJobs } from '@server/jobs/queue';
import { SERVER_PLATES } from '@server/plates';
import { geoLayerResponse } from './geo-layer-response';
import { seedPlates } from './seed-plates';
import { assertPlateList, definePlate, loadJobHandlers, plateRouterRecord } from './server-plate';
import { getObjectStore } from '@server/storage/shared-store';

/**
 * A short test plate, `demo`, that goes through every seam of the plate host without touching a central file: its
 * router is mounted under its slug, its catalogue layer is seeded, its GeoJSON source is served at /api/geo, its
 * job runs on the worker, and its seed runs in the seed step. Plate lists that break the rules are refused.
 */

const connection = connectTestDb();
const seeded: string[] = [];
afterAll(async () => {
  await connection.db.delete(layers).where(inArray(layers.id, seeded));
  await connection.pool.end();
});

const demoRouter = router({
  echo: publicProcedure.input(zodInput(z.object({ text: z.string().max(20) }))).query(({ input }) => ({ text: input.text.toUpperCase() })),
});

const seedCalls: string[] = [];
const flakyRuns = new Set<number>();
const DEMO_JOB = defineJob<{ n: number }, { square: number }>({
  queue: 'demo.square',
  payloadSchema: z.object({ n: z.number().int() }).strict(),
  policy: { retryLimit: 1, retryDelay: 1, expireInSeconds: 60 },
  async run({ n }) {
    if (n < 0) throw new InputError(`demo.square: n must be ≥ 0, got ${n}`);
    if (n === 7 && !flakyRuns.has(n)) {
      flakyRuns.add(n);
      throw new Error('demo.square: database connection lost');
    }
    return { square: n * n };
  },
});

const DEMO_PLATE = definePlate({
  slug: 'demo',
  router: demoRouter,
  jobs: async () => [DEMO_JOB],
  layers: [
    {
      id: 'demo-points',
      plate: 'demo',
      title: '示例点位',
      titleEn: 'Demo points',
      kind: 'points',
      cimLevel: 2,
      source: 'plate-host.test.ts',
      url: '/api/geo/demo-points',
      defaultVisible: true,
      style: { stroke: '#22aa88' },
      options: { clusterPixelRange: 30 },
      sortOrder: 900,
    },
  ],
  geoLayers: {
    'demo-points': {
      cache: 'private',
      query: (actor) => sql<string>`SELECT json_build_object('type', 'FeatureCollection', 'features', json_build_array(json_build_object(
        'type', 'Feature', 'id', 'p1', 'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(115.86, 28.68)),
        'properties', json_build_object('signedIn', ${actor !== null}::boolean))))::text AS body`,
    },
  },
  async seed() {
    seedCalls.push('demo');
    return 'nothing to seed';
  },
});

const PLATES = [...SERVER_PLATES, DEMO_PLATE] as const;

describe('a plate added by a list entry only', () => {
  it('gets its router mounted under its slug, beside the real plates', async () => {
    const testRouter = router(plateRouterRecord(PLATES));
    expect(Object.keys(testRouter._def.procedures)).toEqual(expect.arrayContaining(['demo.echo', 'twin.models.list', 'accounts.me']));
    const caller = createCallerFactory(testRouter)(createTrpcContext(connection.db, null));
    await expect(caller.demo.echo({ text: 'ping' })).resolves.toEqual({ text: 'PING' });
    await expect(caller.demo.echo({ text: 'x'.repeat(21) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('gets its catalogue layer seeded, its seed run, and its GeoJSON served at /api/geo', async () => {
    // The demo plate alone: the real plates' seeds need the shared sample data (geo-layers-service.test.ts runs them).
    const lines = await seedPlates(connection.db, [DEMO_PLATE], { logger: SILENT_LOGGER, sharedDataDir: env.SHARED_DATA_DIR });
    seeded.push('demo-points');
    expect(lines).toEqual(['catalogue: 1 layers', 'demo: nothing to seed']);
    expect(seedCalls).toEqual(['demo']);
    const [row] = await connection.db.select().from(layers).where(inArray(layers.id, ['demo-points']));
    expect(row).toMatchObject({ plate: 'demo', kind: 'points', options: { clusterPixelRange: 30 } });

    const deps = { getDb: () => connection.db, logger: createRecordingLogger(), plates: PLATES };
    const response = await geoLayerResponse(deps, new Request('http://localhost/api/geo/demo-points'), 'demo-points');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as { features: { id: string; properties: { signedIn: boolean } }[] };
    expect(body.features.map((feature) => [feature.id, feature.properties.signedIn])).toEqual([['p1', false]]);
    // Without the plate in the list, the same id is unknown.
    const without = await geoLayerResponse({ ...deps, plates: SERVER_PLATES }, new Request('http://localhost/api/geo/demo-points'), 'demo-points');
    expect(without.status).toBe(404);
  });

  it('gets its job run by the worker: a GanTwinError fails it at once, any other error is retried', async () => {
    // As db:up does for the real plates: the owner creates the queues (a queue is a new partition: DDL) …
    const handlers = await loadJobHandlers(PLATES);
    await stopBoss(await startBoss(testDatabaseUrl('owner'), handlers, { supervise: false, maxConnections: 1 }));
    // … and the worker runs them as the app role.
    const boss = await startBoss(testDatabaseUrl(), handlers, { supervise: false });
    try {
      await startWorker(boss, [DEMO_JOB], { db: connection.db, logger: SILENT_LOGGER, tilesDir: env.TILES_DIR, sharedDataDir: env.SHARED_DATA_DIR, objectStore: getObjectStore(), pollingIntervalS: 0.5 });
      const ok = await enqueueJob(boss, DEMO_JOB, { n: 12 });
      const bad = await enqueueJob(boss, DEMO_JOB, { n: -1 });
      const [okOutcome, badOutcome] = await waitForJobs(boss, DEMO_JOB, [ok, bad], { pollIntervalMs: 200 });
      expect(okOutcome).toMatchObject({ state: 'completed', result: { square: 144 }, retryCount: 0 });
      expect(badOutcome).toMatchObject({ state: 'failed', error: 'demo.square: n must be ≥ 0, got -1', retryCount: 0 });
      // n = 7 throws a plain Error on its first run (a transient failure): retried once, then completed.
      const flaky = await enqueueJob(boss, DEMO_JOB, { n: 7 });
      const [flakyOutcome] = await waitForJobs(boss, DEMO_JOB, [flaky], { pollIntervalMs: 200 });
      expect(flakyOutcome).toMatchObject({ state: 'completed', result: { square: 49 }, retryCount: 1 });
      await expect(enqueueJob(boss, DEMO_JOB, { n: 1.5 })).rejects.toThrow(/invalid demo\.square payload: n: /);
    } finally {
      await stopBoss(boss);
    }
  }, 30_000);
});

describe('assertPlateList', () => {
  it('refuses a repeated slug, a job queue of another plate, a layer of another plate and a source without a layer', () => {
    expect(() => assertPlateList([...PLATES, DEMO_PLATE])).toThrow(new InvariantError('plates: slug demo is listed twice'));
    expect(() => assertPlateList([{ ...DEMO_PLATE, layers: [{ ...DEMO_PLATE.layers![0], plate: 'twin' }] }])).toThrow(/layer demo-points says plate twin/);
    expect(() => assertPlateList([{ ...DEMO_PLATE, layers: [] }])).toThrow(/GeoJSON source demo-points has no catalogue layer/);
    expect(() => assertPlateList([{ ...DEMO_PLATE, slug: 'Demo' }])).toThrow(/slug must be lower-case letters/);
    expect(() => assertPlateList(SERVER_PLATES)).not.toThrow();
  });

  it('refuses catalogue layers that could never be served or selected', () => {
    const demoLayer = DEMO_PLATE.layers![0];
    const withLayer = (patch: Partial<typeof demoLayer>) => [{ ...DEMO_PLATE, layers: [{ ...demoLayer, ...patch }] }];
    expect(() => assertPlateList(withLayer({ id: 'Bad_ID with spaces' }))).toThrow(/layer id "Bad_ID with spaces" must be lower-case words/);
    expect(() => assertPlateList(withLayer({ url: '/api/geo/other' }))).toThrow(/url must be \/api\/geo\/demo-points/);
    expect(() => assertPlateList(withLayer({ cimLevel: 99 }))).toThrow(/cimLevel must be 1\.\.7 or null, got 99/);
    expect(() => assertPlateList(withLayer({ kind: 'tileset', url: '/tiles/x/tileset.json' }))).toThrow(/a GeoJSON source needs a layer of kind geojson\/points\/tubes\/volumes\/heatmap, not tileset/);
    expect(() => assertPlateList([{ ...DEMO_PLATE, geoLayers: {} }])).toThrow(/points layer demo-points has no GeoJSON source/);
    expect(() => assertPlateList([{ ...DEMO_PLATE, geoLayers: {}, layers: [{ ...demoLayer, kind: 'imagery', url: 'javascript:alert(1)', options: null }] }])).toThrow(/url must be a same-site path or https:\/\//);
  });

  it('lists every plate folder of server/ under a slug of kernel/plate-slugs.json (so the dependency rules cover it)', () => {
    const HOST_FOLDERS = ['api', 'db', 'geo', 'host', 'jobs', 'storage'];
    const folders = readdirSync(fileURLToPath(new URL('..', import.meta.url)), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !HOST_FOLDERS.includes(entry.name))
      .map((entry) => entry.name);
    expect(folders.filter((name) => !isPlateSlug(name))).toEqual([]);
    expect(SERVER_PLATES.map((plate) => plate.slug).filter((slug) => !isPlateSlug(slug))).toEqual([]);
  });

  it('refuses, when the worker loads the handlers, a foreign queue, a repeated queue or a policy without bounds', async () => {
    await expect(loadJobHandlers([{ ...DEMO_PLATE, jobs: async () => [{ ...DEMO_JOB, policy: { retryLimit: 10_000, expireInSeconds: 60 } }] }])).rejects.toThrow(/retryLimit must be 0\.\.5, got 10000/);
    await expect(loadJobHandlers([{ ...DEMO_PLATE, jobs: async () => [{ ...DEMO_JOB, policy: { expireInSeconds: 0 } }] }])).rejects.toThrow(/expireInSeconds must be 1\.\./);
    await expect(loadJobHandlers([{ ...DEMO_PLATE, slug: 'Pro be' }])).rejects.toThrow(/slug must be lower-case letters/);
    await expect(loadJobHandlers([{ ...DEMO_PLATE, jobs: async () => [{ ...DEMO_JOB, queue: 'twin.square' }] }])).rejects.toThrow(/job queue twin\.square must be "demo.<job>"/);
    await expect(loadJobHandlers([{ ...DEMO_PLATE, jobs: async () => [DEMO_JOB, DEMO_JOB] }])).rejects.toThrow(/job queue demo\.square is declared twice/);
    expect((await loadJobHandlers(SERVER_PLATES)).map((handler) => handler.queue)).toEqual(['twin.convert-model', 'review.process-submission', 'lifelines.build-network-tiles', 'sensors.maintain-partitions', 'sensors.check-no-data', 'villages.build-scene-tiles']);
  });
});
