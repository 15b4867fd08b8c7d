/**
 * Villages scene journey (传统村落, issue #12), anonymous: a village link (viewer/villages/village-scene-href.ts)
 * opens the twin at a published village with its panel; the panel switches the villages layers on, the historic
 * buildings load as 3D Tiles built by the worker (`villages.build-scene-tiles`), a click on the village marker
 * selects it, and the published tour plays with its caption in a live region until Escape ends it. Screenshots at
 * 1440 × 900 and 390 × 844 go to the test's folder under test-results/ (villages-*.png).
 *
 * Needs BASE_URL, a seeded database with at least one published village with buildings and a tour (the demo
 * villages of the seed), and a running worker (scripts/e2e.sh does all three); skips with a message without them.
 */
import { expect, test, type Page } from '@playwright/test';
import { villageSceneHref } from '../viewer/villages/village-scene-href';
import { E2E_ACCOUNTS, e2eAccount, signInAs } from './e2e-session';

/** Longest wait for the worker's tile builds and for the globe on SwiftShader, ms. */
const READY_TIMEOUT_MS = 240_000;

interface VillagePoint {
  id: string;
  geometry: { coordinates: [number, number] };
  properties: { code: string; name: string; isPositionVerified: boolean };
}

async function waitForTwinReady(page: Page): Promise<void> {
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
}

/** The published villages with a published tour (through the public API, as anyone sees them). */
async function villagesWithTour(page: Page): Promise<VillagePoint[]> {
  const response = await page.request.get('/api/geo/villages-points');
  expect(response.ok()).toBe(true);
  const points = ((await response.json()) as { features: VillagePoint[] }).features;
  const withTour: VillagePoint[] = [];
  for (const point of points) {
    const input = encodeURIComponent(JSON.stringify({ json: { code: point.id } }));
    const scene = await page.request.get(`/api/trpc/villages.scene.byCode?input=${input}`);
    const body = (await scene.json()) as { result?: { data: { json: { tour: { stops: unknown[] } | null } } } };
    if ((body.result?.data.json.tour?.stops.length ?? 0) > 0) withTour.push(point);
  }
  return withTour;
}

test.describe('villages scene', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a village link opens the scene with its buildings; the marker picks; the tour plays and Escape ends it', async ({ page }) => {
    await page.goto('/');
    const villages = await villagesWithTour(page);
    test.skip(villages.length === 0, 'no published village with a tour in this database (the seed publishes the demo villages)');
    const village = villages[0];
    // The worker builds the published villages' tiles after the seed: wait until the public root lists one.
    await expect
      .poll(async () => (((await (await page.request.get('/tiles/villages/tileset.json')).json()) as { root: { children?: unknown[] } }).root.children?.length ?? 0), {
        timeout: READY_TIMEOUT_MS,
        intervals: [2_000],
      })
      .toBeGreaterThan(0);

    await page.goto(villageSceneHref(village.id, village.geometry.coordinates));
    const panel = page.getByTestId('village-panel');
    await expect(panel).toBeVisible({ timeout: READY_TIMEOUT_MS });
    await expect(panel).toContainText(village.properties.name);
    await expect(page.getByTestId('village-page-link')).toHaveAttribute('href', `/villages/${village.id}`);
    if (!village.properties.isPositionVerified) await expect(page.getByTestId('village-unverified')).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => window.__gantwin?.layerStatus().loadedIds ?? []), { timeout: READY_TIMEOUT_MS })
      .toEqual(expect.arrayContaining(['villages-points', 'villages-buildings']));
    await waitForTwinReady(page);
    await page.screenshot({ path: test.info().outputPath('villages-scene.png') });

    // A marker of the scene (the village or one of its points of interest) is pickable.
    const hit = await page.evaluate(() => window.__gantwin!.findFeatureOnScreen(12, ['points']));
    expect(hit, 'a villages marker is on screen').not.toBeNull();
    expect(hit!.selection.plate).toBe('villages');
    expect(['villages-points', 'villages-pois']).toContain(hit!.selection.layerId);

    // Play the published tour: the bar shows, a caption is announced, Escape ends the tour and keeps the panel.
    await page.getByTestId('village-tour-play').click();
    const tour = page.getByTestId('village-tour');
    await expect(tour).toBeVisible();
    await expect(page.getByTestId('village-tour-caption')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('village-tour-caption')).not.toBeEmpty({ timeout: 60_000 });
    // Paused at once (a SwiftShader screenshot takes seconds; the tour would run on and end).
    await page.getByTestId('village-tour-pause').click();
    await expect(page.getByTestId('village-tour-resume')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('villages-tour.png') });
    await page.keyboard.press('Escape');
    await expect(tour).toBeHidden();
    await expect(panel).toBeVisible();
  });
});

test.describe('villages tour recording', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test.skip(E2E_ACCOUNTS === null, 'no e2e accounts (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)');

  test('the province admin records a stop of the working tour and saves it; anonymous visitors are not offered recording', async ({ page }) => {
    await page.goto('/');
    const villages = await villagesWithTour(page);
    test.skip(villages.length === 0, 'no published village with a tour in this database');
    const href = villageSceneHref(villages[0].id, villages[0].geometry.coordinates);
    await page.goto(href);
    await expect(page.getByTestId('village-panel')).toBeVisible({ timeout: READY_TIMEOUT_MS });
    await expect(page.getByTestId('village-tour-play')).toBeVisible();
    await expect(page.getByTestId('village-tour-record')).toHaveCount(0);

    await signInAs(page, e2eAccount('provinceAdmin'), '/');
    await page.goto(href);
    await page.getByTestId('village-tour-record').click({ timeout: READY_TIMEOUT_MS });
    const recorder = page.getByTestId('village-tour-recorder');
    await expect(recorder).toBeVisible();
    await waitForTwinReady(page);
    const before = await recorder.getByTestId('village-tour-recorder-stop').count();
    await page.getByTestId('village-tour-add-stop').click();
    await expect(recorder.getByTestId('village-tour-recorder-stop')).toHaveCount(before + 1);
    const added = recorder.getByTestId('village-tour-recorder-stop').last();
    await added.getByLabel('解说（中文）').fill('端到端测试站点');
    if (!(await recorder.getByLabel('导览标题（中文）').inputValue())) await recorder.getByLabel('导览标题（中文）').fill('端到端测试导览');
    await page.getByTestId('village-tour-save').click();
    await expect(recorder.getByRole('status')).toContainText('已保存');
    await page.screenshot({ path: test.info().outputPath('villages-recorder.png') });
  });
});

test.describe('villages scene on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the village link opens its panel as a sheet', async ({ page }) => {
    await page.goto('/');
    const villages = await villagesWithTour(page);
    test.skip(villages.length === 0, 'no published village with a tour in this database');
    await page.goto(villageSceneHref(villages[0].id, villages[0].geometry.coordinates));
    await expect(page.getByTestId('village-panel')).toBeVisible({ timeout: READY_TIMEOUT_MS });
    await waitForTwinReady(page);
    await page.screenshot({ path: test.info().outputPath('villages-phone.png') });
  });
});
