/**
 * Resource catalogue journey (资源目录, issue #9 §1): the province admin registers an XYZ imagery service and an
 * external 3D Tiles tileset served by a local test server on another port (another origin), uploads a 3D Tiles zip
 * and a GCJ-02 GeoJSON through /admin/catalogue; the twin draws both services (their requests reach the test
 * server, no CSP violation), the uploads land where they belong (checked numerically through the API), the imagery
 * opacity slider reaches CesiumJS; a city admin cannot register for another city; internal layers stay invisible to
 * anonymous visitors (list, GeoJSON, tiles, CSP). Everything registered is removed at the end.
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Document, NodeIO } from '@gltf-transform/core';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import gcoord from 'gcoord';
import { PNG } from 'pngjs';
import { tilesetJsonAt, zipOf } from '../server/twin/catalogue/tileset-fixture';
import { recordCspViolations } from './csp-violations';
import { FLAT_TERRAIN_LAYER_JSON, flatTerrainTile } from './flat-terrain';

interface E2eAccount {
  email: string;
  password: string;
}
const ACCOUNTS_FILE = process.env.E2E_ACCOUNTS_FILE ?? join(process.cwd(), '.gantwin', 'e2e', 'accounts.json');
const ACCOUNTS: Record<string, E2eAccount> | null = existsSync(ACCOUNTS_FILE) ? JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8')) : null;
test.skip(ACCOUNTS === null, `no e2e accounts at ${ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

const READY_TIMEOUT_MS = 240_000;
/** Where the uploaded tileset stands: the Honggutan demo area, WGS84 degrees and ellipsoidal metres. */
const UPLOAD_CENTRE = { lonDeg: 115.853, latDeg: 28.687, heightM: 25 };
/** Ellipsoidal height of the test server's flat terrain, metres. */
const TERRAIN_HEIGHT_M = 120;
/** A WGS84 point in Nanchang that the GeoJSON carries in GCJ-02. */
const PARCEL_WGS84: [number, number] = [115.8621, 28.6843];

/** A 256×256 PNG of one colour (RGBA). */
function solidPng(rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

/** A GLB of one 20 m square (two triangles) in the tile's frame: what the uploaded tileset draws. */
async function squareGlb(): Promise<Uint8Array> {
  const document = new Document();
  const buffer = document.createBuffer();
  const positions = document.createAccessor().setType('VEC3').setBuffer(buffer).setArray(new Float32Array([-10, 0, -10, 10, 0, -10, 10, 0, 10, -10, 0, 10]));
  const indices = document.createAccessor().setType('SCALAR').setBuffer(buffer).setArray(new Uint16Array([0, 2, 1, 0, 3, 2]));
  const material = document.createMaterial().setBaseColorFactor([0.1, 0.9, 0.4, 1]).setDoubleSided(true);
  const primitive = document.createPrimitive().setAttribute('POSITION', positions).setIndices(indices).setMaterial(material);
  const node = document.createNode().setMesh(document.createMesh().addPrimitive(primitive));
  document.createScene().addChild(node);
  return new NodeIO().writeBinary(document);
}

/** The test server: PNG tiles and a model tileset taken from the app (a converted sample), CORS open, requests logged. */
async function startTileServer(appBaseUrl: string, modelId: string): Promise<{ server: Server; port: number; paths: string[] }> {
  const paths: string[] = [];
  const tile = solidPng([230, 40, 200, 255]);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    paths.push(url.pathname);
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url.pathname)) {
      res.writeHead(200, { ...headers, 'content-type': 'image/png' }).end(tile);
      return;
    }
    if (url.pathname === '/terrain/layer.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(FLAT_TERRAIN_LAYER_JSON);
      return;
    }
    const terrainTile = /^\/terrain\/0\/([01])\/0\.terrain$/.exec(url.pathname);
    if (terrainTile) {
      res.writeHead(200, { ...headers, 'content-type': 'application/vnd.quantized-mesh' }).end(flatTerrainTile(Number(terrainTile[1]) as 0 | 1, TERRAIN_HEIGHT_M));
      return;
    }
    if (url.pathname.startsWith('/oblique/')) {
      // The tileset of a converted sample, fetched from the app as an anonymous visitor (a public model).
      fetch(`${appBaseUrl}/tiles/${modelId}/${url.pathname.slice('/oblique/'.length)}`)
        .then(async (upstream) => {
          res.writeHead(upstream.status, { ...headers, 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
          res.end(Buffer.from(await upstream.arrayBuffer()));
        })
        .catch(() => res.writeHead(502).end());
      return;
    }
    res.writeHead(404, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, paths };
}

async function signIn(page: Page, account: E2eAccount, next: string): Promise<void> {
  await page.goto(`/sign-in?${new URLSearchParams({ next })}`);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('电子邮箱').fill(account.email);
  await form.getByLabel('密码').fill(account.password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 60_000 });
}

/** Calls a tRPC procedure over HTTP with the context's cookies; returns status and body. */
async function trpc(request: APIRequestContext, path: string, input?: unknown): Promise<{ status: number; body: { result?: { data: { json: unknown } }; error?: { json: { message: string; data: { code: string } } } } }> {
  const response =
    input === undefined
      ? await request.get(`/api/trpc/${path}`)
      : await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { 'content-type': 'application/json' } });
  return { status: response.status(), body: await response.json() };
}

interface CatalogueEntryJson {
  id: string;
  title: string;
  url: string;
  kind: string;
  visibility: string;
  source: string;
}

/** Fills the metadata part of the catalogue form. */
async function fillMetadata(page: Page, title: string, titleEn: string, visibility: 'public' | 'internal'): Promise<void> {
  const form = page.getByTestId('catalogue-form');
  await form.getByLabel('名称（中文）').fill(title);
  await form.getByLabel('名称（英文）').fill(titleEn);
  await form.getByLabel('所属行政区').selectOption('360100');
  await form.getByLabel('可见范围').selectOption(visibility);
}

async function submitAndWait(page: Page): Promise<void> {
  await page.getByTestId('catalogue-submit').click();
  await expect(page.getByTestId('catalogue-notice').or(page.getByTestId('catalogue-error'))).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('catalogue-error')).toHaveCount(0);
}

test('admins register and upload catalogue layers; the twin draws them; scope and visibility hold', async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const appBaseUrl = baseURL!;
  const anonymous = await browser.newContext();
  const models = (await trpc(anonymous.request, 'twin.models.list')).body.result!.data.json as { id: string; status: string; regionCode: string | null }[];
  const sample = models.find((model) => model.status === 'ready' && model.regionCode !== null) ?? models.find((model) => model.status === 'ready');
  expect(sample, 'a converted sample model (scripts/e2e.sh converts them)').toBeTruthy();
  const tiles = await startTileServer(appBaseUrl, sample!.id);
  const imageryOrigin = `http://127.0.0.1:${tiles.port}`;
  // Another host name for the same server: the internal layer's origin must stay out of an anonymous page's CSP.
  const internalOrigin = `http://localhost:${tiles.port}`;

  const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const admin = await adminContext.newPage();
  try {
    await signIn(admin, ACCOUNTS!.provinceAdmin, '/admin/catalogue');
    await expect(admin.getByRole('heading', { name: '资源目录' })).toBeVisible();

    // 1. Register an XYZ imagery service (public) and an external 3D Tiles tileset (internal), through the form.
    const form = admin.getByTestId('catalogue-form');
    await form.getByLabel('服务地址').fill(`${imageryOrigin}/tiles/{z}/{x}/{y}.png`);
    await form.getByLabel('最大级别').fill('12');
    await fillMetadata(admin, '测试影像', 'Test imagery', 'public');
    await admin.getByTestId('catalogue-form').getByLabel('版权 / 数据来源').fill('© 测试影像服务');
    await submitAndWait(admin);
    await form.getByLabel('类型').selectOption('external-tileset');
    await form.getByLabel('服务地址').fill(`${internalOrigin}/oblique/tileset.json`);
    await fillMetadata(admin, '测试倾斜摄影', 'Test oblique', 'internal');
    await submitAndWait(admin);
    await form.getByLabel('类型').selectOption('terrain');
    await form.getByLabel('服务地址').fill(`${imageryOrigin}/terrain/`);
    await fillMetadata(admin, '测试地形', 'Test terrain', 'public');
    await form.getByLabel('默认显示').uncheck();
    await submitAndWait(admin);

    // 2. Upload a 3D Tiles zip (internal) and a GCJ-02 GeoJSON (internal).
    await admin.getByTestId('catalogue-mode-tileset').click();
    const zip = zipOf({ 'tileset.json': tilesetJsonAt(UPLOAD_CENTRE.lonDeg, UPLOAD_CENTRE.latDeg, UPLOAD_CENTRE.heightM), 'content.glb': await squareGlb() }, { topFolder: '白模' });
    await admin.getByTestId('catalogue-file').setInputFiles({ name: 'massing.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await fillMetadata(admin, '上传白模', 'Uploaded massing', 'internal');
    await submitAndWait(admin);
    await admin.getByTestId('catalogue-mode-vector').click();
    const gcj02 = gcoord.transform(PARCEL_WGS84, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '测试地块', note: 'x'.repeat(300_000) }, geometry: { type: 'Point', coordinates: gcj02 } }] });
    await admin.getByTestId('catalogue-file').setInputFiles({ name: 'parcel.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
    await admin.getByTestId('catalogue-form').getByLabel('源坐标系').selectOption('gcj02');
    await fillMetadata(admin, '高德坐标地块', 'GCJ-02 parcel', 'internal');
    await submitAndWait(admin);

    const entries = (await trpc(adminContext.request, 'twin.catalogue.list')).body.result!.data.json as CatalogueEntryJson[];
    const byTitle = (title: string) => entries.find((entry) => entry.title === title)!;
    const [imagery, oblique, massing, parcel, terrain] = ['测试影像', '测试倾斜摄影', '上传白模', '高德坐标地块', '测试地形'].map(byTitle);
    expect([imagery, oblique, massing, parcel, terrain].every(Boolean)).toBe(true);
    await admin.screenshot({ path: 'test-results/catalogue-admin-1440.png' });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: 'test-results/catalogue-admin-390.png' });
    await expect(admin.getByTestId('catalogue-table').locator(`[data-layer-id="${massing.id}"]`)).toBeVisible();

    // 3. The uploads land in place: the tileset's centre (recorded on upload) and the GeoJSON converted to WGS84.
    const centre = /centred at ([\d.]+)°E ([\d.]+)°N/.exec(massing.source);
    expect(Math.abs(Number(centre![1]) - UPLOAD_CENTRE.lonDeg)).toBeLessThan(1e-6);
    expect(Math.abs(Number(centre![2]) - UPLOAD_CENTRE.latDeg)).toBeLessThan(1e-6);
    const tileset = await adminContext.request.get(massing.url);
    expect(tileset.status()).toBe(200);
    expect((await tileset.json()).asset.version).toBe('1.1');
    const features = (await (await adminContext.request.get(parcel.url)).json()) as { features: { geometry: { coordinates: number[] }; properties: { note: string } }[] };
    // The 300 kB body arrived whole (the upload routes bypass the proxy's 256 KiB body buffer); the value is cut to 10 000.
    expect(features.features[0].properties.note).toHaveLength(10_000);
    const [lon, lat] = features.features[0].geometry.coordinates;
    expect(Math.abs(lon - PARCEL_WGS84[0]), 'GCJ-02 → WGS84 within 1e-6° (≈ 0.1 m)').toBeLessThan(1e-6);
    expect(Math.abs(lat - PARCEL_WGS84[1])).toBeLessThan(1e-6);
    expect(Math.hypot(gcj02[0] - lon, gcj02[1] - lat)).toBeGreaterThan(0.003); // it was really moved (≈ 500 m)

    // 4. A city admin cannot register for another city.
    const cityContext = await browser.newContext();
    const city = await cityContext.newPage();
    await signIn(city, ACCOUNTS!.nanchangAdmin, '/admin/catalogue');
    const refused = await trpc(cityContext.request, 'twin.catalogue.register', {
      kind: 'imagery',
      url: `${imageryOrigin}/tiles/{z}/{x}/{y}.png`,
      options: { scheme: 'xyz' },
      title: '九江影像',
      titleEn: 'Jiujiang imagery',
      cimLevel: 1,
      regionCode: '360400',
      visibility: 'public',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error!.json.message).toContain('360400 lies outside your region 360100');
    // Its form offers only its own city and counties, and the page reads in English too.
    await city.goto('/admin/catalogue?lang=en');
    await expect(city.getByRole('heading', { name: 'Resource catalogue' })).toBeVisible();
    const regionOptions = city.getByTestId('catalogue-form').locator('select[name="regionCode"] option');
    await expect(regionOptions.first()).toHaveText('南昌市'); // the regions arrive after the page
    const regionChoices = await regionOptions.allTextContents();
    expect(regionChoices.length).toBeGreaterThan(1); // its counties follow
    expect(regionChoices.some((name) => name.includes('九江'))).toBe(false);
    await cityContext.close();

    // 5. Anonymous visitors see neither the internal layers nor their data, nor their origin in the policy.
    const anonymousIds = ((await trpc(anonymous.request, 'twin.layers.list')).body.result!.data.json as { id: string }[]).map((layer) => layer.id);
    expect(anonymousIds).toContain(imagery.id);
    for (const hidden of [oblique, massing, parcel]) expect(anonymousIds).not.toContain(hidden.id);
    expect((await anonymous.request.get(parcel.url)).status()).toBe(404);
    expect((await anonymous.request.get(massing.url)).status()).toBe(404);
    // Each web server rereads the registered origins at most every 10 s (csp-origins.ts CSP_ORIGINS_TTL_MS): a page
    // served just before the registrations may still carry the old list, so wait for the documented bound.
    const pageCsp = async () => (await anonymous.request.get('/')).headers()['content-security-policy'];
    await expect
      .poll(pageCsp, { timeout: 15_000, intervals: [500, 1_000], message: 'the registered imagery origin reaches the page CSP within 10 s' })
      .toMatch(new RegExp(`img-src [^;]*${imageryOrigin.replace(/[.:/]/g, '\\$&')}`));
    const anonymousCsp = await pageCsp();
    expect(anonymousCsp).not.toContain(internalOrigin);
    expect((await anonymous.request.get('/admin/catalogue')).headers()['content-security-policy']).not.toContain(imageryOrigin);

    // 6. The admin's twin draws the registered imagery and tileset from the test server, under the page CSP.
    const twin = await adminContext.newPage();
    const violations = await recordCspViolations(twin);
    await twin.setViewportSize({ width: 1024, height: 700 });
    const view = `cam=${UPLOAD_CENTRE.lonDeg},${UPLOAD_CENTRE.latDeg - 0.01},2500,0,-50,0`;
    await twin.goto(`/?${view}`);
    await twin.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await expect.poll(() => tiles.paths.filter((p) => p.startsWith('/tiles/')).length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => tiles.paths.includes('/oblique/tileset.json'), { timeout: 60_000 }).toBe(true);
    const status = await twin.evaluate(() => window.__gantwin!.layerStatus());
    expect(status.byLayer[imagery.id]).toMatchObject({ isReady: true, hasFailed: false });
    expect(status.byLayer[oblique.id]).toMatchObject({ isLoaded: true, hasFailed: false });
    expect(status.byLayer[massing.id]).toMatchObject({ isLoaded: true });
    expect(await violations()).toEqual([]);

    await expect(twin.getByTestId('menu-admin-catalogue')).toHaveAttribute('href', '/admin/catalogue');

    // Every row of the layer panel is reachable (the body scrolls) and no title is cut.
    const rows = twin.getByTestId('layer-panel').locator('li.gt-layer');
    expect(await rows.count()).toBeGreaterThan(10);
    await rows.last().scrollIntoViewIfNeeded();
    await expect(rows.last()).toBeInViewport();
    const cutTitles = await twin.getByTestId('layer-panel').locator('.gt-layer__title').evaluateAll((titles) =>
      titles.filter((title) => title.scrollWidth > title.clientWidth + 1).map((title) => title.textContent),
    );
    expect(cutTitles).toEqual([]);

    // 7. The layer panel: legend with attribution, the opacity slider reaches CesiumJS.
    const row = twin.locator(`[data-layer-id="${imagery.id}"]`);
    await expect(row.getByTestId('layer-legend')).toContainText('© 测试影像服务');
    await row.getByLabel('测试影像 不透明度').fill('40');
    await expect.poll(async () => (await twin.evaluate(() => window.__gantwin!.layerStatus())).byLayer[imagery.id].alpha).toBeCloseTo(0.4, 5);
    await twin.screenshot({ path: 'test-results/catalogue-twin.png' });

    // 8. The terrain switch: the model's anchor goes onto the terrain surface, and back onto the ellipsoid.
    const modelLayerId = `model-${sample!.id}`;
    const modelStatus = async () => (await twin.evaluate(() => window.__gantwin!.layerStatus())).byLayer[modelLayerId];
    expect(await modelStatus()).toMatchObject({ isLoaded: true, terrainHeightM: 0 });
    await twin.getByTestId('terrain-switch').getByLabel('测试地形').check();
    await expect.poll(() => tiles.paths.includes('/terrain/layer.json'), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await modelStatus()).terrainHeightM, { timeout: 120_000 }).toBeCloseTo(TERRAIN_HEIGHT_M, 1);
    await twin.getByTestId('terrain-switch').scrollIntoViewIfNeeded();
    await twin.getByTestId('layer-panel').screenshot({ path: 'test-results/catalogue-layer-panel.png' });
    expect((await twin.evaluate(() => window.__gantwin!.layerStatus())).byLayer[terrain.id]).toMatchObject({ isActive: true });
    await twin.getByTestId('terrain-switch').getByLabel('无地形（椭球面）').check();
    await expect.poll(async () => (await modelStatus()).terrainHeightM, { timeout: 60_000 }).toBe(0);
    expect(await violations()).toEqual([]);
  } finally {
    // Leave the e2e database as the other journeys expect it: no third-party layers.
    const left = (await trpc(adminContext.request, 'twin.catalogue.list')).body.result?.data.json as CatalogueEntryJson[] | undefined;
    for (const entry of left ?? []) await trpc(adminContext.request, 'twin.catalogue.remove', { id: entry.id });
    await adminContext.close();
    await anonymous.close();
    tiles.server.close();
  }
});
