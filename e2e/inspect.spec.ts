/**
 * Journey: BIM inspection of the first ready model (`/models/<id>`): the three.js view loads and frames the
 * model, clicking the model centre selects an element whose GlobalId (shown in the property panel) exists in the
 * source IFC, hiding an IFC class hides exactly that class's features, and the section plane toggles. The tree and
 * the panel answer from the model's one properties.json (no structure.json, no element requests through tRPC), and a
 * tree leaf whose tile never loaded still selects its element and shows its properties.
 *
 * Needs BASE_URL (the running app) and a seeded, converted database (scripts/e2e.sh does both).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { recordCspViolations } from './csp-violations';

/** Where the sample IFC files live (the same default as server/env.ts SHARED_DATA_DIR). */
const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');

/** SwiftShader renders ≈ 2 fps: loading, framing and picking get generous time. */
const READY_TIMEOUT_MS = 180_000;

interface ModelRow {
  id: string;
  name: string;
  fileName: string;
  status: string;
  elementCount: number;
}

async function firstReadyModel(page: Page): Promise<ModelRow | null> {
  const response = await page.request.get('/api/trpc/twin.models.list');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: { json: ModelRow[] } } };
  return body.result.data.json.find((model) => model.status === 'ready') ?? null;
}

/** Finds the IFC file of a model under the shared data folder (ifc/ or directly). */
function readIfcText(fileName: string): string | null {
  for (const candidate of [join(SHARED_DATA_DIR, 'ifc', fileName), join(SHARED_DATA_DIR, fileName)]) {
    if (existsSync(candidate)) return readFileSync(candidate, 'latin1');
  }
  return null;
}

test.describe('BIM inspection', () => {
  test.setTimeout(6 * 60_000);

  test('select, hide a class, section plane', async ({ page }) => {
    const model = await firstReadyModel(page);
    test.skip(model === null, 'no ready model in the database (run scripts/e2e.sh, which seeds and converts)');
    if (!model) return;

    const cspViolations = await recordCspViolations(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`/models/${model.id}`);
    const viewer = page.getByTestId('inspect-viewer');
    await expect(viewer).toHaveAttribute('data-ready', 'true', { timeout: READY_TIMEOUT_MS });
    const loaded = await page.evaluate(() => window.__gantwinInspect?.snapshot());
    expect(loaded?.elementCount).toBeGreaterThan(0);

    // Click the model centre (the nearest pickable pixel to the canvas centre, which the fit aims at).
    const target = await page.evaluate(() => window.__gantwinInspect?.findElementOnScreen(6) ?? null);
    expect(target, 'an element under or near the canvas centre').not.toBeNull();
    if (!target) return;
    await page.mouse.click(target.pageX, target.pageY);
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().selectedGlobalId), { timeout: 30_000 })
      .toBe(target.globalId);
    const panel = page.getByTestId('property-panel');
    await expect(panel).toContainText(target.globalId, { timeout: 30_000 });
    const ifcText = readIfcText(model.fileName);
    if (ifcText) expect(ifcText).toContain(`'${target.globalId}'`);
    else test.info().annotations.push({ type: 'note', description: `IFC ${model.fileName} not found under ${SHARED_DATA_DIR}` });

    // Hide the picked element's class: every feature of that class is hidden, nothing else.
    const hiddenClass = target.ifcClass;
    const checkbox = page.locator(`[data-testid="class-filter"] li[data-ifc-class="${hiddenClass}"] input[type="checkbox"]`);
    await expect(checkbox).toBeChecked();
    await checkbox.uncheck();
    const afterHide = await page.evaluate(() => window.__gantwinInspect?.snapshot());
    const classCount = afterHide?.elementCountByClass[hiddenClass] ?? 0;
    expect(classCount).toBeGreaterThan(0);
    expect(afterHide?.hiddenElementCountByClass[hiddenClass]).toBe(classCount);
    expect(afterHide?.hiddenElementCount).toBe(classCount);
    // The class row's count (database facets) matches the features found in the tiles once all are loaded.
    const rowText = await page.locator(`[data-testid="class-filter"] li[data-ifc-class="${hiddenClass}"]`).innerText();
    const facetCount = Number((rowText.match(/[\d,]+/g) ?? ['0']).at(-1)?.replaceAll(',', ''));
    if (afterHide?.elementCount === model.elementCount) expect(facetCount).toBe(classCount);
    else expect(facetCount).toBeGreaterThanOrEqual(classCount);
    await checkbox.check();
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().hiddenElementCount)).toBe(0);

    // Isolate the class: everything else is hidden; "show all" ends it.
    await page.locator(`[data-testid="class-filter"] li[data-ifc-class="${hiddenClass}"] button`).click();
    const afterIsolate = await page.evaluate(() => window.__gantwinInspect?.snapshot());
    expect(afterIsolate?.hiddenElementCount).toBe((afterIsolate?.elementCount ?? 0) - classCount);
    expect(afterIsolate?.hiddenElementCountByClass[hiddenClass]).toBeUndefined();
    await page.locator('[data-testid="class-filter"] .gt-panel__actions button').click();
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().hiddenElementCount)).toBe(0);

    // A leaf of the spatial tree selects its element (and the panel follows).
    const leaf = page.locator('[data-testid="spatial-tree"] li[aria-selected="false"] button').first();
    const leafGlobalId = await leaf.getAttribute('title');
    expect(leafGlobalId).toMatch(/^[0-9A-Za-z_$]{22}$/);
    await leaf.click();
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().selectedGlobalId)).toBe(leafGlobalId);
    await expect(panel).toContainText(leafGlobalId ?? '', { timeout: 30_000 });

    // Section plane on → one clipping plane; off → none.
    const toggle = page.getByTestId('section-toggle');
    await toggle.check();
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().clippingPlaneCount)).toBe(1);
    const section = await page.evaluate(() => window.__gantwinInspect?.snapshot().extra.section as { isEnabled: boolean; heightM: number });
    expect(section.isEnabled).toBe(true);
    expect(Number.isFinite(section.heightM)).toBe(true);
    await toggle.uncheck();
    await expect.poll(() => page.evaluate(() => window.__gantwinInspect?.snapshot().clippingPlaneCount)).toBe(0);

    expect(await cspViolations(), 'the BIM view (meshopt wasm) runs under the page CSP').toEqual([]);

    // One properties.json answered the tree and both panels; nothing asked the database for elements one by one.
    expect(requests.filter((path) => path === `/tiles/${model.id}/properties.json`)).toHaveLength(1);
    expect(requests.filter((path) => path.endsWith('/structure.json'))).toEqual([]);
    expect(requests.filter((path) => /twin\.elements\.(list|byGlobalId)/.test(path))).toEqual([]);

    // The back link returns to the twin at the model's location.
    await expect(page.getByTestId('back-to-twin')).toHaveAttribute('href', /^\/\?cam=/);
  });

  test('a tree leaf whose tile never loaded selects its element and shows its property sets', async ({ page }) => {
    const model = await firstReadyModel(page);
    test.skip(model === null, 'no ready model in the database (run scripts/e2e.sh, which seeds and converts)');
    if (!model) return;
    // No tile content ever arrives: every element is known from properties.json only.
    await page.route(`**/tiles/${model.id}/**/*.glb`, () => undefined);
    await page.goto(`/models/${model.id}`);
    // Storeys start collapsed: open spatial nodes until a leaf shows.
    const tree = page.getByTestId('spatial-tree');
    const leaf = tree.locator('li[aria-selected="false"] button').first();
    await expect(tree.locator('li[role="treeitem"]').first()).toBeVisible({ timeout: READY_TIMEOUT_MS });
    for (let i = 0; i < 6 && !(await leaf.isVisible()); i++) await tree.locator('li[aria-expanded="false"] > div > button').first().click();
    await expect(leaf).toBeVisible();
    const leafGlobalId = await leaf.getAttribute('title');
    expect(leafGlobalId).toMatch(/^[0-9A-Za-z_$]{22}$/);
    // The leaf is named from the file (class or name), not only by its GlobalId.
    expect((await leaf.innerText()).trim()).not.toBe(leafGlobalId);
    await leaf.click();
    const panel = page.getByTestId('property-panel');
    await expect(panel.locator(`[data-global-id="${leafGlobalId}"]`)).toBeVisible({ timeout: 30_000 });
    await expect(panel).toContainText(model.name);
    await expect(panel.locator('.gt-pset').first()).toBeVisible();
    expect(await page.evaluate(() => window.__gantwinInspect?.snapshot().elementCount ?? 0), 'no tile content loaded').toBe(0);
  });
});
