/**
 * Journey: a signed-in city account opens the twin on its city (九江市 for the Jiujiang planner) instead of the
 * province; an explicit `cam=` in the URL still wins; anonymous visitors keep the Jiangxi overview.
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts in `.gantwin/e2e/accounts.json` (scripts/e2e.sh).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const ACCOUNTS_FILE = process.env.E2E_ACCOUNTS_FILE ?? join(process.cwd(), '.gantwin', 'e2e', 'accounts.json');
const ACCOUNTS: Record<string, { email: string; password: string }> | null = existsSync(ACCOUNTS_FILE)
  ? JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8'))
  : null;

test.skip(ACCOUNTS === null, `no e2e accounts at ${ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

/** The camera once the globe has started (the test hook exists); no need to wait for every tile. */
async function startCamera(page: Page): Promise<{ lonDeg: number; latDeg: number; heightEllipsoidalM: number }> {
  await page.waitForFunction(() => window.__gantwin !== undefined, null, { timeout: 180_000 });
  return page.evaluate(() => window.__gantwin!.camera());
}

test('the Jiujiang planner lands on 九江市; cam= wins; anonymous visitors see the province', async ({ page, browser }) => {
  await page.goto('/');
  const anonymous = await startCamera(page);
  expect(anonymous.latDeg).toBeCloseTo(27.3, 1);
  expect(anonymous.heightEllipsoidalM).toBeGreaterThan(1_000_000);

  const planner = ACCOUNTS!.jiujiangPlanner;
  const context = await browser.newContext();
  const signedIn = await context.newPage();
  await signedIn.goto('/sign-in?next=%2F');
  const form = signedIn.getByTestId('sign-in-form');
  await form.getByLabel('电子邮箱').fill(planner.email);
  await form.getByLabel('密码').fill(planner.password);
  await form.getByRole('button', { name: '登录' }).click();
  await signedIn.waitForURL((url) => url.pathname === '/');
  const home = await startCamera(signedIn);
  // 九江市 spans ≈ 113.9–116.9° E, 28.7–30.1° N: the camera is straight above it, at city (not province) height.
  expect(home.lonDeg).toBeGreaterThan(113.9);
  expect(home.lonDeg).toBeLessThan(116.9);
  expect(home.latDeg).toBeGreaterThan(28.6);
  expect(home.latDeg).toBeLessThan(30.2);
  expect(home.heightEllipsoidalM).toBeLessThan(400_000);

  await signedIn.goto('/?cam=115.9,27.3,1250000,0,-90,0');
  const explicit = await startCamera(signedIn);
  expect(explicit.latDeg).toBeCloseTo(27.3, 3);
  await context.close();
});
