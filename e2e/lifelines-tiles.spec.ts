/**
 * Lifelines journey (城市生命线, issue #11): a 南昌 inspector switches on the water network, drawn as 3D Tiles built by
 * the worker from the demo network (`lifelines.build-network-tiles`, queued by the seed); a picked pipe opens the
 * pipe panel. Screenshots at 1440 × 900 go to the test's folder under test-results/ (lifelines-*.png).
 *
 * Needs BASE_URL, the accounts of scripts/e2e-accounts.ts and a running worker (scripts/e2e.sh does all three).
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';
import { waitForNetworkBuilds } from './network-tiles';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);
test.use({ viewport: { width: 1440, height: 900 } });

/** Longest wait for the worker's tile builds and for the globe on SwiftShader, ms. */
const READY_TIMEOUT_MS = 240_000;

async function waitForTwinReady(page: Page): Promise<void> {
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
}

test('a 南昌 inspector sees the water network as 3D Tiles and picks a pipe', async ({ page }) => {
  await signInAs(page, e2eAccount('nanchangInspector'), '/');
  // The worker builds every (network, county) after the seed: wait until the inspector's water root lists builds.
  await waitForNetworkBuilds(page, 'water', 6, READY_TIMEOUT_MS);
  const anonymous = await page.context().browser()!.newContext();
  expect((await (await anonymous.request.get(new URL('/tiles/lifelines/water/tileset.json', page.url()).href)).json()).root.children).toBeUndefined();
  await anonymous.close();

  // City-wide: nadir over central Nanchang from 20 km (the bench's "city-wide" camera).
  await page.goto('/?cam=115.8690000,28.6680000,20000,0,-90,0');
  await waitForTwinReady(page);
  await page.locator('[data-layer-id="lifelines-water-pipes"] input[type="checkbox"]').check();
  await expect
    .poll(() => page.evaluate(() => window.__gantwin!.layerStatus().loadedIds.includes('lifelines-water-pipes')), { timeout: READY_TIMEOUT_MS })
    .toBe(true);
  await waitForTwinReady(page);
  const cityPng = await page.screenshot({ path: test.info().outputPath('lifelines-city.png') });

  // Pick a water main where the screenshot shows one: page pixels on a 3-pixel run of the network's blue.
  const candidates = await bluePixels(page, cityPng);
  expect(candidates.length, 'water mains are drawn on screen').toBeGreaterThan(10);
  let picked = false;
  for (const [x, y] of candidates.slice(0, 12)) {
    await page.mouse.click(x, y);
    picked = await expect
      .poll(() => page.evaluate(() => window.__gantwin!.lastSelection?.layerId ?? null), { timeout: 5_000 })
      .toBe('lifelines-water-pipes')
      .then(() => true, () => false);
    if (picked) break;
  }
  expect(picked, 'a click on a drawn main selects it').toBe(true);
  const selection = await page.evaluate(() => window.__gantwin!.lastSelection!);
  expect(selection.plate).toBe('lifelines');
  expect(selection.featureId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const panel = page.getByTestId('pipe-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/DEMO/);
  await page.screenshot({ path: test.info().outputPath('lifelines-picked.png') });

  // A district view (1.2 km up, looking north 45° down): near the ground the globe depth-tests, so the leaves' pipes
  // at their real depth are hidden (seeing them needs an underground tool); the screenshot records that.
  await page.goto('/?cam=115.8900000,28.6700000,1200,0,-45,0');
  await waitForTwinReady(page);
  await page.screenshot({ path: test.info().outputPath('lifelines-district.png') });
});

/** Page pixels (CSS px; device scale 1) on runs of the water network's blue (#1e6fff) in `png`, right of the side panels. */
async function bluePixels(page: Page, png: Buffer): Promise<[number, number][]> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const isBlue = (x: number, y: number) => {
      const i = (y * width + x) * 4;
      // Lit and shaded, #1e6fff draws as ≈ rgb(0–40, 40–90, 110–200) over the green ground and orange roads.
      return data[i + 2] > 110 && data[i + 2] > data[i] + 80 && data[i + 2] > data[i + 1] + 50;
    };
    const out: [number, number][] = [];
    for (let y = 120; y < height - 80; y += 3) {
      for (let x = 340; x < width - 120; x += 3) {
        if (isBlue(x, y) && ((isBlue(x - 1, y) && isBlue(x + 1, y)) || (isBlue(x, y - 1) && isBlue(x, y + 1)))) out.push([x, y]);
      }
    }
    // Spread the candidates over the screen.
    return out.filter((_, index) => index % Math.max(1, Math.floor(out.length / 40)) === 0);
  }, png.toString('base64'));
}
