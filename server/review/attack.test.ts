import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { and, desc, eq, sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { connectTestDb } from '@server/db/test-database';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { reviewSubmissions } from '@server/db/schema/review';
import { LocalObjectStore } from '@server/storage/local-store';
import { SILENT_LOGGER } from '@kernel/logger';
import { processSubmission } from './process-submission';
import { sourceKeyOf, tilesetPrefixOf } from './storage-keys';
import { createTestParcel, createTestSubmission, testMeasures, testParcelInput } from './test-fixtures';
import { reviewTileResponse } from './tile-response';
import { tusClient, tusMetadata, tusRequest } from './tus-test-client';
import { createReviewUploadServer, MAX_UNFINISHED_UPLOADS_PER_ACCOUNT, REVIEW_UPLOAD_PATH, UPLOAD_EXPIRY_MS } from './upload-handler';

/**
 * Adversarial review of the `review` plate (BIM 报建审查), 2026-12: hostile applicants, planners of another city,
 * other roles and anonymous callers against the tus upload endpoint, the tile route, the procedures and the job.
 * Each block names what it attacks; the tests that failed before a fix name the fix.
 */

const connection = connectTestDb();
const db = connection.db;
const IFC = readFileSync(new URL('../../data/fixtures/review/l-building.ifc', import.meta.url));
const MAX_BYTES = 256 * 1024;
let stagingDir: string;
let storeDir: string;
let store: LocalObjectStore;
let tus: ReturnType<typeof createReviewUploadServer>;
type Who = 'applicantA' | 'applicantA2' | 'applicantB' | 'plannerA' | 'plannerB' | 'inspectorA' | 'provincePlanner';
const cookies = {} as Record<Who, string>;
const actors = {} as Record<Who, Actor>;
let parcelA: string;
let parcelB: string;
let counter = 0;

const metadata = tusMetadata;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));
const unique = (name: string) => `${name}-${Date.now().toString(36)}-${counter++}`;
const create: ReturnType<typeof tusClient>['create'] = (...args) => tusClient(tus).create(...args);
const patch: ReturnType<typeof tusClient>['patch'] = (...args) => tusClient(tus).patch(...args);

/** Uploads `bytes` whole as applicant A on parcel A. */
async function uploadWhole(bytes: Uint8Array, fileName: string, headers: Record<string, string> = {}): Promise<Response> {
  const created = await create(cookies.applicantA, bytes.length, metadata({ filename: fileName, projectName: unique('攻击'), parcelId: parcelA }), headers);
  expect(created.status).toBe(201);
  return patch(cookies.applicantA, created.headers.get('location')!, 0, bytes, headers);
}

/** Code of a thrown tRPC error, or 'ok'. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const submissionCount = async () => (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM review_submissions`)).rows[0].n;

beforeAll(async () => {
  await ensureTestRegions(db);
  stagingDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-attack-tus-'));
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-attack-store-'));
  store = new LocalObjectStore(storeDir);
  tus = createReviewUploadServer({ getDb: () => db, store, stagingDir, maxBytes: MAX_BYTES, logger: SILENT_LOGGER });
  const sign = async (who: Who, role: Actor['role'], region: string) => {
    const { cookie, actor } = await signedInCookie(db, role, region);
    cookies[who] = cookie;
    actors[who] = actor;
  };
  await sign('applicantA', 'applicant', TEST_REGIONS.nanchang);
  await sign('applicantA2', 'applicant', TEST_REGIONS.nanchang);
  await sign('applicantB', 'applicant', TEST_REGIONS.jiujiang);
  await sign('plannerA', 'planner', TEST_REGIONS.nanchang);
  await sign('plannerB', 'planner', TEST_REGIONS.jiujiang);
  await sign('inspectorA', 'inspector', TEST_REGIONS.nanchang);
  await sign('provincePlanner', 'planner', TEST_REGIONS.province);
  parcelA = await createTestParcel(db, actors.plannerA, TEST_REGIONS.donghu, 115.9, 28.69);
  parcelB = await createTestParcel(db, actors.plannerB, TEST_REGIONS.lianxi, 116.0, 29.67);
});

afterAll(async () => {
  await connection.pool.end();
  await rm(stagingDir, { recursive: true, force: true });
  await rm(storeDir, { recursive: true, force: true });
});

describe('tus uploads under attack', () => {
  it('records no client-chosen address: X-Forwarded-For reaches the route unfiltered (it bypasses proxy.ts)', async () => {
    // Fixed: with TRUST_PROXY=0 the upload's audit rows carried whatever X-Forwarded-For the applicant sent.
    const done = await uploadWhole(IFC, 'l-building.ifc', { 'x-forwarded-for': '203.0.113.66' });
    expect(done.status).toBe(200);
    const { submissionId } = (await done.json()) as { submissionId: string };
    const [audit] = await db.select({ ipAddress: accountsAuditLog.ipAddress }).from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'review_submissions'), eq(accountsAuditLog.recordId, submissionId)));
    expect(audit.ipAddress).toBeNull();
  });

  it('upload ids cannot walk out of the staging folder, and unknown ids answer 404', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2E%2E', '..%5C..%5Cx', 'x%00y', 'deadbeef', 'deadbeef.json']) {
      const head = await tus.handleWeb(tusRequest('HEAD', `${REVIEW_UPLOAD_PATH}/${id}`, { cookie: cookies.applicantA }));
      expect([404, 410], id).toContain(head.status);
      const del = await tus.handleWeb(tusRequest('DELETE', `${REVIEW_UPLOAD_PATH}/${id}`, { cookie: cookies.applicantA }));
      expect([404, 410], id).toContain(del.status);
    }
  });

  it('refuses hostile Upload-Metadata: NUL, non-base64, duplicate keys, a forged owner, another city’s parcel', async () => {
    const fields = { filename: 'a.ifc', projectName: 'x', parcelId: parcelA };
    expect((await create(cookies.applicantA, 10, metadata({ ...fields, projectName: 'a\u0000b' }))).status).toBe(400);
    expect((await create(cookies.applicantA, 10, metadata({ ...fields, filename: 'a.ifc\u0000.html' }))).status).toBe(400);
    expect((await create(cookies.applicantA, 10, `filename !!!!,projectName ${base64('x')},parcelId ${base64(parcelA)}`)).status).toBe(400);
    expect((await create(cookies.applicantA, 10, `${metadata(fields)},filename ${base64('b.ifc')}`)).status).toBe(400);
    expect((await create(cookies.applicantA, 10, metadata({ ...fields, projectName: 'x'.repeat(101) }))).status).toBe(400);
    expect((await create(cookies.applicantA, 10, metadata({ ...fields, parcelId: parcelB }))).status).toBe(404);
    expect((await create(cookies.applicantA, 10, metadata({ ...fields, parcelId: `${parcelA}' OR '1'='1` }))).status).toBe(400);
    // An `owner` in the metadata is overwritten with the creator: B cannot plant an upload on A's account.
    const planted = await create(cookies.applicantB, 10, metadata({ filename: 'a.ifc', projectName: 'x', parcelId: (await createTestParcel(db, actors.plannerB, TEST_REGIONS.lianxi, 116.02, 29.66)), owner: actors.applicantA.userId }));
    expect(planted.status).toBe(201);
    const id = planted.headers.get('location')!.split('/').pop()!;
    const stored = JSON.parse(await readFile(path.join(stagingDir, `${id}.json`), 'utf8')) as { metadata: { owner: string } };
    expect(stored.metadata.owner).toBe(actors.applicantB.userId);
    expect((await tus.handleWeb(tusRequest('HEAD', planted.headers.get('location')!, { cookie: cookies.applicantA }))).status).toBe(403);
  });

  it('refuses bad lengths and offsets; a body longer than declared is cut off; another account cannot HEAD, PATCH or DELETE', async () => {
    const fields = metadata({ filename: 'a.ifc', projectName: unique('长度'), parcelId: parcelA });
    expect((await create(cookies.applicantA, -1, fields)).status).toBe(400);
    expect((await create(cookies.applicantA, '1e3', fields)).status).toBe(400);
    expect((await create(cookies.applicantA, MAX_BYTES + 1, fields)).status).toBe(413);
    expect((await create(cookies.applicantA, Number.MAX_SAFE_INTEGER, fields)).status).toBe(413);
    // Deferred length: the limit applies when the length is declared later, and to the bytes sent meanwhile.
    const deferred = await tus.handleWeb(tusRequest('POST', REVIEW_UPLOAD_PATH, { cookie: cookies.applicantA, 'upload-defer-length': '1', 'upload-metadata': fields }));
    expect(deferred.status).toBe(201);
    const deferredAt = deferred.headers.get('location')!;
    expect((await patch(cookies.applicantA, deferredAt, 0, new Uint8Array(10), { 'upload-length': String(MAX_BYTES + 1) })).status).toBe(413);
    expect((await patch(cookies.applicantA, deferredAt, 0, new Uint8Array(MAX_BYTES + 1))).status).toBe(413);

    const created = await create(cookies.applicantA, 100, fields);
    const at = created.headers.get('location')!;
    expect((await patch(cookies.applicantA, at, 5, new Uint8Array(10))).status).toBe(409); // wrong offset
    expect((await patch(cookies.applicantA, at, 0, new Uint8Array(101))).status).toBe(413); // longer than declared
    expect((await patch(cookies.applicantB, at, 0, new Uint8Array(10))).status).toBe(403);
    expect((await patch(cookies.plannerA, at, 0, new Uint8Array(10))).status).toBe(403);
    expect((await patch('', at, 0, new Uint8Array(10))).status).toBe(401);
    expect((await tus.handleWeb(tusRequest('HEAD', at, { cookie: cookies.applicantA2 }))).status).toBe(403);
    expect((await tus.handleWeb(tusRequest('DELETE', at, { cookie: cookies.applicantA2 }))).status).toBe(403);
    expect((await tus.handleWeb(tusRequest('DELETE', at, { cookie: cookies.applicantA, origin: 'https://evil.example' }))).status).toBe(403);
    const head = await tus.handleWeb(tusRequest('HEAD', at, { cookie: cookies.applicantA }));
    expect(head.headers.get('upload-offset')).toBe('0'); // none of the refused bytes were kept
    expect((await tus.handleWeb(tusRequest('DELETE', at, { cookie: cookies.applicantA }))).status).toBe(204);
  });

  it('a zero-length upload, an IFC header followed by garbage, and zips without a findable .ifc end without a submission', async () => {
    const before = await submissionCount();
    const empty = await create(cookies.applicantA, 0, metadata({ filename: 'a.ifc', projectName: unique('空'), parcelId: parcelA }));
    expect(empty.status).toBe(415);
    // 10 001 other entries first: the sniffer stops counting instead of walking the whole central directory.
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) many[`f${i}.txt`] = new Uint8Array(0);
    many['z.ifc'] = new TextEncoder().encode('ISO-10303-21;');
    const crowded = zipSync(many, { level: 0 });
    const bigTus = createReviewUploadServer({ getDb: () => db, store, stagingDir, maxBytes: 8 * 1024 * 1024, logger: SILENT_LOGGER });
    const createdBig = await bigTus.handleWeb(tusRequest('POST', REVIEW_UPLOAD_PATH, { cookie: cookies.applicantA, 'upload-length': String(crowded.length), 'upload-metadata': metadata({ filename: 'm.ifczip', projectName: unique('多'), parcelId: parcelA }) }));
    const crowdedDone = await bigTus.handleWeb(tusRequest('PATCH', createdBig.headers.get('location')!, { cookie: cookies.applicantA, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, crowded));
    expect(crowdedDone.status).toBe(415);
    // A zip whose header is right but whose body is truncated garbage.
    const zipHeadOnly = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 0x41)]);
    expect((await uploadWhole(zipHeadOnly, 'x.zip')).status).toBe(415);
    expect(await submissionCount()).toBe(before);
    // An IFC header followed by garbage is an IFC for the sniffer: the conversion (in its limited child) refuses it.
    const garbage = Buffer.concat([Buffer.from('ISO-10303-21;\n'), Buffer.alloc(1000, 0xff)]);
    expect((await uploadWhole(garbage, 'g.ifc')).status).toBe(200);
    // Nothing staged is left behind by any of the refusals above (beyond unfinished uploads of other tests).
    const staged = await readdir(stagingDir);
    for (const name of staged.filter((n) => n.endsWith('.json'))) {
      const info = JSON.parse(await readFile(path.join(stagingDir, name), 'utf8')) as { size?: number; offset: number };
      expect(info.size === undefined || info.offset < info.size, `${name} is a finished upload left behind`).toBe(true);
    }
  });

  it('a completion sent twice at once (the last PATCH and an empty PATCH at the final offset) creates one submission', async () => {
    const projectName = unique('并发完成');
    const created = await create(cookies.applicantA, IFC.length, metadata({ filename: 'a.ifc', projectName, parcelId: parcelA }));
    const at = created.headers.get('location')!;
    expect((await patch(cookies.applicantA, at, 0, IFC.subarray(0, IFC.length - 10))).status).toBe(204);
    const last = patch(cookies.applicantA, at, IFC.length - 10, IFC.subarray(IFC.length - 10));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = patch(cookies.applicantA, at, IFC.length, new Uint8Array(0));
    const statuses = (await Promise.all([last, again])).map((r) => r.status);
    expect(statuses).toContain(200);
    const rows = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM review_submissions s JOIN review_projects p ON p.id = s.project_id WHERE p.name = ${projectName}`);
    expect(rows.rows[0].n).toBe(1);
  });

  it('unfinished uploads past their expiry are removed (else every abandoned upload stays on disk forever)', async () => {
    // Fixed: nothing ever called the FileStore's deleteExpired; "expire after 24 h" only refused them.
    const created = await create(cookies.applicantA, 1000, metadata({ filename: 'a.ifc', projectName: unique('过期'), parcelId: parcelA }));
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await patch(cookies.applicantA, created.headers.get('location')!, 0, new Uint8Array(500))).status).toBe(204);
    const infoPath = path.join(stagingDir, `${id}.json`);
    const info = JSON.parse(await readFile(infoPath, 'utf8')) as { creation_date: string };
    info.creation_date = new Date(Date.now() - UPLOAD_EXPIRY_MS - 60_000).toISOString();
    await writeFile(infoPath, JSON.stringify(info));
    const fresh = createReviewUploadServer({ getDb: () => db, store, stagingDir, maxBytes: MAX_BYTES, logger: SILENT_LOGGER });
    await fresh.handleWeb(tusRequest('POST', REVIEW_UPLOAD_PATH, { cookie: cookies.applicantA, 'upload-length': '10', 'upload-metadata': metadata({ filename: 'a.ifc', projectName: unique('新'), parcelId: parcelA }) }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = await readdir(stagingDir);
    expect(left).not.toContain(id);
    expect(left).not.toContain(`${id}.json`);
  });

  it('one account cannot hold an unbounded number of unfinished uploads (disk exhaustion)', async () => {
    // Fixed: an applicant could open any number of uploads of REVIEW_UPLOAD_MAX_BYTES each and fill the disk.
    const { cookie } = await signedInCookie(db, 'applicant', TEST_REGIONS.nanchang);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await create(cookie, 100, metadata({ filename: 'a.ifc', projectName: `多开${i}`, parcelId: parcelA }))).status);
    expect(statuses.filter((s) => s === 201).length).toBe(MAX_UNFINISHED_UPLOADS_PER_ACCOUNT);
    expect(statuses).toContain(429);
  });
});

describe('tile route under attack', () => {
  let published: string;
  beforeAll(async () => {
    published = (await createTestSubmission(db, actors.applicantA, parcelA, 'pending-review', testMeasures(115.9, 28.69))).id;
    const prefix = `${tilesetPrefixOf(published)}/20261207T000000000Z-0123456789ab`;
    const { Readable } = await import('node:stream');
    const put = (name: string, bytes: Buffer) => store.putStream(`${prefix}/${name}`, Readable.from([bytes]));
    await put('tileset.json', Buffer.from('{"asset":{"version":"1.1"}}'));
    await put('tiles/0-0a1b2c3d4e5f.glb', GLB_BYTES);
    await put('tiles/0-0a1b2c3d4e5f.glb.br', brotliCompressSync(GLB_BYTES));
    await put('tiles/0-0a1b2c3d4e5f.glb.gz', gzipSync(GLB_BYTES));
    await put('import/elements.ndjson', Buffer.from('{"globalId":"x"}\n'));
    await db.update(reviewSubmissions).set({ tilesetPrefix: prefix }).where(eq(reviewSubmissions.id, published));
  });
  const GLB_BYTES = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(3000, 5)]);
  const get = (cookie: string, id: string, segments: string[], headers: Record<string, string> = {}) =>
    reviewTileResponse(db, store, new Request(`http://localhost/tiles/review/${id}/${segments.join('/')}`, { headers: cookie ? { cookie, ...headers } : headers }), id, segments);

  it('sends the published .br/.gz sibling the request prefers, with the original type, Vary and its own ETag (304 on a match)', async () => {
    const segments = ['tiles', '0-0a1b2c3d4e5f.glb'];
    const br = await get(cookies.applicantA, published, segments, { 'accept-encoding': 'gzip, deflate, br' });
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect([br.status, br.headers.get('content-encoding'), br.headers.get('content-type'), br.headers.get('vary')]).toEqual([200, 'br', 'model/gltf-binary', 'Accept-Encoding, Cookie']);
    expect(br.headers.get('content-length')).toBe(String(brBytes.byteLength));
    expect(brotliDecompressSync(brBytes).equals(GLB_BYTES)).toBe(true);
    const gzip = await get(cookies.applicantA, published, segments, { 'accept-encoding': 'br;q=0, gzip' });
    expect([gzip.headers.get('content-encoding'), gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(GLB_BYTES)]).toEqual(['gzip', true]);
    const identity = await get(cookies.applicantA, published, segments);
    expect([identity.headers.get('content-encoding'), Buffer.from(await identity.arrayBuffer()).equals(GLB_BYTES), identity.headers.get('vary')]).toEqual([null, true, 'Accept-Encoding, Cookie']);
    expect(new Set([br.headers.get('etag'), gzip.headers.get('etag'), identity.headers.get('etag')]).size).toBe(3);
    const notModified = await get(cookies.applicantA, published, segments, { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag') ?? '' });
    expect([notModified.status, await notModified.text()]).toEqual([304, '']);
    // tileset.json has no sibling: the file itself, whatever the client accepts.
    const json = await get(cookies.applicantA, published, ['tileset.json'], { 'accept-encoding': 'br, gzip' });
    expect([json.status, json.headers.get('content-encoding'), json.headers.get('content-type')]).toEqual([200, null, 'application/json']);
  });

  it('never serves the import/ folder nor a sibling by its own name, even to the submitter', async () => {
    for (const segments of [['import', 'elements.ndjson'], ['IMPORT', 'elements.ndjson'], ['tiles', '0-0a1b2c3d4e5f.glb.br'], ['tiles', '0-0a1b2c3d4e5f.glb.gz']]) {
      expect((await get(cookies.applicantA, published, segments)).status, segments.join('/')).toBe(404);
    }
  });

  it('serves only the submitter and reviewers of its region, privately', async () => {
    const own = await get(cookies.applicantA, published, ['tileset.json']);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-cache');
    expect((await get(cookies.plannerA, published, ['tileset.json'])).status).toBe(200);
    expect((await get(cookies.provincePlanner, published, ['tileset.json'])).status).toBe(200);
    for (const who of ['applicantA2', 'applicantB', 'plannerB', 'inspectorA'] as const) expect((await get(cookies[who], published, ['tileset.json'])).status, who).toBe(404);
    const anonymous = await get('', published, ['tileset.json']);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404, never a 500, to odd ids and paths', async () => {
    // Fixed: a 36-character id of hex digits and dashes that is no UUID reached PostgreSQL (500), and paths with an
    // empty or reserved segment passed the route's pattern and threw in the object-key check (500).
    const odd: [string, string[]][] = [
      ['------------------------------------', ['tileset.json']],
      ['aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaaa'.slice(0, 36).replace(/-/g, 'a'), ['tileset.json']],
      [published, ['a', '', 'tileset.json']],
      [published, ['.tmp-20261207T000000000Z-0123456789ab', 'tileset.json']],
      [published, ['..', '..', '..', 'sources']],
      [published, ['%2e%2e', 'tileset.json']],
      [published, ['x'.repeat(400)]],
      [published, ['tileset.json%00']],
    ];
    for (const [id, segments] of odd) {
      const response = await get(cookies.applicantA, id, segments).catch((error: unknown) => new Response(String(error), { status: 500 }));
      expect(response.status, `${id} ${segments.join('/')}`).toBe(404);
    }
    // A submission without a tileset.
    const unpublished = (await createTestSubmission(db, actors.applicantA, parcelA, 'submitted')).id;
    expect((await get(cookies.applicantA, unpublished, ['tileset.json'])).status).toBe(404);
  });
});

describe('procedures under attack', () => {
  it('applicants cannot decide or re-check, not even their own; other roles and cities see nothing', async () => {
    const own = await createTestSubmission(db, actors.applicantA, parcelA, 'pending-review', testMeasures(115.9, 28.69));
    expect(await outcome(() => callerOf(actors.applicantA).review.submissions.decide({ id: own.id, decision: 'approve', comment: '' }))).toBe('FORBIDDEN');
    expect(await outcome(() => callerOf(actors.applicantA).review.submissions.recheck({ id: own.id }))).toBe('FORBIDDEN');
    expect(await outcome(() => callerOf(actors.applicantA2).review.submissions.byId({ id: own.id }))).toBe('NOT_FOUND');
    expect(await outcome(() => callerOf(actors.applicantA2).review.submissions.list({ projectId: own.projectId }))).toBe('ok');
    expect(await callerOf(actors.applicantA2).review.submissions.list({ projectId: own.projectId })).toEqual([]);
    expect(await outcome(() => callerOf(actors.plannerB).review.submissions.decide({ id: own.id, decision: 'approve', comment: '' }))).toBe('NOT_FOUND');
    expect(await outcome(() => callerOf(actors.plannerB).review.submissions.recheck({ id: own.id }))).toBe('NOT_FOUND');
    expect(await outcome(() => callerOf(actors.inspectorA).review.submissions.list())).toBe('FORBIDDEN');
    // Ids of other plates' rows and non-UUIDs.
    expect(await outcome(() => callerOf(actors.plannerA).review.submissions.byId({ id: parcelA }))).toBe('NOT_FOUND');
    expect(await outcome(() => callerOf(actors.plannerA).review.submissions.byId({ id: "' OR 1=1 --" }))).toBe('BAD_REQUEST');
  });

  it('two planners deciding at once: exactly one decision lands', async () => {
    const target = await createTestSubmission(db, actors.applicantA, parcelA, 'pending-review', testMeasures(115.9, 28.69));
    const other = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
    const results = await Promise.all([
      outcome(() => callerOf(actors.plannerA).review.submissions.decide({ id: target.id, decision: 'approve', comment: '' })),
      outcome(() => callerOf(other).review.submissions.decide({ id: target.id, decision: 'return', comment: '退回' })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'ok']);
    const decisions = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'review_submissions'), eq(accountsAuditLog.recordId, target.id)));
    expect(decisions).toHaveLength(1);
  });

  it('hostile text is stored as text; over-long and NUL text is refused', async () => {
    const target = await createTestSubmission(db, actors.applicantA, parcelA, 'pending-review', testMeasures(115.9, 28.69));
    const hostile = `<img src=x onerror=alert(1)>'); DROP TABLE review_submissions; --`;
    const decided = await callerOf(actors.plannerA).review.submissions.decide({ id: target.id, decision: 'return', comment: hostile });
    expect(decided.reviewComment).toBe(hostile);
    const again = await createTestSubmission(db, actors.applicantA, parcelA, 'pending-review');
    expect(await outcome(() => callerOf(actors.plannerA).review.submissions.decide({ id: again.id, decision: 'return', comment: 'x'.repeat(2001) }))).toBe('BAD_REQUEST');
    expect(await outcome(() => callerOf(actors.plannerA).review.submissions.decide({ id: again.id, decision: 'return', comment: 'a\u0000b' }))).toBe('BAD_REQUEST');
    expect(await outcome(() => callerOf(actors.plannerA).review.submissions.decide({ id: again.id, decision: 'return', comment: '   ' }))).toBe('BAD_REQUEST');
    expect(await outcome(() => callerOf(actors.plannerA).review.parcels.create({ ...testParcelInput(TEST_REGIONS.donghu, 115.91, 28.7), code: "X'; DROP TABLE x; --" }))).toBe('BAD_REQUEST');
  });

  it('re-check refuses submissions that were never converted', async () => {
    for (const status of ['failed', 'submitted', 'converting', 'checking'] as const) {
      const target = await createTestSubmission(db, actors.applicantA, parcelA, status);
      expect(await outcome(() => callerOf(actors.plannerA).review.submissions.recheck({ id: target.id })), status).toBe('BAD_REQUEST');
    }
  });

  it('refuses hostile parcel boundaries and contradictory conditions with 400', async () => {
    const planner = callerOf(actors.plannerA);
    const base = () => testParcelInput(TEST_REGIONS.donghu, 115.93, 28.71);
    const bowtie = { type: 'Polygon' as const, coordinates: [[[115.93, 28.71], [115.931, 28.711], [115.931, 28.71], [115.93, 28.711], [115.93, 28.71]] as [number, number][]] };
    expect(await outcome(() => planner.review.parcels.create({ ...base(), boundary: bowtie }))).toBe('BAD_REQUEST');
    const huge: [number, number][] = Array.from({ length: 10_000 }, (_, i) => [115.93 + 0.001 * Math.cos((2 * Math.PI * i) / 10_000), 28.71 + 0.001 * Math.sin((2 * Math.PI * i) / 10_000)]);
    huge.push(huge[0]);
    expect(await outcome(() => planner.review.parcels.create({ ...base(), boundary: { type: 'Polygon', coordinates: [huge] }, setbacks: huge.slice(1).map(() => ({ kind: 'neighbour' as const, distanceM: 1 })) }))).toBe('BAD_REQUEST');
    const outside: [number, number][] = [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.86], [2.35, 48.85]];
    expect(await outcome(() => planner.review.parcels.create({ ...base(), boundary: { type: 'Polygon', coordinates: [outside] } }))).toBe('BAD_REQUEST');
    const infinite = base();
    infinite.boundary.coordinates[0][1] = [Infinity, 28.71];
    expect(await outcome(() => planner.review.parcels.create(infinite))).toBe('BAD_REQUEST');
    expect(await outcome(() => planner.review.parcels.create({ ...base(), farMin: 3, farMax: 2 }))).toBe('BAD_REQUEST');
    expect(await outcome(() => planner.review.parcels.create({ ...base(), setbacks: base().setbacks.slice(1) }))).toBe('BAD_REQUEST');
  });

  it('an update that contradicts the stored conditions is a 400, not a 500', async () => {
    // Fixed: farMin alone above the stored farMax passed the input check (it sees only the sent fields) and hit the
    // table's CHECK constraint: 500.
    const parcel = await callerOf(actors.plannerA).review.parcels.create(testParcelInput(TEST_REGIONS.donghu, 115.95, 28.72));
    expect(await outcome(() => callerOf(actors.plannerA).review.parcels.update({ id: parcel.id, version: parcel.version, farMin: 3 }))).toBe('BAD_REQUEST');
    expect(await outcome(() => callerOf(actors.plannerA).review.parcels.update({ id: parcel.id, version: parcel.version, farMax: 0.5 }))).toBe('BAD_REQUEST');
  });

  it('renaming a parcel to an existing code is a 409, not a 500', async () => {
    // Fixed: update checked no code collision; the unique index answered with a 500.
    const first = await callerOf(actors.plannerA).review.parcels.create(testParcelInput(TEST_REGIONS.donghu, 115.96, 28.73));
    const second = await callerOf(actors.plannerA).review.parcels.create(testParcelInput(TEST_REGIONS.donghu, 115.97, 28.74));
    expect(await outcome(() => callerOf(actors.plannerA).review.parcels.update({ id: second.id, version: second.version, code: first.code }))).toBe('CONFLICT');
  });

  it('two editors saving the same version at once: the second gets CONFLICT, not a silent lost update', async () => {
    // Fixed: both read version 1; the second UPDATE … WHERE version = 1 matched no row, yet it was audited and
    // answered as saved.
    const parcel = await callerOf(actors.plannerA).review.parcels.create(testParcelInput(TEST_REGIONS.donghu, 115.98, 28.75));
    const other = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
    const results = await Promise.all([
      outcome(() => callerOf(actors.plannerA).review.parcels.update({ id: parcel.id, version: 1, heightLimitM: 30 })),
      outcome(() => callerOf(other).review.parcels.update({ id: parcel.id, version: 1, heightLimitM: 90 })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'ok']);
    const audits = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'review_parcels'), eq(accountsAuditLog.recordId, parcel.id), eq(accountsAuditLog.action, 'update')));
    expect(audits).toHaveLength(1);
  });
});

describe('the job under attack', () => {
  const ctx = () => ({ db, logger: SILENT_LOGGER, jobId: 'attack', tilesDir: storeDir, objectStore: store, sharedDataDir: storeDir, isFinalAttempt: false });

  it('a submission whose source object is missing fails at once with a reason that names no server path', async () => {
    const target = await createTestSubmission(db, actors.applicantA, parcelA, 'submitted');
    await expect(processSubmission(target.id, ctx())).rejects.toThrow();
    const [row] = await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, target.id));
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('no object');
    expect(row.errorMessage).not.toContain(storeDir);
    expect(row.errorMessage).not.toContain(os.tmpdir());
  });

  it('a re-run of a finished or decided job changes nothing', async () => {
    for (const status of ['pending-review', 'approved', 'returned', 'failed'] as const) {
      const target = await createTestSubmission(db, actors.applicantA, parcelA, status, testMeasures(115.9, 28.69));
      const before = await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, target.id));
      expect((await processSubmission(target.id, ctx())).outcome).toBe('skipped');
      expect(await db.select().from(reviewSubmissions).where(eq(reviewSubmissions.id, target.id))).toEqual(before);
    }
    expect((await processSubmission('00000000-0000-4000-8000-000000000000', ctx())).outcome).toBe('skipped');
  });

  it('stores nothing twice: the same bytes uploaded again share one object, and the source is the sniffed bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('ISO-10303-21;\n'), Buffer.from(unique('same'))]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect((await uploadWhole(bytes, 'a.ifc')).status).toBe(200);
    expect((await uploadWhole(bytes, 'b.ifczip')).status).toBe(200); // the name does not decide the format
    const rows = await db.select({ format: reviewSubmissions.sourceFormat }).from(reviewSubmissions).where(eq(reviewSubmissions.sourceSha256, sha256)).orderBy(desc(reviewSubmissions.createdAt));
    expect(rows.map((r) => r.format)).toEqual(['ifc', 'ifc']);
    expect(await store.exists(sourceKeyOf(sha256, 'ifc'))).toBe(true);
    expect(await store.exists(sourceKeyOf(sha256, 'ifczip'))).toBe(false);
  });
});
