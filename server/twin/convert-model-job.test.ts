import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elements, models } from '@server/db/schema/twin';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { env } from '@server/env';
import { InputError } from '@kernel/errors';
import { IfcParseError } from '@tiling/index';
import { convertIfc } from '@tiling/index';
import { sha256OfFile } from './convert-model';
import { enqueueJob, jobOutcomeOf, startBoss, startWorker, stopBoss, waitForJobs } from '@server/jobs/queue';
import { SILENT_LOGGER } from '@kernel/logger';
import { CONVERT_MODEL_JOB, type ConvertModelPayload } from './convert-model-job';
import { getObjectStore } from '@server/storage/shared-store';

const CONVERT_MODEL_QUEUE = CONVERT_MODEL_JOB.queue;
const enqueueModelConversion = (b: PgBoss, payload: ConvertModelPayload) => enqueueJob(b, CONVERT_MODEL_JOB, payload);
const waitForConversionJobs = (b: PgBoss, ids: string[], options: { pollIntervalMs: number }) => waitForJobs(b, CONVERT_MODEL_JOB, ids, options);

const FZK = path.join(env.SHARED_DATA_DIR, 'ifc/AC20-FZK-Haus.ifc');
const hasFzk = existsSync(FZK);
const connection = connectTestDb();
const work = mkdtempSync(path.join(tmpdir(), 'gantwin-queue-'));
const tilesDir = path.join(work, 'tiles');
const created: string[] = [];
/** A parcel of its own (WGS84 degrees, metres), so that this file's FZK row is not convert-model.test.ts's. */
const PLACEMENT = { lonDeg: 115.8601, latDeg: 28.6952, heightM: 0, headingDeg: 30 };
/** A cut-off STEP file: the last entity has no end (unique text so that no earlier row is reused). */
const TRUNCATED_IFC = [
  'ISO-10303-21;',
  'HEADER;',
  "FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');",
  `FILE_NAME('truncated-${Date.now()}.ifc','2026-01-01T00:00:00',(''),(''),'','','');`,
  "FILE_SCHEMA(('IFC4'));",
  'ENDSEC;',
  'DATA;',
  "#1=IFCPERSON($,$,'queue-test',$,$,$,$,$);",
  "#2=IFCORGANIZATION($,'GanTwin',$,$,$);",
  '#3=IFCPERSONANDORGANIZATION(#1,#2,$);',
  "#4=IFCAPPLICATION(#2,'1','queue test','qt",
].join('\n');

let boss: PgBoss;

beforeAll(async () => {
  boss = await startBoss(testDatabaseUrl(), [CONVERT_MODEL_JOB], { supervise: false });
  await startWorker(boss, [CONVERT_MODEL_JOB], { db: connection.db, logger: SILENT_LOGGER, tilesDir, sharedDataDir: env.SHARED_DATA_DIR, objectStore: getObjectStore(), pollingIntervalS: 0.5 });
});

afterAll(async () => {
  if (boss) await stopBoss(boss);
  if (created.length) await connection.db.delete(models).where(inArray(models.id, created));
  await connection.pool.end();
  rmSync(work, { recursive: true, force: true });
});

async function elementCountOf(modelId: string): Promise<number> {
  const [row] = await connection.db.select({ n: count() }).from(elements).where(eq(elements.modelId, modelId));
  return row.n;
}

describe.skipIf(!hasFzk)('a conversion job for FZK-Haus (needs ../shared/data/ifc/AC20-FZK-Haus.ifc)', () => {
  it('completes and leaves the model ready with 83 elements', async () => {
    const jobId = await enqueueModelConversion(boss, { sourcePath: FZK, name: 'FZK-Haus (queue)', nameEn: 'FZK house (queue)', placement: PLACEMENT, regionCode: '360100' });
    const [outcome] = await waitForConversionJobs(boss, [jobId], { pollIntervalMs: 200 });
    expect(outcome.result).not.toBeNull();
    created.push(outcome.result?.id ?? '');
    expect(outcome).toMatchObject({ jobId, state: 'completed', error: null, retryCount: 0 });
    expect(outcome.result).toMatchObject({ status: 'ready', cached: false, elementCount: 83, error: null });
    expect(outcome.result?.elapsedS).toBeGreaterThan(0);
    const [row] = await connection.db.select().from(models).where(eq(models.id, outcome.result?.id ?? ''));
    expect(row).toMatchObject({ status: 'ready', elementCount: 83, regionCode: '360100', fileName: 'AC20-FZK-Haus.ifc', nameEn: 'FZK house (queue)' });
    expect(await elementCountOf(row.id)).toBe(83);
  });
});

describe('a conversion job for a truncated IFC', () => {
  it('fails with the IfcParseError message, is not retried and leaves other models untouched', async () => {
    const source = path.join(work, 'truncated.ifc');
    writeFileSync(source, TRUNCATED_IFC);
    // The message the tiler gives for this file, with the server's folder cut out as convertModel stores it.
    const thrown = await convertIfc(source, { outDir: path.join(work, 'direct') }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(IfcParseError);
    const expected = (thrown as IfcParseError).message.replaceAll(`${work}${path.sep}`, '');
    expect(expected).toMatch(/^truncated\.ifc: /);

    // A bystander: a ready model that must keep its row (and any model converted above).
    const bystanderId = randomUUID();
    created.push(bystanderId);
    await connection.db.insert(models).values({ id: bystanderId, name: 'bystander', fileName: 'bystander.ifc', sourceSha256: randomUUID(), status: 'ready', tilesetDir: bystanderId, elementCount: 7 });
    const others = await connection.db.select().from(models).where(inArray(models.id, created));

    const jobId = await enqueueModelConversion(boss, { sourcePath: source, name: 'truncated' });
    const [outcome] = await waitForConversionJobs(boss, [jobId], { pollIntervalMs: 200 });
    expect(outcome).toMatchObject({ jobId, state: 'failed', result: null, error: expected, retryCount: 0 });

    const [failedRow] = await connection.db.select().from(models).where(eq(models.sourceSha256, await sha256OfFile(source)));
    created.push(failedRow.id);
    expect(failedRow).toMatchObject({ status: 'failed', errorMessage: expected, elementCount: 0 });

    // Not retried: still failed, retry count 0, after more than one polling interval.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await jobOutcomeOf(boss, CONVERT_MODEL_JOB, jobId)).toMatchObject({ state: 'failed', retryCount: 0 });
    const job = await boss.getJobById(CONVERT_MODEL_QUEUE, jobId);
    expect(job).toMatchObject({ state: 'failed', retryCount: 0, retryLimit: 0 });

    expect(await connection.db.select().from(models).where(inArray(models.id, others.map((m) => m.id)))).toEqual(others);
  }, 30_000);
});

describe('the conversion worker', () => {
  it('fails a job without retry when its payload bypassed validation or its file is missing', async () => {
    const rawJobId = await boss.send(CONVERT_MODEL_QUEUE, { sourcePath: '', name: 'raw row' });
    const missing = path.join(work, 'missing.ifc');
    const missingJobId = await enqueueModelConversion(boss, { sourcePath: missing, name: 'missing' });
    const [raw, absent] = await waitForConversionJobs(boss, [rawJobId ?? '', missingJobId], { pollIntervalMs: 200 });
    expect(raw).toMatchObject({ state: 'failed', retryCount: 0 });
    expect(raw.error).toMatch(/invalid payload: sourcePath: Too small: expected string to have >=1 characters$/);
    expect(absent).toMatchObject({ state: 'failed', retryCount: 0, error: `convert-model: ${missing} does not exist` });
  }, 30_000);
});

describe('enqueueJob(CONVERT_MODEL_JOB)', () => {
  it('refuses an invalid payload with a message naming the field, and queues nothing', async () => {
    const before = await boss.getQueueSize(CONVERT_MODEL_QUEUE);
    const badLatitude = { sourcePath: FZK, name: 'x', placement: { lonDeg: 115.86, latDeg: 128.69, heightM: 0, headingDeg: 0 } };
    await expect(enqueueModelConversion(boss, badLatitude)).rejects.toThrow(InputError);
    await expect(enqueueModelConversion(boss, badLatitude)).rejects.toThrow(/payload: placement\.latDeg: Too big: expected number to be <=90$/);
    await expect(enqueueModelConversion(boss, { sourcePath: FZK } as never)).rejects.toThrow(/payload: name: Invalid input: expected string, received undefined$/);
    await expect(enqueueModelConversion(boss, { sourcePath: FZK, name: 'x', nameEn: '   ' })).rejects.toThrow(/payload: nameEn: Too small/);
    await expect(enqueueModelConversion(boss, { sourcePath: FZK, name: 'x', regionCode: '36' })).rejects.toThrow(/regionCode: must be a 6-digit admin code/);
    await expect(enqueueModelConversion(boss, { sourcePath: FZK, name: 'x', forse: true } as never)).rejects.toThrow(/Unrecognized key: "forse"/);
    expect(await boss.getQueueSize(CONVERT_MODEL_QUEUE)).toBe(before);
  });
});
