/**
 * Search, map furniture and saved views in the twin (`/`, issue #9 §2): search 九江 → the camera frames the city;
 * part of FZK-Haus's name → the camera flies to the model; a pasted GlobalId → the selection panel shows the element;
 * compass, scale bar and cursor coordinates; a signed-in planner's saved view round trip (save, fly away, restore
 * camera and layers, reload, delete). Screenshots at 1440×900 and 390×844 go to the test output folder.
 *
 * Needs the app running with a seeded database, the test samples converted and the accounts of
 * scripts/e2e-accounts.ts (scripts/e2e.sh does all of it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const READY_TIMEOUT_MS = 180_000;
const ACCOUNTS_FILE = process.env.E2E_ACCOUNTS_FILE ?? join(process.cwd(), '.gantwin', 'e2e', 'accounts.json');

interface Camera {
  lonDeg: number;
  latDeg: number;
  heightEllipsoidalM: number;
  headingDeg: number;
}

async function waitForGlobe(page: Page): Promise<void> {
  await page.locator('[data-testid="twin-globe"]').waitFor();
  await expect.poll(() => page.evaluate(() => Boolean(window.__gantwin)), { timeout: READY_TIMEOUT_MS }).toBe(true);
}

const cameraOf = (page: Page) => page.evaluate(() => window.__gantwin!.camera() as Camera);

/** Ground distance between two lon/lat points on a sphere, metres. */
function distanceM(a: { lonDeg: number; latDeg: number }, b: { lonDeg: number; latDeg: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lonDeg - a.lonDeg) * rad * Math.cos(((a.latDeg + b.latDeg) / 2) * rad);
  const y = (b.latDeg - a.latDeg) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

async function trpcQuery<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/api/trpc/${path}${query}`);
  expect(response.ok(), `${path}: HTTP ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function search(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(text);
  await expect(page.getByTestId('search-results').locator('[role="option"]').first()).toBeVisible();
}

test('search: 九江 frames the city, FZK flies to the model, a GlobalId selects the element', async ({ page }) => {
  await page.goto('/');
  await waitForGlobe(page);

  // 九江 → the region result first; the camera ends straight above the middle of its extent.
  const answer = await trpcQuery<{ groups: { plate: string; results: { id: string; action: { bbox: number[] } }[] }[] }>(page, 'search.query', { q: '九江' });
  const jiujiang = answer.groups.find((g) => g.plate === 'twin')!.results.find((r) => r.id === '360400')!;
  const [west, south, east, north] = jiujiang.action.bbox;
  await search(page, '九江');
  const first = page.getByTestId('search-results').locator('[role="option"]').first();
  await expect(first).toHaveAttribute('data-result-id', '360400');
  await expect(first).toContainText('九江市');
  await page.getByTestId('search-input').press('Enter');
  await expect
    .poll(async () => distanceM(await cameraOf(page), { lonDeg: (west + east) / 2, latDeg: (south + north) / 2 }), { timeout: 30_000 })
    .toBeLessThan(2_000);
  expect((await cameraOf(page)).heightEllipsoidalM).toBeGreaterThan(100_000);

  // Part of FZK-Haus's name → its model result → the camera ends within 1 km of the model, below 2 km.
  const models = await trpcQuery<{ id: string; fileName: string; anchor: { lonDeg: number; latDeg: number } | null }[]>(page, 'twin.models.list');
  const fzk = models.find((model) => model.fileName === 'AC20-FZK-Haus.ifc');
  expect(fzk?.anchor, 'FZK-Haus converted and placed').toBeTruthy();
  await search(page, 'FZK-Ha');
  const modelOption = page.getByTestId('search-results').locator(`[data-kind="model"][data-result-id="${fzk!.id}"]`);
  await expect(modelOption).toBeVisible();
  await modelOption.click();
  await expect.poll(async () => distanceM(await cameraOf(page), fzk!.anchor!), { timeout: 30_000 }).toBeLessThan(1_000);
  expect((await cameraOf(page)).heightEllipsoidalM).toBeLessThan(2_000);

  // A GlobalId of FZK-Haus pasted whole → its element → the selection panel shows it and the URL keeps it.
  const { items } = await trpcQuery<{ items: { globalId: string; ifcClass: string }[] }>(page, 'twin.elements.list', { modelId: fzk!.id, ifcClass: 'IfcDoor', limit: 1 });
  const globalId = items[0].globalId;
  await search(page, globalId);
  await expect(page.getByTestId('search-results').locator('[role="option"]').first()).toHaveAttribute('data-result-id', `${fzk!.id}:${globalId}`);
  await page.getByTestId('search-input').press('ArrowDown');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('property-panel').locator(`[data-global-id="${globalId}"]`)).toBeVisible();
  await expect(page.getByTestId('property-panel')).toContainText('IfcDoor');
  await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(`twin:model-${fzk!.id}:${globalId}`);
  await expect.poll(async () => distanceM(await cameraOf(page), fzk!.anchor!), { timeout: 30_000 }).toBeLessThan(300);

  // Hostile text is just text: no results, no error.
  await page.getByTestId('search-input').fill(`%_'\\ ${'x'.repeat(40)}`);
  await expect(page.getByTestId('search-results')).toContainText('没有找到');
});

test('map furniture: compass shows the heading and resets north; scale bar; cursor lon/lat and CGCS2000 GK', async ({ page }) => {
  // Over Nanchang, 3 km up, heading 90° (looking east), 50° down.
  await page.goto('/?cam=115.85,28.68,3000,90,-50,0');
  await waitForGlobe(page);
  const compass = page.getByTestId('compass');
  await expect(compass).toHaveAttribute('data-heading', '90');
  const scaleBar = page.getByTestId('scale-bar');
  await expect(scaleBar).toBeVisible();
  expect(Number(await scaleBar.getAttribute('data-distance-m'))).toBeGreaterThan(10);
  expect(String(await scaleBar.getAttribute('data-distance-m'))).toMatch(/^[125]0*$/);

  const box = (await page.locator('.gt-globe canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height * 0.6 + 5);
  await expect(page.getByTestId('cursor-gk')).toHaveAttribute('data-epsg', /^45(26|27)$/);
  await expect(page.getByTestId('cursor-lonlat')).toContainText(/^11[56]\.\d{6}°E 28\.\d{6}°N/);

  await compass.click();
  await expect.poll(async () => {
    const headingDeg = (await cameraOf(page)).headingDeg;
    return Math.min(headingDeg, 360 - headingDeg);
  }, { timeout: 30_000 }).toBeLessThan(1);
  await expect(compass).toHaveAttribute('data-heading', /^(0|359)$/);
});

test('saved views: a signed-in planner saves a view, flies away, restores camera and layers, reloads, deletes it', async ({ page }) => {
  test.skip(!existsSync(ACCOUNTS_FILE), `no e2e accounts at ${ACCOUNTS_FILE}`);
  const planner = (JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8')) as Record<string, { email: string; password: string }>).nanchangPlanner;
  await page.goto('/sign-in?next=%2F');
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('电子邮箱').fill(planner.email);
  await form.getByLabel('密码').fill(planner.password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  const saved = { lonDeg: 115.8549, latDeg: 28.6916, heightEllipsoidalM: 900 };
  await page.goto(`/?cam=${saved.lonDeg},${saved.latDeg},${saved.heightEllipsoidalM},20,-35,0`);
  await waitForGlobe(page);
  const cityLayer = page.locator('[data-layer-id="regions-city"] input[type="checkbox"]');
  await expect(cityLayer).toBeChecked();
  await cityLayer.uncheck();

  const name = `红谷滩 e2e ${Date.now()}`;
  await page.getByTestId('saved-views-button').click();
  const panel = page.getByTestId('saved-views-panel');
  await expect(panel).toContainText('保存在您的账号中');
  await panel.getByTestId('saved-view-name').fill(name);
  await panel.getByTestId('saved-view-save').click();
  const item = panel.locator('li', { hasText: name });
  await expect(item).toBeVisible();

  // Away: the province overview with the city layer back on.
  await page.getByRole('button', { name: '全省' }).click();
  await cityLayer.check();
  await expect.poll(async () => (await cameraOf(page)).heightEllipsoidalM, { timeout: 30_000 }).toBeGreaterThan(100_000);
  await item.getByTestId('saved-view-open').click();
  await expect.poll(async () => distanceM(await cameraOf(page), saved), { timeout: 30_000 }).toBeLessThan(50);
  expect(Math.abs((await cameraOf(page)).heightEllipsoidalM - saved.heightEllipsoidalM)).toBeLessThan(50);
  await expect(cityLayer).not.toBeChecked();

  // Stored in the account: still there after a reload; then deleted.
  await page.reload();
  await waitForGlobe(page);
  await page.getByTestId('saved-views-button').click();
  const again = page.getByTestId('saved-views-panel').locator('li', { hasText: name });
  await expect(again).toBeVisible();
  await again.getByTestId('saved-view-remove').click();
  await expect(again).toHaveCount(0);
  const views = await trpcQuery<{ name: string }[]>(page, 'twin.savedViews.list');
  expect(views.map((view) => view.name)).not.toContain(name);
});

test('saved views: an anonymous visitor keeps views in this browser (same menu), across a reload', async ({ page }) => {
  await page.goto('/?cam=115.9,28.68,5000,0,-60,0');
  await waitForGlobe(page);
  await page.getByTestId('saved-views-button').click();
  const panel = page.getByTestId('saved-views-panel');
  await expect(panel).toContainText('未登录：保存在本浏览器中');
  await panel.getByTestId('saved-view-name').fill('本机视角');
  await panel.getByTestId('saved-view-save').click();
  await expect(panel.locator('li', { hasText: '本机视角' })).toBeVisible();
  // A hand-edited entry with a bad camera is dropped when read back; the good one stays.
  await page.evaluate(() => {
    const views = JSON.parse(localStorage.getItem('gantwin.savedViews.v1') ?? '[]') as { camera: { latDeg: number } }[];
    localStorage.setItem('gantwin.savedViews.v1', JSON.stringify([...views, { ...views[0], id: 'local-bad', name: '坏', camera: { ...views[0].camera, latDeg: 400 } }]));
  });
  await page.reload();
  await waitForGlobe(page);
  await page.getByTestId('saved-views-button').click();
  await expect(page.getByTestId('saved-views-panel').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('saved-views-panel').locator('li')).toContainText('本机视角');
  await expect(page.getByTestId('saved-views-panel')).not.toContainText('坏');
});

test('phone 390×844: compass, scale bar, search behind its button (screenshots at 1440×900 and 390×844 on demand)', async ({ page }, testInfo) => {
  // Documentation screenshots (two more globe loads at 1440×900, ≈ 35 s) only with E2E_SCREENSHOTS=1
  // (`E2E_SCREENSHOTS=1 bash scripts/e2e.sh e2e/search.spec.ts`); the phone checks always run.
  const takeScreenshots = Boolean(process.env.E2E_SCREENSHOTS);
  const shoot = async (name: string) => {
    if (takeScreenshots) await page.screenshot({ path: testInfo.outputPath(name) });
  };
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const models = await trpcQuery<{ id: string; fileName: string; anchor: { lonDeg: number; latDeg: number } }[]>(page, 'twin.models.list');
  const fzk = models.find((model) => model.fileName === 'AC20-FZK-Haus.ifc')!;
  const { items } = await trpcQuery<{ items: { globalId: string }[] }>(page, 'twin.elements.list', { modelId: fzk.id, ifcClass: 'IfcDoor', limit: 1 });
  // 120 m south of FZK-Haus, 70 m up, looking north and 28° down, its door selected.
  const cam = [fzk.anchor.lonDeg, fzk.anchor.latDeg - 120 / 111_320, 70, 0, -28, 0].map((value) => value.toFixed(7)).join(',');
  if (takeScreenshots) {
    // Furniture: looking north-east (compass turned), cursor over the ground, a saved view in the menu.
    const turned = [fzk.anchor.lonDeg - 90 / 111_320, fzk.anchor.latDeg - 90 / 111_320, 60, 45, -28, 0].map((value) => value.toFixed(7)).join(',');
    await page.goto(`/?cam=${turned}`);
    await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await page.getByTestId('saved-views-button').click();
    await page.getByTestId('saved-view-name').fill('FZK-Haus 西南视角');
    await page.getByTestId('saved-view-save').click();
    await page.mouse.move(760, 620);
    await page.mouse.move(765, 625);
    await expect(page.getByTestId('cursor-gk')).toBeVisible();
    await shoot('furniture-1440.png');

    await page.goto(`/?cam=${cam}&sel=twin:model-${fzk.id}:${items[0].globalId}`);
    await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await search(page, 'Wand');
    await shoot('search-1440.png');
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?cam=${cam}`);
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
  await expect(page.getByTestId('compass')).toBeVisible();
  await expect(page.getByTestId('scale-bar')).toBeVisible();
  await expect(page.getByTestId('search-input')).toBeHidden();
  await shoot('furniture-390.png');
  await page.getByRole('button', { name: '打开搜索' }).click();
  await search(page, 'FZK');
  await shoot('search-390.png');
});
