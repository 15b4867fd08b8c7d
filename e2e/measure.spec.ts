/**
 * Measuring tools in the twin (`/`, issue #10): on a top-down view of open ground east of the Honggutan parcels,
 * clicks at the screen positions of known lon/lat points measure a 100 m + 50 m polyline and a 100 m × 50 m
 * rectangle; the panel shows 150 m and 5 000 m² within what a pixel of clicking can shift; Esc cancels, and clicks
 * while measuring do not select. Screen positions come from `window.__gantwinMeasure.screenOf`.
 *
 * Needs the app running with a seeded database (scripts/e2e.sh).
 */
import { expect, test, type Page } from '@playwright/test';

const READY_TIMEOUT_MS = 180_000;

/** Open ground ≈ 1.5 km east of the demo parcels (no model there). */
const ORIGIN = { lonDeg: 115.87, latDeg: 28.7 };
/*
 * Hand-computed at 28.7°N on WGS84 (viewer/core/measure-geometry.test.ts): 100 m east = 0.00102334324° of
 * longitude, 50 m north = 0.000451138004° of latitude.
 */
const DLON_100M = 0.00102334324;
const DLAT_50M = 0.000451138004;
/** Camera 220 m straight above the middle of the rectangle: ≈ 0.18 m per CSS px at 1280 px wide. */
const CAM = [ORIGIN.lonDeg + DLON_100M / 2, ORIGIN.latDeg + DLAT_50M / 2, 220, 0, -90, 0].map((v) => v.toFixed(7)).join(',');

/** A click lands on a whole CSS pixel: ±0.5 px × 0.18 m/px per coordinate, a little over 0.1 m per point. */
const LENGTH_TOLERANCE_M = 0.5;
const AREA_TOLERANCE_M2 = 50; // 1 %: 0.25 m across 100 m and 50 m sides in the worst case gives ≈ 40 m²

/** The number in a shown figure (`150.02 m`, `1.2346 ha`), converted to metres / square metres. */
function valueOf(text: string): number {
  const match = /(-?[\d.]+)\s*(km²|km|m²|m|ha)$/.exec(text.trim());
  expect(match, `a measured figure: "${text}"`).not.toBeNull();
  const value = Number(match![1]);
  const factor: Record<string, number> = { m: 1, km: 1_000, 'm²': 1, ha: 10_000, 'km²': 1_000_000 };
  return value * factor[match![2]];
}

async function shown(page: Page, testId: string): Promise<number> {
  return valueOf((await page.getByTestId(testId).textContent()) ?? '');
}

/** Clicks the screen position of lon/lat on the ground (`double`: a double click). */
async function clickAt(page: Page, lonDeg: number, latDeg: number, double = false): Promise<void> {
  const at = await page.evaluate(([lon, lat]) => window.__gantwinMeasure!.screenOf(lon, lat, 0), [lonDeg, latDeg]);
  expect(at, `${lonDeg}, ${latDeg} on screen`).not.toBeNull();
  if (double) await page.mouse.dblclick(at!.pageX, at!.pageY);
  else await page.mouse.click(at!.pageX, at!.pageY);
}

const pointCount = (page: Page) => page.evaluate(() => window.__gantwinMeasure!.snapshot().session?.pointsEcef.length ?? 0);

test('measure: a 150 m polyline and a 5 000 m² rectangle on the ground; Esc cancels; no selecting meanwhile', async ({ page }) => {
  await page.goto(`/?cam=${CAM}`);
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
  await expect.poll(() => page.evaluate(() => Boolean(window.__gantwinMeasure)), { timeout: 30_000 }).toBe(true);

  // Distance: 100 m east, then 50 m north; a double click on the last point finishes.
  const distance = page.getByTestId('measure-tool-distance');
  await distance.click();
  await expect(distance).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('measure-panel')).toBeVisible();
  await clickAt(page, ORIGIN.lonDeg, ORIGIN.latDeg);
  await clickAt(page, ORIGIN.lonDeg + DLON_100M, ORIGIN.latDeg);
  await expect.poll(() => pointCount(page)).toBe(2);
  await clickAt(page, ORIGIN.lonDeg + DLON_100M, ORIGIN.latDeg + DLAT_50M, true);
  await expect(page.getByTestId('measure-panel')).toContainText('已完成');
  expect(await pointCount(page), 'the double click adds one point, not two').toBe(3);
  expect(Math.abs((await shown(page, 'measure-total-3d')) - 150)).toBeLessThan(LENGTH_TOLERANCE_M);
  expect(Math.abs((await shown(page, 'measure-total-horizontal')) - 150)).toBeLessThan(LENGTH_TOLERANCE_M);
  expect(Math.abs((await shown(page, 'measure-segment-1')) - 100)).toBeLessThan(LENGTH_TOLERANCE_M);
  // The clicks measured and did not select (open ground has no feature, but the twin's handler still ran).
  expect(await page.evaluate(() => window.__gantwin!.lastSelection)).toBeNull();

  // Undo reopens the polyline with two points (Backspace); Enter finishes it again at 100 m.
  await page.keyboard.press('Backspace');
  await expect.poll(() => pointCount(page)).toBe(2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('measure-panel')).toContainText('已完成');
  expect(Math.abs((await shown(page, 'measure-total-3d')) - 100)).toBeLessThan(LENGTH_TOLERANCE_M);

  // Area: the 100 m × 50 m rectangle, finished with the button.
  await page.getByTestId('measure-tool-area').click();
  await expect(page.getByTestId('measure-tool-area')).toHaveAttribute('aria-pressed', 'true');
  await expect(distance).toHaveAttribute('aria-pressed', 'false');
  const corners: [number, number][] = [
    [ORIGIN.lonDeg, ORIGIN.latDeg],
    [ORIGIN.lonDeg + DLON_100M, ORIGIN.latDeg],
    [ORIGIN.lonDeg + DLON_100M, ORIGIN.latDeg + DLAT_50M],
    [ORIGIN.lonDeg, ORIGIN.latDeg + DLAT_50M],
  ];
  for (const [lon, lat] of corners) {
    await clickAt(page, lon, lat);
    // Let the click's pick finish before the next (SwiftShader renders slowly); also avoids a double click.
    await page.waitForTimeout(700);
  }
  await expect.poll(() => pointCount(page)).toBe(4);
  await page.getByTestId('measure-finish').click();
  expect(Math.abs((await shown(page, 'measure-area')) - 5_000)).toBeLessThan(AREA_TOLERANCE_M2);
  expect(Math.abs((await shown(page, 'measure-perimeter')) - 300)).toBeLessThan(4 * LENGTH_TOLERANCE_M);
  await expect(page.getByTestId('measure-area')).toHaveText(/^\d{4}\.\d m²$/);

  // Esc cancels: no tool, no panel, no drawing; the next click selects as usual again.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('measure-panel')).toBeHidden();
  await expect(page.getByTestId('measure-tool-area')).toHaveAttribute('aria-pressed', 'false');
  expect(await page.evaluate(() => window.__gantwinMeasure!.snapshot().tool)).toBeNull();
});
