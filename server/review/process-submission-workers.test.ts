import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createDb, type DbConnection } from '@server/db/client';
import { dropDatabase } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { reviewSubmissions } from '@server/db/schema/review';
import { installJobQueues } from '@server/jobs/install-job-queues';
import type { ObjectStore } from '@server/storage/object-store';
import { newPublishId, PUBLISH_MANIFEST_NAME } from '@server/storage/publish-manifest';
import { storeFromEnv } from '@server/storage/store-from-env';
import { startTestS3Server, type TestS3Server } from '@server/storage/test-s3-server';
import { generateIfc } from '../../scripts/bench/generate-ifc';
import { PROCESS_SUBMISSION_JOB } from './process-submission-job';
import { sourceKeyOf, tilesetPrefixOf } from './storage-keys';
import { createSubmission } from './submissions-service';
import { createTestParcel } from './test-fixtures';
import { childPidsOf, startWorkerProcess, stopWorkerProcess, type WorkerProcess } from '@server/jobs/worker-process';

/**
 * Two real worker processes (`node --import tsx scripts/worker.ts`, what `npm run worker` runs) share one queue, one
 * database and one S3-compatible server. The worker holding a submission is SIGKILLed (its whole process group:
 * the worker and its converter child) in the middle of the conversion; pg-boss's maintenance in the surviving worker
 * fails the expired job and the survivor runs the retry to 待审查, with one row, one version, one pending-review
 * transition and one published version.
 *
 * Own database (not the run's shared one): external workers would otherwise take the jobs of the other job tests,
 * and their queue policy (expiry = REVIEW_JOB_TIME_LIMIT_S + REVIEW_JOB_EXPIRY_MARGIN_S, set by whichever process
 * starts pg-boss last) would be overwritten by theirs.
 *
 * Timeline (≈ 60–75 s): job starts at t0, killed at ≈ t0 + 2 s; expiry at t0 + 33 s (time limit 30 s + margin 3 s),
 * noticed within 1 s (`JOB_MAINTENANCE_INTERVAL_S=1`); pg-boss retries after 10–20 s (the job's policy: retryDelay
 * 10 s with backoff and jitter); the survivor converts the ≈ 4 MB generated IFC in ≈ 5–10 s.
 */

const TIME_LIMIT_S = 30;
const EXPIRY_MARGIN_S = 3;
/** Size of the generated IFC: ≈ 6 000 walls, converts in ≈ 5–7 s on a 2-core machine. */
const MODEL_BYTES = 4_000_000;

let connection: DbConnection;
let databaseName: string;
let appUrl: string;
let s3: TestS3Server;
let store: ObjectStore;
let workDir: string;
let applicant: Actor;
let parcelId: string;
const workers: WorkerProcess[] = [];

/** This test's database, S3 server and limits for `scripts/worker.ts`. */
function workerEnv(): Record<string, string> {
  return {
    DATABASE_URL: appUrl,
    ...Object.fromEntries(Object.entries(s3.env).map(([name, value]) => [name, String(value)])),
    TILES_DIR: path.join(workDir, 'tiles'),
    REVIEW_JOB_TIME_LIMIT_S: String(TIME_LIMIT_S),
    REVIEW_JOB_EXPIRY_MARGIN_S: String(EXPIRY_MARGIN_S),
    JOB_MAINTENANCE_INTERVAL_S: '1',
  };
}

/** Polls `probe` every `intervalMs` until it returns a value other than undefined; throws `what` after `timeoutMs`. */
async function pollFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs = 200): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not after ${timeoutMs} ms\n${workers.map((w) => `worker ${w.pid}:\n${w.stderr}`).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}


/** Whether `pid` is a live process (a zombie waiting for its reaper counts as gone). */
async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The version folders under a submission's tileset prefix: publish id → has its manifest. */
async function versionsUnder(prefix: string): Promise<Map<string, boolean>> {
  const versions = new Map<string, boolean>();
  for await (const object of store.list(prefix)) {
    const [id, ...rest] = object.key.slice(prefix.length + 1).split('/');
    versions.set(id, (versions.get(id) ?? false) || rest.join('/') === PUBLISH_MANIFEST_NAME);
  }
  return versions;
}

beforeAll(async () => {
  const adminUrl = inject('databaseAdminUrl');
  if (!adminUrl) throw new Error(`no test database server: ${inject('databaseError')}`);
  databaseName = `gantwin_test_workers_${Date.now()}_${process.pid}`;
  appUrl = (await provisionDatabase(adminUrl, databaseName, { installJobQueues })).appUrl;
  connection = createDb(appUrl, 3);
  const db = connection.db;
  await ensureTestRegions(db);
  const planner = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
  applicant = (await createTestAccount(db, 'applicant', TEST_REGIONS.nanchang)).actor;
  parcelId = await createTestParcel(db, planner, TEST_REGIONS.donghu, 115.9, 28.69);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-review-workers-'));
  await mkdir(path.join(workDir, 'tiles'));
  s3 = await startTestS3Server('gantwin-review-workers');
  store = storeFromEnv(s3.env);
  // Both have started pg-boss (and set the queue's expiry from their env) before anything is queued.
  workers.push(...(await Promise.all([startWorkerProcess(workerEnv()), startWorkerProcess(workerEnv())])));
});

afterAll(async () => {
  for (const worker of workers) await stopWorkerProcess(worker);
  await connection?.pool.end();
  await s3?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  const adminUrl = inject('databaseAdminUrl');
  if (adminUrl && databaseName) await dropDatabase(adminUrl, databaseName);
});

describe('review.process-submission on two worker processes', () => {
  it('a worker SIGKILLed mid-conversion (with its converter) loses the job to the other worker, which publishes it once', { timeout: 150_000 }, async () => {
    const db = connection.db;
    const modelPath = path.join(workDir, 'generated.ifc');
    generateIfc(MODEL_BYTES, modelPath);
    const bytes = readFileSync(modelPath);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await store.putFile(sourceKeyOf(sha256, 'ifc'), modelPath);
    const created = await createSubmission(db, applicant, {
      uploadId: `workers-test-${Date.now()}`,
      metadata: { filename: 'generated.ifc', projectName: '双进程测试', parcelId },
      sha256,
      bytes: bytes.length,
      format: 'ifc',
    });
    const id = created.id;

    // The row is `converting` and one worker has its converter child running: that worker holds the job.
    const holder = await pollFor('a worker converting the submission', 60_000, async () => {
      const [row] = await db.select({ status: reviewSubmissions.status }).from(reviewSubmissions).where(eq(reviewSubmissions.id, id));
      if (row.status !== 'converting') return undefined;
      for (const worker of workers) {
        const converters = await childPidsOf(worker.pid, 'measure-child');
        if (converters.length > 0) return { worker, converterPid: converters[0] };
      }
      return undefined;
    });
    const survivor = workers.find((worker) => worker !== holder.worker)!;
    expect(await childPidsOf(survivor.pid, 'measure-child')).toEqual([]);

    process.kill(-holder.worker.pid, 'SIGKILL');
    await holder.worker.exited;
    expect(holder.worker.process.signalCode).toBe('SIGKILL');
    // No orphan converter keeps working while the job is retried.
    await pollFor(`converter ${holder.converterPid} gone`, 10_000, async () => ((await isAlive(holder.converterPid)) ? undefined : true));
    expect(survivor.process.exitCode).toBeNull();

    // Expiry (t0 + 33 s) → retry after 10–20 s → the survivor converts again.
    const row = await pollFor('pending-review', 110_000, async () => {
      const [current] = await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, id));
      return ['submitted', 'converting', 'checking'].includes(current.status) ? undefined : current;
    }, 500);
    expect(row.status, row.errorMessage ?? '').toBe('pending-review');
    expect(row.progress).toBeNull();

    // The job: completed by the survivor on its second attempt (the first expired with the killed worker).
    const jobs = await db.execute<{ state: string; retry_count: number; output: { outcome?: string; submissionId?: string } | null }>(
      sql`SELECT state, retry_count, output FROM pgboss.job WHERE name = ${PROCESS_SUBMISSION_JOB.queue} AND data ->> 'submissionId' = ${id}`,
    );
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]).toMatchObject({ state: 'completed', retry_count: 1, output: { outcome: 'pending-review', submissionId: id } });

    // One row and one version for the project; one transition to pending-review.
    const versions = await db.select({ id: reviewSubmissions.id, version: reviewSubmissions.version }).from(reviewSubmissions).where(eq(reviewSubmissions.projectId, created.projectId));
    expect(versions).toEqual([{ id, version: 1 }]);
    const audit = await db
      .select({ after: accountsAuditLog.after })
      .from(accountsAuditLog)
      .where(and(eq(accountsAuditLog.tableName, 'review_submissions'), eq(accountsAuditLog.recordId, id)))
      .orderBy(accountsAuditLog.id);
    // converting twice: the killed run took it, the retry took it again (converting → converting).
    expect(audit.map((entry) => (entry.after as { status: string }).status)).toEqual(['submitted', 'converting', 'converting', 'checking', 'pending-review']);

    // Storage: the row's version is whole; any other version (none when the kill came before publishing) has no manifest.
    const prefix = tilesetPrefixOf(id);
    expect(row.tilesetPrefix).toMatch(new RegExp(`^${prefix}/`));
    const publishedId = row.tilesetPrefix!.slice(prefix.length + 1);
    expect(await store.exists(`${row.tilesetPrefix}/${PUBLISH_MANIFEST_NAME}`)).toBe(true);
    expect(await store.exists(`${row.tilesetPrefix}/tileset.json`)).toBe(true);
    const before = await versionsUnder(prefix);
    expect(before.get(publishedId)).toBe(true);
    const orphansOfRun = [...before].filter(([versionId]) => versionId !== publishedId);
    expect(orphansOfRun.every(([, hasManifest]) => !hasManifest)).toBe(true);

    // What a publish killed half-way leaves (files, no manifest), one second old; the sweep removes exactly the orphans.
    const plantedId = newPublishId(new Date(Date.now() - 1000));
    const partial = path.join(workDir, 'partial-tileset.json');
    await writeFile(partial, '{"asset":{"version":"1.1"}}');
    await store.putFile(`${prefix}/${plantedId}/tileset.json`, partial);
    await store.putFile(`${prefix}/${plantedId}/tiles/0.glb`, partial);
    const swept = await store.sweepUnpublished(prefix, 0);
    expect(swept.removed.sort()).toEqual([...orphansOfRun.map(([versionId]) => versionId), plantedId].sort());
    expect([...(await versionsUnder(prefix))]).toEqual([[publishedId, true]]);
    expect(await store.exists(`${row.tilesetPrefix}/tileset.json`)).toBe(true);
  });
});
