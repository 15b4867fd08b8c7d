/**
 * Parcels journey (地块与规划条件): a 南昌 planner changes the height limit of demo parcel HGT-A-01, draws a new parcel
 * with 4 clicks on the globe, closes the ring and saves it with its edges' setbacks; a 南昌 applicant then sees both
 * parcels and their conditions read-only (no inputs, no save, no new-parcel button).
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

/** Signs `key` in through the form and lands on the parcels page. */
async function signedInPage(browser: Browser, key: 'nanchangPlanner' | 'nanchangApplicant'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
  await signInAs(page, e2eAccount(key), '/review/parcels');
  await expect(page.getByRole('heading', { name: '地块与规划条件' })).toBeVisible();
  return page;
}

const code = `E2E-${Date.now().toString(36).toUpperCase()}`;

test('a planner edits a demo parcel and draws a new one; an applicant reads them', async ({ browser }) => {
  const planner = await signedInPage(browser, 'nanchangPlanner');
  const row = planner.locator('tr[data-code="HGT-A-01"]');
  await expect(row.getByText('示例数据')).toBeVisible();
  await row.getByRole('button', { name: 'HGT-A-01' }).click();
  const form = planner.getByRole('form', { name: '编辑地块 HGT-A-01' });
  await expect(form.getByText('边 4')).toBeVisible();
  await form.getByLabel('限高 (m)').fill('60');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('已保存地块 HGT-A-01。')).toBeVisible();
  await expect(row).toContainText('限高 60 m');

  // A new parcel: 4 clicks on the globe around the map's centre (top-down over HGT-A-01's neighbourhood), then close.
  const map = planner.locator('.gt-parcel-map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await planner.getByRole('button', { name: '新建地块' }).click();
  const box = (await map.boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const offsets = [[-90, 60], [90, 60], [90, -60], [-90, -60]];
  for (const [index, [dx, dy]] of offsets.entries()) {
    await planner.mouse.click(cx + dx, cy + dy);
    await expect(map).toHaveAttribute('data-corners', String(index + 1));
  }
  await planner.getByRole('button', { name: '闭合边界' }).click();
  await expect(map).toHaveAttribute('data-closed', 'true');
  const newForm = planner.getByRole('form', { name: '新建地块' });
  await expect(newForm.locator('[data-edge]')).toHaveCount(4);
  await newForm.getByLabel('地块编号').fill(code);
  await newForm.getByLabel('地块名称').fill('端到端测试地块');
  await newForm.getByLabel('限高 (m)').fill('45');
  await newForm.getByLabel('边 1', { exact: true }).selectOption('road-red-line');
  await newForm.getByLabel('边 1 退线距离 (m)').fill('12');
  await newForm.getByRole('button', { name: '保存' }).click();
  await expect(planner.getByText(`已保存地块 ${code}。`)).toBeVisible();
  await expect(planner.locator(`tr[data-code="${code}"]`)).toContainText('限高 45 m');
  await expect(planner.getByText(/面积 [\d,]+ m²/)).toBeVisible();

  const applicant = await signedInPage(browser, 'nanchangApplicant');
  await expect(applicant.getByText('只读：仅规划审查人员和系统管理员可修改地块。')).toBeVisible();
  await expect(applicant.getByRole('button', { name: '新建地块' })).toHaveCount(0);
  await applicant.locator(`tr[data-code="${code}"]`).getByRole('button', { name: code }).click();
  const view = applicant.getByRole('form', { name: `地块 ${code}` });
  await expect(view.getByText('道路红线 · 12 m')).toBeVisible();
  await expect(view.getByText('45', { exact: true })).toBeVisible();
  await expect(view.getByRole('textbox')).toHaveCount(0);
  await expect(view.getByRole('button', { name: '保存' })).toHaveCount(0);
  await expect(applicant.locator('tr[data-code="HGT-A-01"]')).toContainText('限高 60 m');
});
