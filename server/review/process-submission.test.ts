import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { reviewSubmissions } from '@server/db/schema/review';
import { env } from '@server/env';
import { startBoss, startWorker, stopBoss } from '@server/jobs/queue';
import type { ObjectStore } from '@server/storage/object-store';
import { storeFromEnv } from '@server/storage/store-from-env';
import { startTestS3Server, type TestS3Server } from '@server/storage/test-s3-server';
import { SILENT_LOGGER } from '@kernel/logger';
import { readParcelGeoJson } from './indicators/parcel-file';
import { createParcel, updateParcel } from './parcels-service';
import { PROCESS_SUBMISSION_JOB } from './process-submission-job';
import { sourceKeyOf } from './storage-keys';
import { createSubmission, decideSubmission, submissionById } from './submissions-service';
import { recheckSubmission, type StoredChecks } from './auto-review';
import { createHash } from 'node:crypto';

/**
 * The review job end to end on a real worker (pg-boss), a real conversion in the limited child process and a real
 * S3-compatible server (s3rver): upload → converting → checking → pending-review with the fixture's hand-computed
 * indicators, a poisonous file failing with its reason while the worker goes on, a re-check after a changed
 * condition, and the planner's decision.
 */

const connection = connectTestDb();
const db = connection.db;
const FIXTURES = new URL('../../data/fixtures/review/', import.meta.url);
const IFC = readFileSync(new URL('l-building.ifc', FIXTURES));
let s3: TestS3Server;
let store: ObjectStore;
let boss: PgBoss;
let planner: Actor;
let applicant: Actor;
let parcelId: string;
let workDir: string;
let uploadCounter = 0;

/** Stores `bytes` as an uploaded source and creates the submission (what the upload route does). */
async function submit(bytes: Buffer, projectName: string): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = path.join(workDir, `${sha256}.ifc`);
  await writeFile(file, bytes);
  await store.putFile(sourceKeyOf(sha256, 'ifc'), file);
  const created = await createSubmission(db, applicant, { uploadId: `job-test-${Date.now()}-${uploadCounter++}`, metadata: { filename: 'model.ifc', projectName, parcelId }, sha256, bytes: bytes.length, format: 'ifc' });
  return created.id;
}

/** Waits until the submission leaves the processing states. */
async function settled(id: string, timeoutMs = 150_000): Promise<typeof reviewSubmissions.$inferSelect> {
  const started = Date.now();
  for (;;) {
    const [row] = await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, id));
    if (!['submitted', 'converting', 'checking'].includes(row.status)) return row;
    if (Date.now() - started > timeoutMs) throw new Error(`submission ${id} still ${row.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

beforeAll(async () => {
  await ensureTestRegions(db);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-review-job-'));
  s3 = await startTestS3Server('gantwin-review');
  store = storeFromEnv(s3.env);
  planner = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
  applicant = (await createTestAccount(db, 'applicant', TEST_REGIONS.nanchang)).actor;
  const parcel = readParcelGeoJson(readFileSync(new URL('parcel.geojson', FIXTURES), 'utf8'), 'parcel.geojson');
  const ring = parcel.ringLonLatDeg;
  const closed = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring : [...ring, ring[0]];
  const created = await createParcel(db, planner, {
    code: `FIXTURE-${Date.now().toString(36)}`,
    name: '审查样例地块',
    regionCode: TEST_REGIONS.nanchang,
    boundary: { type: 'Polygon', coordinates: [closed] },
    landUse: 'R2',
    heightLimitM: parcel.conditions.heightLimitM,
    farMin: parcel.conditions.farMin,
    farMax: parcel.conditions.farMax,
    densityMax: parcel.conditions.densityMax,
    greenRatioMin: null,
    sunlightHoursMin: null,
    setbacks: parcel.conditions.setbacksM!.map((distanceM) => ({ kind: 'neighbour' as const, distanceM })),
  });
  parcelId = created.id;
  boss = await startBoss(testDatabaseUrl(), [PROCESS_SUBMISSION_JOB], { supervise: false });
  await startWorker(boss, [PROCESS_SUBMISSION_JOB], { db, logger: SILENT_LOGGER, tilesDir: env.TILES_DIR, sharedDataDir: env.SHARED_DATA_DIR, objectStore: store, pollingIntervalS: 0.5 });
});

afterAll(async () => {
  await stopBoss(boss, 5_000);
  await s3?.stop();
  await connection.pool.end();
  await rm(workDir, { recursive: true, force: true });
});

describe('review.process-submission', () => {
  it('a poisonous file fails with its reason and publishes nothing; the worker then converts and checks the fixture', async () => {
    const broken = Buffer.from("ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCWALL('broken'\nEND-ISO-10303-21;\n");
    const badId = await submit(broken, '损坏文件');
    const bad = await settled(badId);
    expect(bad.status).toBe('failed');
    expect(bad.errorMessage).toMatch(/\S/);
    expect(bad.errorMessage).not.toContain(os.tmpdir());
    expect(bad.tilesetPrefix).toBeNull();
    const leftovers: string[] = [];
    for await (const object of store.list(`review/tilesets/${badId}`)) leftovers.push(object.key);
    expect(leftovers).toEqual([]);

    const id = await submit(IFC, '审查样例住宅');
    const row = await settled(id);
    expect(row.status, row.errorMessage ?? '').toBe('pending-review');
    expect(row.progress).toBeNull();
    expect(row.ifcSchema).toBe('IFC4');
    // Published whole on the S3 server: the manifest and the tileset under the prefix the row names.
    expect(row.tilesetPrefix).toMatch(new RegExp(`^review/tilesets/${id}/`));
    expect(await store.exists(`${row.tilesetPrefix}/publish-manifest.json`)).toBe(true);
    expect(JSON.parse(await streamText(store, `${row.tilesetPrefix}/tileset.json`)).asset.version).toBe('1.1');
    // Published with its precompressed siblings, without the tiler's database import folder.
    const published: string[] = [];
    for await (const object of store.list(row.tilesetPrefix!)) published.push(object.key.slice(row.tilesetPrefix!.length + 1));
    expect(published).toEqual(expect.arrayContaining(['tileset.json.br', 'tileset.json.gz', 'properties.json', 'properties.json.br']));
    expect(published.filter((key) => key.startsWith('import/'))).toEqual([]);
    const checks = row.checks as unknown as StoredChecks;
    // The fixture's hand-computed answers (data/fixtures/review/README.md): within 1 % and 0.1 m.
    expect(checks.indicators.footprintM2).toBeGreaterThan(440 * 0.99);
    expect(checks.indicators.footprintM2).toBeLessThan(440 * 1.01);
    expect(checks.indicators.gfaM2! / 1320).toBeCloseTo(1, 1);
    expect(Math.abs(checks.indicators.heightM! - 10.1)).toBeLessThan(0.1);
    checks.indicators.setbackM.forEach((distance, i) => expect(Math.abs(distance - [5, 8, 10, 6][i])).toBeLessThan(0.1));
    expect(checks.checks.every((check) => check.verdict === 'pass')).toBe(true);
    // Every transition is audited by the worker.
    const audit = await db
      .select({ after: accountsAuditLog.after, actor: accountsAuditLog.actorLabel })
      .from(accountsAuditLog)
      .where(and(eq(accountsAuditLog.tableName, 'review_submissions'), eq(accountsAuditLog.recordId, id)))
      .orderBy(accountsAuditLog.id);
    expect(audit.map((entry) => (entry.after as { status: string }).status)).toEqual(['submitted', 'converting', 'checking', 'pending-review']);
    expect(audit.slice(1).every((entry) => entry.actor === 'cli:review-worker')).toBe(true);

    // A stricter condition flips the verdict on re-check, without a reconversion.
    const parcel = await db.execute<{ version: number }>(sql`SELECT version FROM review_parcels WHERE id = ${parcelId}`);
    await updateParcel(db, planner, { id: parcelId, version: parcel.rows[0].version, heightLimitM: 8 });
    await recheckSubmission(db, planner, id);
    const rechecked = await submissionById(db, planner, id);
    const height = (rechecked.checks as unknown as StoredChecks).checks.find((check) => check.rule === 'height-limit')!;
    expect(height).toMatchObject({ verdict: 'fail', limit: 8 });
    expect(height.globalIds.length).toBeGreaterThan(0);
    expect(rechecked.status).toBe('pending-review');

    // The planner returns it; a second decision is refused; the applicant sees the outcome.
    const returned = await decideSubmission(db, planner, { id, decision: 'return', comment: '建筑高度超过限高' });
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '建筑高度超过限高' });
    await expect(decideSubmission(db, planner, { id, decision: 'approve', comment: '' })).rejects.toThrow(/not waiting for review/);
    expect((await submissionById(db, applicant, id)).status).toBe('returned');
  });
});

/** An object's bytes as UTF-8 text. */
async function streamText(objectStore: ObjectStore, key: string): Promise<string> {
  const object = await objectStore.getStream(key);
  if (!object) throw new Error(`${key} missing`);
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
