/**
 * Lifelines journey (城市生命线, issue #11): a 南昌 inspector opens the water pipe next to the Honggutan demo residence,
 * runs 关阀分析 and sees the valves to close and the residence among the affected buildings (also drawn on the
 * globe); hovering a water main shows its diameter and cover; underground mode turns the ground translucent and
 * back; a small GeoJSON imports into the inspector's region, and a file with a feature outside it is refused with the
 * reason. Screenshots at 1440 × 900 and 390 × 844 go to the test's folder under test-results/ (lifelines-*.png).
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both) and the seeded demo network.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';
import { waitForNetworkBuilds } from './network-tiles';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

const READY_TIMEOUT_MS = 240_000;
/** The Honggutan demo residence (a test sample model converted by scripts/e2e.sh), centre of its footprint. */
const RESIDENCE = { name: '南昌红谷滩示范住宅 1# 楼', lonDeg: 115.85308, latDeg: 28.69325 };
const WATER_LAYER = 'lifelines-water-pipes';

interface PipeFeature {
  id: string;
  geometry: { coordinates: number[][] };
  properties: { code: string; diameterMm: number };
}

async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Metres from a lon/lat point to a polyline (equirectangular, fine over a few hundred metres). */
function distanceToLineM(point: { lonDeg: number; latDeg: number }, line: number[][]): number {
  const mx = 111_320 * Math.cos((point.latDeg * Math.PI) / 180);
  const my = 110_574;
  const xy = line.map(([lon, lat]) => [(lon - point.lonDeg) * mx, (lat - point.latDeg) * my]);
  let best = Infinity;
  for (let i = 1; i < xy.length; i++) {
    const [ax, ay] = xy[i - 1];
    const [bx, by] = xy[i];
    const lengthSq = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / lengthSq));
    best = Math.min(best, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
  }
  return best;
}

const globeReady = (page: Page) => page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });

test('an inspector isolates a water pipe (valves, affected buildings), hovers a main, goes underground and imports a GeoJSON', async ({ browser }) => {
  test.setTimeout(900_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, e2eAccount('nanchangInspector'), '/');

  // The water pipe nearest the residence (the demo network runs along the street beside it).
  const bbox = [RESIDENCE.lonDeg - 0.004, RESIDENCE.latDeg - 0.004, RESIDENCE.lonDeg + 0.004, RESIDENCE.latDeg + 0.004];
  const { features } = await trpcQuery<{ features: PipeFeature[] }>(page, 'lifelines.pipes.inBbox', { bbox, networks: ['water'], limit: 5000 });
  const pipe = features.map((f) => ({ f, d: distanceToLineM(RESIDENCE, f.geometry.coordinates) })).sort((a, b) => a.d - b.d)[0];
  expect(pipe.d, `nearest water pipe ${pipe.f.properties.code}`).toBeLessThan(30);

  // A pick is a selection in the URL: the pipe panel opens on it.
  const cam = [RESIDENCE.lonDeg, RESIDENCE.latDeg - 0.0032, 420, 0, -50, 0].map((v) => v.toFixed(7)).join(',');
  await page.goto(`/?cam=${cam}&sel=${encodeURIComponent(`lifelines:${WATER_LAYER}:${pipe.f.id}`)}`);
  const panel = page.getByTestId('pipe-panel');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel.locator('[data-row="code"]')).toContainText(pipe.f.properties.code);
  await panel.getByTestId('pipe-isolate').click();
  const isolation = panel.getByTestId('pipe-isolation');
  await expect(isolation).toBeVisible({ timeout: 60_000 });
  expect(await isolation.locator('[data-valve-id]').count()).toBeGreaterThan(0);
  await expect(isolation.getByRole('heading', { name: /^受影响建筑（\d+）$/ })).toBeVisible();
  await expect(panel.getByTestId('pipe-isolation-buildings')).toContainText(RESIDENCE.name);

  // The answer is drawn: the buildings' outlines and the valve markers are overlay layers of the globe.
  await globeReady(page);
  const overlays = await page.evaluate(() => window.__gantwin!.layerStatus().byLayer);
  expect(overlays['overlay-lifelines-isolation-buildings']?.polylineCount).toBeGreaterThan(0);
  expect(overlays['overlay-lifelines-isolation-valves']).toBeDefined();

  // Underground mode on (the ground turns translucent) and off, with screenshots of the answer.
  const underground = page.getByTestId('underground-toggle');
  await underground.click();
  await expect(underground).toHaveAttribute('aria-pressed', 'true');
  await expect(underground).toHaveAttribute('data-translucent', 'true');
  await globeReady(page);
  await page.screenshot({ path: test.info().outputPath('lifelines-isolation-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('lifelines-isolation-390.png') });
  await panel.getByTestId('pipe-isolation-buildings').scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('pipe-isolation-buildings')).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('lifelines-isolation-buildings-390.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await underground.click();
  await expect(underground).toHaveAttribute('aria-pressed', 'false');
  await expect(underground).toHaveAttribute('data-translucent', 'false');

  // Hover a water main (DN ≥ 400: the layer's mains) seen from 120 m above, underground: diameter and cover by the cursor.
  const [main] = features
    .filter((f) => f.properties.diameterMm >= 400)
    .map((f) => ({ f, d: distanceToLineM(RESIDENCE, f.geometry.coordinates) }))
    .sort((x, y) => x.d - y.d);
  expect(main, 'a water main near the residence').toBeDefined();
  const [a, b] = main.f.geometry.coordinates;
  const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
  await waitForNetworkBuilds(page, 'water', 6, READY_TIMEOUT_MS);
  await page.goto(`/?cam=${[mid[0], mid[1], 120, 0, -89.9, 0].map((v) => v.toFixed(7)).join(',')}`);
  await page.locator(`[data-layer-id="${WATER_LAYER}"] input[type="checkbox"]`).check();
  await page.getByTestId('underground-toggle').click();
  await expect(page.getByTestId('underground-toggle')).toHaveAttribute('data-translucent', 'true', { timeout: 60_000 });
  await expect.poll(() => page.evaluate((id) => window.__gantwin?.layerStatus().loadedIds.includes(id) ?? false, WATER_LAYER), { timeout: READY_TIMEOUT_MS }).toBe(true);
  await globeReady(page);
  const spot = await page.evaluate(([lon, lat, height]) => {
    const centre = window.__gantwinMeasure!.screenOf(lon, lat, height);
    if (!centre) return null;
    for (let r = 0; r <= 8; r += 2) {
      for (let dx = -r; dx <= r; dx += 2) {
        for (let dy = -r; dy <= r; dy += 2) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const hit = window.__gantwin!.pickAt(centre.x + dx, centre.y + dy, ['external-tileset']);
          if (hit) return { pageX: centre.pageX + dx, pageY: centre.pageY + dy, featureId: hit.featureId };
        }
      }
    }
    return null;
  }, mid);
  expect(spot, `the main ${main.f.properties.code} is pickable on screen`).not.toBeNull();
  await page.mouse.move(spot!.pageX, spot!.pageY);
  await expect(page.getByTestId('globe-tip-figures')).toHaveText(/^管径 DN\d+ · 覆土 \d+\.\d{2}(–\d+\.\d{2})? 米$/, { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('lifelines-hover-1440.png') });

  // Import: two segments in 南昌 (open ground east of Honggutan) join at one new junction.
  const tag = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const file = (features: unknown[]) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  const segment = (code: string, coordinates: number[][]) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { GXBH: code, GJ: 200, CZ: 'PE', MS: 1.1 } });
  await page.goto('/lifelines/import');
  await expect(page.getByRole('heading', { name: '管网数据导入' })).toBeVisible();
  const form = page.getByTestId('lifelines-import-form');
  await form.getByTestId('lifelines-import-crs').selectOption('4326');
  await form.getByTestId('lifelines-import-network').selectOption('water');
  await form.getByTestId('lifelines-import-file').setInputFiles({
    name: 'e2e-pipes.geojson',
    mimeType: 'application/geo+json',
    buffer: file([segment(`${tag}-1`, [[115.872, 28.701], [115.873, 28.701]]), segment(`${tag}-2`, [[115.873, 28.701], [115.873, 28.702]])]),
  });
  await form.getByTestId('lifelines-import-submit').click();
  const report = page.getByTestId('lifelines-import-report');
  await expect(report).toHaveAttribute('data-committed', 'true', { timeout: 60_000 });
  await expect(report).toContainText('已导入：管段 2 段，管点 0 个，新建连接点 3 个');
  await page.screenshot({ path: test.info().outputPath('lifelines-import-1440.png'), fullPage: true });

  // A feature outside 南昌 (九江): nothing is imported, the reason is listed.
  await form.getByTestId('lifelines-import-file').setInputFiles({
    name: 'e2e-outside.geojson',
    mimeType: 'application/geo+json',
    buffer: file([segment(`${tag}-3`, [[115.874, 28.701], [115.875, 28.701]]), segment(`${tag}-4`, [[116.0, 29.7], [116.001, 29.7]])]),
  });
  await form.getByTestId('lifelines-import-submit').click();
  await expect(report).toHaveAttribute('data-committed', 'false', { timeout: 60_000 });
  await expect(report).toContainText('未导入任何数据：1 个要素被拒绝');
  await expect(report.locator('tbody tr')).toHaveText([/^1\s*E2E-.*-4\s*lies \(partly\) outside your region 360100$/]);
  await page.setViewportSize({ width: 390, height: 844 });
  await report.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('lifelines-import-390.png') });
  await context.close();
});
