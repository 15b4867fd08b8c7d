/**
 * Live sensors journey (issue #11): a 南昌 inspector on the twin sees the sensors layer and the alarms panel marked
 * live; a device posts a gas reading over the limit (HTTP, bearer token of a sensor a 南昌 admin registered in the
 * registry); the alarm appears in the panel without a reload (server push over SSE); its sensor name flies to the
 * sensor, selects it and opens its chart with the rule's threshold lines; the chart's ranges switch. The same on a
 * 390×844 phone (panel sheet). Screenshots go to the system temp folder (`sensors-live-1440x900.png`,
 * `sensors-live-390x844.png`) for a person to look at.
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both).
 */
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);
test.describe.configure({ mode: 'serial' });

const READY_TIMEOUT_MS = 180_000;
const NAME = `端到端实时燃气 ${Date.now().toString(36)}`;
const CODE = `E2E-LIVE-${Date.now().toString(36).toUpperCase()}`;

interface Registered {
  id: string;
  token: string;
}
let registered: Registered | null = null;

interface SensorDraft {
  code: string;
  name: string;
  type: 'gas' | 'water-level';
  lon: string;
  lat: string;
}

/** A 南昌 admin registers sensors in 东湖区 through the registry page; their ids and tokens (shown once). */
async function registerSensors(browser: Browser, drafts: readonly SensorDraft[]): Promise<Registered[]> {
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signInAs(admin, e2eAccount('nanchangAdmin'), '/sensors/devices');
  const done: Registered[] = [];
  for (const draft of drafts) {
    const form = admin.getByTestId('sensor-create-form');
    await form.getByLabel('编号', { exact: true }).fill(draft.code);
    await form.getByLabel('名称', { exact: true }).fill(draft.name);
    await form.locator('select[name="type"]').selectOption(draft.type);
    await form.getByRole('combobox', { name: '辖区' }).selectOption('360102');
    await form.getByLabel('经度（°E, WGS84）').fill(draft.lon);
    await form.getByLabel('纬度（°N, WGS84）').fill(draft.lat);
    await form.getByRole('button', { name: '登记' }).click();
    const dialog = admin.getByTestId('token-dialog');
    const token = (await dialog.getByTestId('token-value').textContent())!.trim();
    await dialog.getByTestId('token-close').click();
    await expect(dialog).toBeHidden();
    const list = (await (await admin.request.get(`/api/trpc/sensors.devices.list?input=${encodeURIComponent(JSON.stringify({ json: { type: draft.type } }))}`)).json()) as {
      result: { data: { json: { id: string; code: string }[] } };
    };
    done.push({ id: list.result.data.json.find((sensor) => sensor.code === draft.code)!.id, token });
  }
  await admin.context().close();
  return done;
}

/** Posts one reading (the sensor's unit) as the device would. */
async function postReading(page: Page, sensor: Registered, value: number): Promise<number> {
  const response = await page.request.post('/api/sensors/readings', {
    headers: { authorization: `Bearer ${sensor.token}` },
    data: { readings: [{ sensorId: sensor.id, observedAt: new Date().toISOString(), value }] },
  });
  return response.status();
}

async function twinAsInspector(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signInAs(page, e2eAccount('nanchangInspector'), '/');
  await page.locator('[data-testid="twin-globe"][data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
  return page;
}

test('desktop 1440×900: an over-limit reading shows up live, its alarm flies to the sensor and opens the chart', async ({ browser }) => {
  const [gas, water] = await registerSensors(browser, [
    { code: CODE, name: NAME, type: 'gas', lon: '115.9036', lat: '28.6790' },
    { code: `${CODE}-WL`, name: `端到端雨水井水位 ${Date.now().toString(36)}`, type: 'water-level', lon: '115.9042', lat: '28.6772' },
  ]);
  registered = gas;
  const sensor = gas;
  // Water 0.3 m under the cover (level 2 of manhole-water-level): a hot spot on the heat map.
  const page = await twinAsInspector(browser, { width: 1440, height: 900 });
  expect(await postReading(page, water, 0.3)).toBe(200);

  // The sensors layer (off by default) and the heat map, switched on in the layer panel.
  const layers = page.getByTestId('layer-panel');
  await layers.locator('[data-layer-id="sensors-devices"] input[type="checkbox"]').check();
  await layers.locator('[data-layer-id="sensors-heat-water-level"] input[type="checkbox"]').check();
  await expect.poll(() => page.evaluate(() => window.__gantwin!.layerStatus().loadedIds), { timeout: 60_000 }).toContain('sensors-devices');
  await expect
    .poll(() => page.evaluate(() => window.__gantwin!.layerStatus().byLayer['sensors-heat-water-level']?.points ?? 0), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(1);

  const alarms = page.getByTestId('alarm-list');
  await expect(alarms.getByTestId('alarms-live')).toBeVisible();
  const before = await page.evaluate(() => performance.now());
  expect(await postReading(page, sensor, 32)).toBe(200);
  // No reload: the SSE event makes the panel re-read its list.
  const item = alarms.locator('li[data-alarm-id]', { hasText: NAME });
  await expect(item).toBeVisible({ timeout: 20_000 });
  const after = await page.evaluate(() => performance.now());
  console.log(`alarm visible ${Math.round(after - before)} ms after the post started`);
  await expect(item).toContainText('32');

  await item.getByRole('button', { name: NAME }).click();
  const panel = page.getByTestId('sensor-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-sensor-id', sensor.id);
  const chart = panel.getByTestId('sensor-chart');
  await expect(chart).toHaveAttribute('data-points', '1');
  // gas-lel: 10 / 20 / 35 %LEL (data/sensors/alarm-rules.ts).
  await expect(chart).toHaveAttribute('data-thresholds', '3');
  // The marker turned to the alarm colour: the layer was re-read with the sensor in state alarm-2.
  await expect(panel.getByTestId('sensor-state')).toHaveAttribute('data-state', 'alarm-2', { timeout: 20_000 });
  await expect(panel.getByTestId('sensor-state')).toHaveText('2 级告警');
  await page.waitForTimeout(2_500); // camera flight and a settled frame for the screenshot
  await page.screenshot({ path: path.join(os.tmpdir(), 'sensors-live-1440x900.png') });

  await panel.getByRole('button', { name: '7 天' }).click();
  await expect(panel.getByRole('button', { name: '7 天' })).toHaveAttribute('aria-pressed', 'true');
  await expect(chart).toHaveAttribute('data-points', '1');
  await panel.getByRole('button', { name: '自定义' }).click();
  await expect(panel.getByTestId('chart-from')).toBeVisible();
  await panel.getByTestId('chart-from').fill('2020-01-01');
  await panel.getByTestId('chart-to').fill('2020-01-02');
  await expect(chart).toHaveAttribute('data-points', '0');
  await expect(panel).toContainText('该时段内无读数');
  await page.context().close();
});

test('phone 390×844: the alarms sheet, a live alarm, and the chart sheet', async ({ browser }) => {
  test.skip(registered === null, 'needs the sensor of the desktop journey');
  const sensor = registered!;
  const page = await twinAsInspector(browser, { width: 390, height: 844 });
  await page.getByTestId('dock-toggle-sensors').click();
  const alarms = page.getByTestId('alarm-list');
  await expect(alarms).toBeVisible();
  await expect(alarms.getByTestId('alarms-live')).toBeVisible();
  // Level 3 (35 %LEL) on the same open alarm: the panel re-reads and shows the new level live (the jump from 32 also
  // opens a gas-lel-rising alarm of the same sensor).
  expect(await postReading(page, sensor, 41)).toBe(200);
  const item = alarms.locator('li[data-alarm-id]', { hasText: NAME }).filter({ has: page.locator('.gt-alarm__level--3') }).first();
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item).toContainText('41');
  await page.screenshot({ path: path.join(os.tmpdir(), 'sensors-live-390x844-alarms.png') });
  await item.getByRole('button', { name: NAME }).click();
  const panel = page.getByTestId('sensor-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('sensor-chart')).toHaveAttribute('data-points', /^[12]$/);
  await page.waitForTimeout(2_500);
  await page.screenshot({ path: path.join(os.tmpdir(), 'sensors-live-390x844.png') });
  const box = await panel.getByTestId('sensor-chart').boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await page.context().close();
});
