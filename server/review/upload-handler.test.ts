import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { reviewSubmissions } from '@server/db/schema/review';
import { LocalObjectStore } from '@server/storage/local-store';
import { SILENT_LOGGER } from '@kernel/logger';
import { sourceKeyOf } from './storage-keys';
import { createTestParcel } from './test-fixtures';
import { tusClient, tusMetadata, tusRequest } from './tus-test-client';
import { createReviewUploadServer, REVIEW_UPLOAD_PATH } from './upload-handler';

const connection = connectTestDb();
const db = connection.db;
const IFC = readFileSync(new URL('../../data/fixtures/review/l-building.ifc', import.meta.url));
const MAX_BYTES = 256 * 1024;
let stagingDir: string;
let storeDir: string;
let store: LocalObjectStore;
let tus: ReturnType<typeof createReviewUploadServer>;
const cookies: Record<'applicantA' | 'applicantB' | 'plannerA', string> = { applicantA: '', applicantB: '', plannerA: '' };
let parcelA: string;

const create = (cookie: string, length: number, fields: Record<string, string>) => tusClient(tus).create(cookie, length, tusMetadata(fields));
const patch = (cookie: string, location: string, offset: number, bytes: Uint8Array) => tusClient(tus).patch(cookie, location, offset, bytes);

beforeAll(async () => {
  await ensureTestRegions(db);
  stagingDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-tus-'));
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-store-'));
  store = new LocalObjectStore(storeDir);
  tus = createReviewUploadServer({ getDb: () => db, store, stagingDir, maxBytes: MAX_BYTES, logger: SILENT_LOGGER });
  const plannerA = await signedInCookie(db, 'planner', TEST_REGIONS.nanchang);
  cookies.plannerA = plannerA.cookie;
  cookies.applicantA = (await signedInCookie(db, 'applicant', TEST_REGIONS.nanchang)).cookie;
  cookies.applicantB = (await signedInCookie(db, 'applicant', TEST_REGIONS.jiujiang)).cookie;
  parcelA = await createTestParcel(db, plannerA.actor, TEST_REGIONS.donghu, 115.9, 28.69);
});

afterAll(async () => {
  await connection.pool.end();
  await rm(stagingDir, { recursive: true, force: true });
  await rm(storeDir, { recursive: true, force: true });
});

describe('review uploads (tus)', () => {
  it('an interrupted upload resumes from the server offset; the file is stored by SHA-256 and version 1 is queued', async () => {
    const created = await create(cookies.applicantA, IFC.length, { filename: 'l-building.ifc', projectName: '赣江新区住宅', parcelId: parcelA });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${REVIEW_UPLOAD_PATH}/[0-9a-f]+$`));
    // The connection drops after the first 7 000 bytes …
    const half = 7000;
    expect((await patch(cookies.applicantA, location, 0, IFC.subarray(0, half))).status).toBe(204);
    // … the client asks where the server's copy ends, and sends the rest from there.
    const head = await tus.handleWeb(tusRequest('HEAD', location, { cookie: cookies.applicantA }));
    expect(head.headers.get('upload-offset')).toBe(String(half));
    const done = await patch(cookies.applicantA, location, half, IFC.subarray(half));
    expect(done.status).toBe(200);
    const body = (await done.json()) as { submissionId: string; version: number };
    expect(body.version).toBe(1);
    const sha256 = createHash('sha256').update(IFC).digest('hex');
    const [row] = await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, body.submissionId));
    expect(row).toMatchObject({ status: 'submitted', sourceSha256: sha256, sourceBytes: IFC.length, sourceFormat: 'ifc', sourceFileName: 'l-building.ifc', regionCode: TEST_REGIONS.donghu });
    expect((await store.head(sourceKeyOf(sha256, 'ifc')))?.size).toBe(IFC.length);
    const jobs = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'review.process-submission' AND data ->> 'submissionId' = ${body.submissionId}`);
    expect(jobs.rows[0].n).toBe(1);
    expect(await readdir(stagingDir)).toEqual([]); // the staged copy is gone once stored

    // The same project again is version 2; version 1 stays.
    const again = await create(cookies.applicantA, IFC.length, { filename: 'l-building-v2.ifc', projectName: '赣江新区住宅', parcelId: parcelA });
    const second = await patch(cookies.applicantA, again.headers.get('location')!, 0, IFC);
    expect(((await second.json()) as { version: number }).version).toBe(2);
    const versions = await db.select({ version: reviewSubmissions.version }).from(reviewSubmissions).where(eq(reviewSubmissions.projectId, row.projectId));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('refuses other cities, other roles, anonymous and cross-origin callers, and other accounts on an upload', async () => {
    const fields = { filename: 'x.ifc', projectName: '越权', parcelId: parcelA };
    const cityB = await create(cookies.applicantB, IFC.length, fields);
    expect(cityB.status).toBe(404);
    expect(await cityB.text()).toContain('not found in your region');
    expect((await create(cookies.plannerA, IFC.length, fields)).status).toBe(403);
    expect((await create('', IFC.length, fields)).status).toBe(401);
    const crossOrigin = await tus.handleWeb(
      new Request(new URL(REVIEW_UPLOAD_PATH, 'http://localhost'), { method: 'POST', headers: { 'tus-resumable': '1.0.0', origin: 'https://evil.example', cookie: cookies.applicantA, 'upload-length': '10', 'upload-metadata': tusMetadata(fields) } }),
    );
    expect(crossOrigin.status).toBe(403);
    const mine = await create(cookies.applicantA, IFC.length, { ...fields, projectName: '我的' });
    expect((await patch(cookies.applicantB, mine.headers.get('location')!, 0, IFC)).status).toBe(403);
    expect((await create(cookies.applicantA, MAX_BYTES + 1, { ...fields, projectName: '太大' })).status).toBe(413);
    const badMeta = await create(cookies.applicantA, 10, { filename: 'model.exe', projectName: 'x', parcelId: parcelA });
    expect(badMeta.status).toBe(400);
    expect(await badMeta.text()).toContain('filename');
  });

  it('sniffs the content: a file that is not an IFC ends as 415 with its reason and stores nothing', async () => {
    const before = await db.select({ id: reviewSubmissions.id }).from(reviewSubmissions);
    const bytes = Buffer.from('<html>not a model</html>\n');
    const created = await create(cookies.applicantA, bytes.length, { filename: 'fake.ifc', projectName: '伪装文件', parcelId: parcelA });
    const done = await patch(cookies.applicantA, created.headers.get('location')!, 0, bytes);
    expect(done.status).toBe(415);
    expect(await done.text()).toContain('not an IFC file');
    expect(await db.select({ id: reviewSubmissions.id }).from(reviewSubmissions)).toHaveLength(before.length);
    expect(await store.exists(sourceKeyOf(createHash('sha256').update(bytes).digest('hex'), 'ifc'))).toBe(false);
  });
});
