import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { SILENT_LOGGER } from '@kernel/logger';
import { networkImportResponse, type NetworkImportRouteDeps } from './import-response';

const connection = connectTestDb();
const db = connection.db;
let deps: NetworkImportRouteDeps;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await ensureTestRegions(db);
  deps = { getDb: () => db, uploadDir: await mkdtemp(path.join(os.tmpdir(), 'lifelines-import-route-')), logger: SILENT_LOGGER };
  cookies.inspector = (await signedInCookie(db, 'inspector', TEST_REGIONS.jiujiang)).cookie;
  cookies.planner = (await signedInCookie(db, 'planner', TEST_REGIONS.jiujiang)).cookie;
});
afterAll(async () => {
  await rm(deps.uploadDir, { recursive: true, force: true });
  await connection.pool.end();
});

/** A multipart request as the import page's FormData sends it (fields first, then the file). */
function upload(fields: Record<string, string>, text: string, headers: Record<string, string>, fileName = 'pipes.geojson'): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', new Blob([text]), fileName);
  return new Request('http://localhost/api/lifelines/import', { method: 'POST', body, headers: { host: 'localhost', ...headers } });
}
const pipe = (code: string, lat: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'LineString', coordinates: [[116.0065, lat], [116.0075, lat]] }, properties: { GXBH: code, GJ: 200, MS: 1.0, ...extra },
});
const file = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const SAME_ORIGIN = { origin: 'http://localhost' };

describe('POST /api/lifelines/import', () => {
  it('imports for an inspector (201 report), answers rejections with 422 and the report, deletes the upload', async () => {
    const tag = `ROUTE-${Date.now().toString(36)}`;
    const ok = await networkImportResponse(deps, upload({ crs: '4326', network: 'gas' }, file([pipe(`${tag}-1`, 29.7075)]), { cookie: cookies.inspector, ...SAME_ORIGIN }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ committed: true, imported: { pipes: 1, nodes: 0, junctions: 2 }, changes: [{ regionCode: expect.stringMatching(/^3604\d\d$/), network: 'gas' }] });
    const rejected = await networkImportResponse(deps, upload({ crs: '4326', network: 'gas' }, file([pipe(`${tag}-2`, 29.7076, { GJ: -5 })]), { cookie: cookies.inspector, ...SAME_ORIGIN }));
    expect(rejected.status).toBe(422);
    expect(await rejected.json()).toMatchObject({ committed: false, rejectedCount: 1, rejected: [{ featureIndex: 0, code: `${tag}-2`, reason: 'diameterMm: -5 is not 1–10000 mm' }] });
    expect(await readdir(deps.uploadDir)).toEqual([]);
  });

  it('refuses anonymous (401), a planner (403), a cross-origin form (403), bad fields and a non-zip .zip (400)', async () => {
    const body = file([pipe('ROUTE-X', 29.7077)]);
    expect((await networkImportResponse(deps, upload({ crs: '4326' }, body, SAME_ORIGIN))).status).toBe(401);
    expect((await networkImportResponse(deps, upload({ crs: '4326' }, body, { cookie: cookies.planner, ...SAME_ORIGIN }))).status).toBe(403);
    expect((await networkImportResponse(deps, upload({ crs: '4326' }, body, { cookie: cookies.inspector, origin: 'https://evil.example' }))).status).toBe(403);
    const badCrs = await networkImportResponse(deps, upload({ crs: 'EPSG:4326' }, body, { cookie: cookies.inspector, ...SAME_ORIGIN }));
    expect(badCrs.status).toBe(400);
    expect(await badCrs.text()).toMatch(/crs: must be gcj02 or an EPSG code/);
    const snap = await networkImportResponse(deps, upload({ crs: '4326', snapToleranceM: '50' }, body, { cookie: cookies.inspector, ...SAME_ORIGIN }));
    expect(await snap.text()).toMatch(/snapToleranceM: must be 0–5 m/);
    const notZip = await networkImportResponse(deps, upload({ crs: '4326' }, body, { cookie: cookies.inspector, ...SAME_ORIGIN }, 'pipes.zip'));
    expect(notZip.status).toBe(400);
    expect(await notZip.text()).toBe('import: the file is named .zip but is not a zip archive');
  });
});
