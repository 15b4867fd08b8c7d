/**
 * City twin journey (`/`): offline globe, layers and models, picking the FZK-Haus model, URL state, locale.
 *
 * Needs the app running with a seeded database and the test sample models converted (scripts/e2e.sh).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { recordCspViolations } from './csp-violations';

const FZK_IFC_PATH = fileURLToPath(new URL('../../shared/data/ifc/AC20-FZK-Haus.ifc', import.meta.url));

/** Longest wait for globe + tilesets to load on SwiftShader, ms. */
const READY_TIMEOUT_MS = 180_000;

/** Hosts a page may contact: only the app itself. */
function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Records the hostname of every http(s)/ws request the page makes. */
function recordRequestHosts(page: Page): string[] {
  const hosts: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    hosts.push(url.hostname);
  });
  return hosts;
}

async function waitForTwinReady(page: Page): Promise<void> {
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
}

/** Counts distinct colours (quantised to 4 bits per channel) in a PNG screenshot of an element, decoded in-page. */
async function countDistinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
    return colours.size;
  }, png.toString('base64'));
}

interface ModelSummaryJson {
  id: string;
  name: string;
  fileName: string;
  status: string;
  anchor: { lonDeg: number; latDeg: number; heightM: number } | null;
  heightM: number | null;
}

async function listModels(page: Page): Promise<ModelSummaryJson[]> {
  const response = await page.request.get('/api/trpc/twin.models.list');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: { json: ModelSummaryJson[] } } };
  return body.result.data.json;
}

test('the twin opens on Jiangxi with zero requests leaving localhost and a non-blank globe', async ({ page }) => {
  const hosts = recordRequestHosts(page);
  const cspViolations = await recordCspViolations(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('GanTwin 数字住建');
  await waitForTwinReady(page);
  // Layers are grouped by plate (titled by the plate manifest) and CIM level.
  const twinGroup = page.getByTestId('layer-panel').locator('fieldset[data-plate="twin"]');
  await expect(twinGroup.locator('legend')).toHaveText('城市底座与模型');
  await expect(twinGroup.locator('[data-cim-level="1"] [data-layer-id="regions-city"]')).toBeVisible();
  await expect(twinGroup.locator('[data-cim-level="2"] [data-layer-id="nanchang-roads"]')).toBeVisible();
  await expect(page.getByTestId('model-list').locator('[data-file-name="AC20-FZK-Haus.ifc"]')).toBeVisible();

  const camera = await page.evaluate(() => window.__gantwin!.camera());
  expect(Math.abs(camera.lonDeg - 115.9)).toBeLessThan(0.5);
  expect(Math.abs(camera.latDeg - 27.3)).toBeLessThan(0.5);

  const png = await page.locator('.gt-globe canvas').screenshot();
  expect(await countDistinctColours(page, png)).toBeGreaterThan(40);

  // A city name (points kind) is a feature like any other: a click selects it, the panel and the URL show it.
  const marker = await page.evaluate(() => window.__gantwin!.findFeatureOnScreen(8, ['points']));
  expect(marker, 'a city name marker is on screen').not.toBeNull();
  await page.mouse.click(marker!.pageX, marker!.pageY);
  await expect.poll(() => page.evaluate(() => window.__gantwin!.lastSelection?.layerId ?? null)).toBe('regions-city-names');
  const city = await page.evaluate(() => window.__gantwin!.lastSelection!);
  expect(city.featureId).toMatch(/^36\d{2}00$/);
  const featurePanel = page.getByTestId('feature-panel');
  await expect(featurePanel).toContainText('设区市名称');
  await expect(featurePanel.locator(`[data-feature-id="${city.featureId}"]`)).toContainText(/市/);
  await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(`twin:regions-city-names:${city.featureId}`);

  const foreign = [...new Set(hosts)].filter((host) => !isLocalHost(host));
  expect(foreign, `requests left localhost: ${foreign.join(', ')}`).toEqual([]);
  expect(hosts.length).toBeGreaterThan(10);
  expect(await cspViolations(), 'the globe (workers, wasm) runs under the page CSP').toEqual([]);
});

test('clicking the FZK-Haus model selects an element of the IFC file and shows its properties', async ({ page }) => {
  let ifcText: string;
  try {
    ifcText = await readFile(FZK_IFC_PATH, 'latin1');
  } catch {
    test.skip(true, `sample model missing: ${FZK_IFC_PATH}`);
    return;
  }
  const hosts = recordRequestHosts(page);
  const paths: string[] = [];
  page.on('request', (request) => paths.push(new URL(request.url()).pathname));
  // The model list comes from the API, before the page opens: a page opened earlier could still prefetch the
  // model's properties.json after `paths` was reset (it did, once: two fetches counted).
  const fzk = (await listModels(page)).find((model) => model.fileName === 'AC20-FZK-Haus.ifc' && model.status === 'ready');
  expect(fzk, 'FZK-Haus converted and ready').toBeDefined();
  expect(fzk!.anchor).not.toBeNull();

  // Camera 45 m south of the anchor, 30 m above it, looking north and 30° down (ray meets the ground near the anchor).
  const { lonDeg, latDeg, heightM } = fzk!.anchor!;
  const metresPerDegLat = 111_320;
  const cam = [lonDeg, latDeg - 45 / metresPerDegLat, heightM + 30, 0, -30, 0].map((value) => value.toFixed(7)).join(',');
  await page.goto(`/?cam=${cam}`);
  await waitForTwinReady(page);
  await expect
    .poll(() => page.evaluate(() => window.__gantwin!.layerStatus().loadedIds.filter((id) => id.startsWith('model-')).length), { timeout: READY_TIMEOUT_MS })
    .toBeGreaterThan(0);
  await waitForTwinReady(page);

  const target = await page.evaluate(() => window.__gantwin!.findFeatureOnScreen(20, ['tileset']));
  expect(target, 'some element of a model is visible on screen').not.toBeNull();
  await page.mouse.click(target!.pageX, target!.pageY);

  await expect.poll(() => page.evaluate(() => window.__gantwin!.lastSelection?.featureId ?? null)).not.toBeNull();
  const selection = await page.evaluate(() => window.__gantwin!.lastSelection!);
  const globalId = selection.featureId;
  expect(selection.plate).toBe('twin');
  expect(selection.layerId).toMatch(/^model-[0-9a-f-]{36}$/);
  expect(globalId).toMatch(/^[0-9A-Za-z_$]{22}$/);
  expect(ifcText.includes(`'${globalId}'`), `GlobalId ${globalId} occurs in AC20-FZK-Haus.ifc`).toBe(true);

  const panel = page.getByTestId('property-panel');
  await expect(panel.locator(`[data-global-id="${globalId}"]`)).toBeVisible();
  await expect(panel).toContainText(globalId);
  await expect(panel).toContainText(/Ifc[A-Z]\w+/);
  await expect(panel).toContainText(fzk!.name);
  // The panel answered from the model's properties.json (fetched once), not from the database.
  expect(paths.filter((path) => path === `/tiles/${fzk!.id}/properties.json`)).toHaveLength(1);
  expect(paths.filter((path) => path.includes('twin.elements.byGlobalId'))).toEqual([]);
  await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(`twin:${selection.layerId}:${globalId}`);
  expect(new URL(page.url()).searchParams.get('cam')).toMatch(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){5}$/);

  const foreign = [...new Set(hosts)].filter((host) => !isLocalHost(host));
  expect(foreign, `requests left localhost: ${foreign.join(', ')}`).toEqual([]);
});

test('?lang=en switches the UI and <html lang> to English, and the switch goes back to Chinese', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('GanTwin Digital Housing');
  await expect(page.getByTestId('layer-panel')).toContainText('Layers');
  await waitForTwinReady(page); // hydrated: the globe only starts on the client
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('layer-panel')).toContainText('图层');
  expect(new URL(page.url()).searchParams.has('lang')).toBe(false);

  // Without `?lang=` the switch re-renders in place (no reload): the globe's test hook survives.
  await waitForTwinReady(page);
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('model-list')).toContainText('Models');
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
});

test('switching 中文/EN keeps the camera and the selection in the URL and on screen', async ({ page }) => {
  const cam = '115.8528934,28.6867386,401.529,19.999,-35.0052,0';
  const sel = 'twin:regions-city-names:360100';
  await page.goto(`/?cam=${cam}&sel=${sel}`);
  await page.waitForFunction(() => window.__gantwin !== undefined, null, { timeout: READY_TIMEOUT_MS });
  await expect(page.getByTestId('feature-panel')).toContainText('南昌市');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('layer-panel')).toContainText('Layers');
  const params = new URL(page.url()).searchParams;
  expect(params.get('sel')).toBe(sel);
  // The same pose (the globe may write it back with its own rounding): within 1e-6° and 1 m.
  const [lonDeg, latDeg, heightM] = (params.get('cam') ?? '').split(',').map(Number);
  expect(Math.abs(lonDeg - 115.8528934)).toBeLessThan(1e-6);
  expect(Math.abs(latDeg - 28.6867386)).toBeLessThan(1e-6);
  expect(Math.abs(heightM - 401.529)).toBeLessThan(1);
  await expect(page.getByTestId('feature-panel')).toBeVisible();
  // The quick navigation marks Honggutan (the camera is there), not Nanchang.
  await expect(page.getByTestId('nav-honggutan')).toHaveAttribute('aria-current', 'location');
  await expect(page.getByTestId('nav-nanchang')).not.toHaveAttribute('aria-current', /.+/);
});

test('a link naming a feature or element that does not exist says so and offers to clear the selection', async ({ page }) => {
  // A city that does not exist in the loaded city-names layer.
  await page.goto('/?sel=twin:regions-city-names:369999');
  const missing = page.getByTestId('selection-missing');
  await expect(missing).toContainText('图层“设区市名称”中没有编号为 369999 的要素');
  await missing.getByTestId('selection-clear').click();
  await expect(missing).toBeHidden();
  await expect.poll(() => new URL(page.url()).searchParams.has('sel')).toBe(false);

  // A GlobalId that no model holds.
  await page.goto('/?sel=twin:model-00000000-0000-4000-8000-000000000000:0000000000000000000000');
  const panel = page.getByTestId('property-panel');
  await expect(panel).toContainText('在此模型中未找到构件');
  await panel.getByTestId('selection-clear').click();
  await expect(panel).toBeHidden();
  await expect.poll(() => new URL(page.url()).searchParams.has('sel')).toBe(false);

  // A GlobalId that a known model (answered from its properties.json) does not hold.
  const fzk = (await listModels(page)).find((model) => model.fileName === 'AC20-FZK-Haus.ifc' && model.status === 'ready');
  expect(fzk, 'FZK-Haus converted and ready').toBeDefined();
  await page.goto(`/?sel=twin:model-${fzk!.id}:0000000000000000000000`);
  await expect(panel).toContainText('在此模型中未找到构件');
  await expect(panel).toContainText('0000000000000000000000');
});
