/**
 * Sensor registry journey (物联设备台账): a 南昌 admin registers a gas sensor, gets its token once, a reading posted
 * with that token is stored and shows as the sensor's last reading; a new token makes the old one useless; retiring
 * the sensor revokes its token (ingest answers 401). A 南昌 inspector reads the registry without any admin control.
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

async function registryAs(browser: Browser, key: 'nanchangAdmin' | 'nanchangInspector'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signInAs(page, e2eAccount(key), '/sensors/devices');
  await expect(page.getByRole('heading', { name: '物联设备台账' })).toBeVisible();
  return page;
}

/** Posts one reading with `token`; returns the HTTP status. */
async function postReading(page: Page, token: string, sensorId: string, value: number): Promise<number> {
  const response = await page.request.post('/api/sensors/readings', {
    headers: { authorization: `Bearer ${token}` },
    data: { readings: [{ sensorId, observedAt: new Date().toISOString(), value }] },
  });
  return response.status();
}

/** Closes the token dialog and returns the token it showed. */
async function takeToken(page: Page): Promise<string> {
  const dialog = page.getByTestId('token-dialog');
  await expect(dialog).toBeVisible();
  const token = (await dialog.getByTestId('token-value').textContent())!.trim();
  await dialog.getByTestId('token-close').click();
  await expect(dialog).toBeHidden();
  return token;
}

const code = `E2E-GAS-${Date.now().toString(36).toUpperCase()}`;

test('an admin registers a sensor, its token writes a reading, a new token retires the old one, retiring revokes its token', async ({ browser }) => {
  const admin = await registryAs(browser, 'nanchangAdmin');
  await expect(admin.locator('tr[data-sensor-code^="DEMO-NC-"]').first()).toBeVisible();

  const form = admin.getByTestId('sensor-create-form');
  await form.getByLabel('编号', { exact: true }).fill(code);
  await form.getByLabel('名称', { exact: true }).fill('端到端燃气探测器');
  await form.getByRole('combobox', { name: '辖区' }).selectOption('360102');
  await form.getByLabel('经度（°E, WGS84）').fill('115.905');
  await form.getByLabel('纬度（°N, WGS84）').fill('28.682');
  await form.getByRole('button', { name: '登记' }).click();
  const firstToken = await takeToken(admin);
  expect(firstToken).toMatch(/^gts_/);

  const row = admin.locator(`tr[data-sensor-code="${code}"]`);
  await expect(row).toContainText('尚未上报');
  const sensors = (await (await admin.request.get(`/api/trpc/sensors.devices.list?input=${encodeURIComponent(JSON.stringify({ json: { type: 'gas' } }))}`)).json()) as { result: { data: { json: { id: string; code: string }[] } } };
  const sensorId = sensors.result.data.json.find((sensor) => sensor.code === code)!.id;

  expect(await postReading(admin, firstToken, sensorId, 3.5)).toBe(200);
  await admin.reload();
  await expect(row).toContainText('3.5');

  await row.getByRole('button', { name: '重签令牌' }).click();
  const secondToken = await takeToken(admin);
  expect(secondToken).not.toBe(firstToken);
  expect(await postReading(admin, firstToken, sensorId, 4)).toBe(401);
  expect(await postReading(admin, secondToken, sensorId, 4)).toBe(200);

  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: '停用' }).click();
  await expect(row).toContainText('已停用');
  // Retiring revokes the sensor's own token (server/sensors/devices-service.ts): unknown from now on.
  expect(await postReading(admin, secondToken, sensorId, 4.5)).toBe(401);
});

test('an inspector reads the registry without admin controls', async ({ browser }) => {
  const inspector = await registryAs(browser, 'nanchangInspector');
  await expect(inspector.getByTestId('registry-read-only')).toBeVisible();
  await expect(inspector.getByTestId('sensor-table')).toBeVisible();
  await expect(inspector.getByTestId('sensor-create-form')).toHaveCount(0);
  await expect(inspector.getByRole('button', { name: '重签令牌' })).toHaveCount(0);
});
