/**
 * Journey: IFC text is input, never markup (issue #3). The e2e set-up converts `data/fixtures/hostile-text.ifc`
 * (one wall whose Name and `Pset_GanTwinHostileText` values are `<img src=x onerror=alert(1)>` and a
 * `<script>`), internal to 南昌市. A 南昌 planner opens it in the BIM inspection view with the wall selected:
 * the property panel and the spatial tree show the HTML as literal text, no element is created from it, no
 * dialog opens and no script runs. Anonymous visitors do not get the model at all.
 *
 * Needs BASE_URL and `.gantwin/e2e/accounts.json` (scripts/e2e.sh writes both).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { HOSTILE_HTML, HOSTILE_WALL_GLOBAL_ID } from '../data/fixtures/e2e-models';

interface E2eAccount {
  email: string;
  password: string;
}

const accounts = JSON.parse(readFileSync('.gantwin/e2e/accounts.json', 'utf8')) as Record<string, E2eAccount>;

/** Signs the request context (and so its browser context) in; better-auth sets the session cookie. */
async function signIn(request: APIRequestContext, baseURL: string, account: E2eAccount): Promise<void> {
  const response = await request.post('/api/auth/sign-in/email', { data: { email: account.email, password: account.password }, headers: { origin: baseURL } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Id of the hostile-text model as the signed-in (or anonymous) caller sees the model list. */
async function hostileModelId(request: APIRequestContext): Promise<string | null> {
  const response = await request.get('/api/trpc/twin.models.list');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: { json: { id: string; fileName: string }[] } } };
  return body.result.data.json.find((m) => m.fileName === 'hostile-text.ifc')?.id ?? null;
}

test.describe('IFC text shown as text', () => {
  test.setTimeout(5 * 60_000);

  test('a 南昌 planner sees the hostile wall’s HTML as literal text in the property panel and tree', async ({ page, baseURL }) => {
    await signIn(page.request, baseURL ?? '', accounts.nanchangPlanner);
    const modelId = await hostileModelId(page.request);
    expect(modelId, 'hostile-text.ifc converted by scripts/e2e.sh and visible to 南昌').not.toBeNull();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });

    await page.goto(`/models/${modelId}?sel=${HOSTILE_WALL_GLOBAL_ID}`);
    const panel = page.getByTestId('property-panel');
    await expect(panel).toContainText(HOSTILE_WALL_GLOBAL_ID, { timeout: 120_000 });
    await expect(panel).toContainText('Pset_GanTwinHostileText');
    await expect(panel).toContainText(HOSTILE_HTML);
    await expect(panel).toContainText('<script>window.__xss=1</script>');
    await expect(panel.locator('img, script')).toHaveCount(0);
    await expect(page.getByTestId('spatial-tree')).toContainText(HOSTILE_HTML);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('an anonymous visitor does not get the internal model (list, page, tiles)', async ({ page, browser, baseURL }) => {
    await signIn(page.request, baseURL ?? '', accounts.nanchangPlanner);
    const modelId = await hostileModelId(page.request);
    const anonymous = await browser.newContext({ baseURL });
    expect(await hostileModelId(anonymous.request)).toBeNull();
    expect((await anonymous.request.get(`/tiles/${modelId}/tileset.json`)).status()).toBe(404);
    const jiujiang = await browser.newContext({ baseURL });
    await signIn(jiujiang.request, baseURL ?? '', accounts.jiujiangPlanner);
    expect(await hostileModelId(jiujiang.request)).toBeNull();
    expect((await jiujiang.request.get(`/tiles/${modelId}/tileset.json`)).status()).toBe(404);
    await anonymous.close();
    await jiujiang.close();
  });
});
