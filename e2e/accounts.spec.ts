/**
 * Accounts journeys: the province admin creates a planner in 南昌市 and reads its one-time password; the planner
 * signs in, is forced to change it, and sees its name in the twin header; the admin disables it, its next
 * sign-in is refused as disabled, and the audit trail lists the sign-in and create/disable rows with before → after.
 * Also: anonymous visitors of an admin page go to sign-in, and a planner gets the 403 notice.
 *
 * Needs BASE_URL (the running app) and the accounts of scripts/e2e-accounts.ts in `.gantwin/e2e/accounts.json`
 * (scripts/e2e.sh does both; `E2E_ACCOUNTS_FILE` points elsewhere when running against a dev database).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';

interface E2eAccount {
  email: string;
  password: string;
  role: string;
  regionCode: string;
}

const ACCOUNTS_FILE = process.env.E2E_ACCOUNTS_FILE ?? join(process.cwd(), '.gantwin', 'e2e', 'accounts.json');
const ACCOUNTS: Record<string, E2eAccount> | null = existsSync(ACCOUNTS_FILE) ? JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8')) : null;

test.skip(ACCOUNTS === null, `no e2e accounts at ${ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

function account(key: 'provinceAdmin' | 'nanchangPlanner'): E2eAccount {
  const found = ACCOUNTS?.[key];
  if (!found) throw new Error(`${ACCOUNTS_FILE} has no account "${key}"`);
  return found;
}

/** Longest throttle wait the journeys accept, seconds (better-auth allows 5 sign-ins per address per 60 s). */
const MAX_THROTTLE_WAIT_S = 65;

/**
 * Fills and sends the sign-in form of `/sign-in?next=<next>`. The journeys sign in 5 times, the per-address
 * limit per minute: when an earlier run left the address throttled, it waits the quoted seconds (which also
 * checks that the 429 message names them) and sends again.
 */
async function submitSignIn(page: Page, email: string, password: string, next = '/'): Promise<void> {
  await page.goto(`/sign-in?${new URLSearchParams({ next })}`);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('电子邮箱').fill(email);
  await form.getByLabel('密码').fill(password);
  for (let attempt = 0; attempt < 3; attempt++) {
    const startUrl = page.url();
    await form.getByRole('button', { name: '登录' }).click();
    const error = page.getByTestId('sign-in-error');
    await Promise.race([error.waitFor(), page.waitForURL((url) => url.toString() !== startUrl)]).catch(() => undefined);
    const text = (await error.count()) > 0 ? ((await error.textContent()) ?? '') : '';
    const throttled = /请在 (\d+) 秒后再试/.exec(text);
    if (!throttled) return;
    const waitS = Number(throttled[1]);
    expect(waitS).toBeLessThanOrEqual(MAX_THROTTLE_WAIT_S);
    await page.waitForTimeout((waitS + 1) * 1000);
  }
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test('an anonymous visitor of the admin pages is sent to sign-in with the way back', async ({ page }) => {
  await page.goto('/admin/accounts');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faccounts$/);
  await expect(page.getByRole('heading', { name: '账号登录' })).toBeVisible();
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit$/);
  await page.goto('/');
  await expect(page.getByTestId('sign-in-link')).toHaveText('登录');
});

test('a planner: wrong password message, a crafted ?next= stays on site, 403 on the admin pages', async ({ page }) => {
  const planner = account('nanchangPlanner');
  await submitSignIn(page, planner.email, `${planner.password}-wrong`);
  await expect(page.getByTestId('sign-in-error')).toHaveText('电子邮箱或密码不正确。');

  await submitSignIn(page, planner.email, planner.password, '//evil.example/steal');
  await page.waitForURL((url) => url.pathname === '/');
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').host);

  await page.goto('/admin/accounts');
  await expect(page.getByTestId('forbidden')).toContainText('无权访问（403）');
  await expect(page.getByTestId('forbidden')).toContainText('规划审查');
  await expect(page.getByTestId('accounts-table')).toHaveCount(0);
  await page.goto('/admin/audit');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});

test('admin creates a planner; it changes its one-time password; admin disables it; the audit trail shows it', async ({ page, browser }) => {
  const admin = account('provinceAdmin');
  const email = `planner-${Date.now()}@e2e.gantwin.local`;
  const name = '南昌测试审查员';
  page.on('dialog', (dialog) => void dialog.accept());

  // 1. The province admin signs in (coming back to the admin page), creates the account in 南昌市 and reads its
  //    one-time password.
  await submitSignIn(page, admin.email, admin.password, '/admin/accounts');
  await expect(page).toHaveURL(/\/admin\/accounts$/);
  await expect(page.getByTestId('account-name')).toHaveText('省厅管理员');
  const form = page.getByTestId('create-account-form');
  await form.getByLabel('电子邮箱').fill(email);
  await form.getByLabel('姓名').fill(name);
  await form.getByLabel('角色').selectOption('planner');
  await form.getByRole('combobox', { name: '行政区' }).selectOption('360100');
  await form.getByRole('button', { name: '创建账号' }).click();
  const dialog = page.getByTestId('otp-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('仅显示这一次');
  await expect(dialog).toContainText(email);
  const oneTimePassword = (await dialog.getByTestId('otp-value').textContent())?.trim() ?? '';
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
  await dialog.getByTestId('otp-close').click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator(`tr[data-email="${email}"]`);
  await expect(row.getByTestId('account-status')).toHaveText('待改初始密码');
  await expect(row.getByRole('combobox', { name: `行政区 ${email}` })).toHaveValue('360100');

  // The same e-mail again is refused with the server's reason.
  await form.getByLabel('电子邮箱').fill(email);
  await form.getByLabel('姓名').fill(name);
  await form.getByRole('combobox', { name: '行政区' }).selectOption('360100');
  await form.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByTestId('create-error')).toContainText('该电子邮箱已有账号');

  // 2. The planner signs in with it in another browser, must change it first, then sees its name.
  const plannerPage = await newPage(browser);
  await submitSignIn(plannerPage, email, oneTimePassword);
  await expect(plannerPage).toHaveURL(/\/account\/password/);
  await expect(plannerPage.getByTestId('must-change-password')).toBeVisible();
  const newPassword = `Nc-${Date.now()}-pw`;
  const passwordForm = plannerPage.getByTestId('password-form');
  await passwordForm.getByLabel('当前密码').fill(oneTimePassword);
  await passwordForm.getByLabel('新密码', { exact: true }).fill(newPassword);
  await passwordForm.getByLabel('再次输入新密码').fill(`${newPassword}x`);
  await passwordForm.getByRole('button', { name: '修改密码' }).click();
  await expect(plannerPage.getByTestId('password-error')).toHaveText('两次输入的新密码不一致。');
  await passwordForm.getByLabel('再次输入新密码').fill(newPassword);
  await passwordForm.getByRole('button', { name: '修改密码' }).click();
  await plannerPage.waitForURL((url) => url.pathname === '/');
  await expect(plannerPage.getByTestId('account-name')).toHaveText(name);
  await plannerPage.getByTestId('account-menu').locator('summary').click();
  await expect(plannerPage.getByTestId('account-menu')).toContainText('南昌市');
  await expect(plannerPage.getByTestId('menu-admin-accounts')).toHaveCount(0);

  // 3. The admin disables it; a new sign-in is refused as disabled.
  await page.reload();
  await expect(row.getByTestId('account-status')).toHaveText('正常');
  await row.getByRole('button', { name: '停用' }).click();
  await expect(row.getByTestId('account-status')).toHaveText('已停用');
  await plannerPage.context().clearCookies();
  await submitSignIn(plannerPage, email, newPassword);
  await expect(plannerPage.getByTestId('sign-in-error')).toHaveText('该账号已被停用，请联系本级系统管理员。');
  await plannerPage.context().close();

  // 4. The audit trail lists create, change-password and disable of that account with before → after.
  const listResponse = await page.request.get(`/api/trpc/accounts.users.list?input=${encodeURIComponent(JSON.stringify({ json: { q: email } }))}`);
  expect(listResponse.ok()).toBe(true);
  const listed = (await listResponse.json()) as { result: { data: { json: { id: string; email: string }[] } } };
  const userId = listed.result.data.json.find((user) => user.email === email)?.id ?? '';
  expect(userId).not.toBe('');

  await page.getByRole('navigation', { name: '后台管理' }).getByRole('link', { name: '审计日志' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  const filter = page.getByTestId('audit-filter');
  await filter.getByLabel('记录编号').fill(userId);
  await filter.getByRole('button', { name: '查询' }).click();
  const rows = page.getByTestId('audit-table').locator(`tbody tr[data-record-id="${userId}"]`);
  // Every row of the account, its sign-ins (table accounts_sessions) included; then only the account record.
  await expect(page.getByTestId('audit-table').locator(`tbody tr[data-record-id="${userId}"][data-action="sign-in"]`).first()).toBeVisible();
  await filter.getByLabel('数据表').fill('accounts_users');
  await filter.getByRole('button', { name: '查询' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-action', 'disable');
  await expect(rows.nth(1)).toHaveAttribute('data-action', 'change-password');
  await expect(rows.nth(2)).toHaveAttribute('data-action', 'create');
  await expect(rows.nth(0)).toContainText(admin.email);
  await expect(rows.nth(0).getByTestId('audit-changes')).toContainText('disabled: false → true');
  const created = rows.nth(2).getByTestId('audit-changes');
  await expect(created).toContainText(`email: — → "${email}"`);
  await expect(created).toContainText('role: — → "planner"');
  await expect(created).toContainText('regionCode: — → "360100"');
  await expect(rows.nth(2)).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);

  // Filtering by action keeps only that action.
  await filter.getByLabel('操作').selectOption('disable');
  await filter.getByRole('button', { name: '查询' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'disable');
});
