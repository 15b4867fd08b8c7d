/**
 * BIM submission review (issue #10), end to end in Chromium: a 南昌 applicant uploads the Nanchang residential
 * sample for the demo parcel HGT-A-01 (tus upload with a progress bar); the worker converts and checks it; the 南昌
 * planner opens it in the review workspace (model on its parcel, checks with verdicts), returns it with a comment;
 * the applicant sees the outcome and resubmits the same project; version 2 is approved and the applicant sees it.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

/** The sample IFC (read from the shared data, as the app does). */
const SAMPLE = join(process.env.SHARED_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data'), 'ifc', 'nanchang-residential-sample.ifc');
const PROJECT = `红谷滩示范住宅 ${Date.now().toString(36)}`;
const CONVERSION_TIMEOUT_MS = 180_000;

/** Uploads the sample as the applicant and returns the new submission's id (`prefilled`: the form is already open). */
async function submitSample(page: Page, { prefilled = false } = {}): Promise<string> {
  if (!prefilled) await page.goto('/review');
  const form = page.getByTestId('review-upload-form');
  const parcel = form.locator('select[name="parcelId"]');
  const demo = parcel.locator('option', { hasText: 'HGT-A-01' });
  await expect(demo).toHaveCount(1);
  if (prefilled) {
    await expect(parcel).toHaveValue((await demo.getAttribute('value'))!);
  } else {
    await form.locator('input[name="projectName"]').fill(PROJECT);
    await parcel.selectOption((await demo.getAttribute('value'))!);
  }
  await form.locator('input[type="file"]').setInputFiles(SAMPLE);
  await form.getByRole('button', { name: '上传并提交' }).click();
  const done = form.getByRole('status');
  await expect(done).toContainText(PROJECT, { timeout: 60_000 });
  const href = await done.locator('a').getAttribute('href');
  return href!.split('/').pop()!;
}

/** Waits until the submission's row in the list shows `status`. */
async function waitForRowStatus(page: Page, id: string, status: string): Promise<void> {
  await page.goto('/review');
  await expect(page.locator(`tr[data-submission-id="${id}"]`)).toHaveAttribute('data-status', status, { timeout: CONVERSION_TIMEOUT_MS });
}

test('applicant uploads → planner reviews in the twin and returns → applicant resubmits → version 2 approved', async ({ browser }) => {
  test.setTimeout(600_000);
  const applicant = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const planner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAs(applicant, e2eAccount('nanchangApplicant'), '/review');
  await signInAs(planner, e2eAccount('nanchangPlanner'), '/review');

  // 1. The applicant submits version 1; the list shows it moving to 待审查 (converted and checked by the worker).
  const v1 = await submitSample(applicant);
  await waitForRowStatus(applicant, v1, 'pending-review');
  await expect(applicant.locator(`tr[data-submission-id="${v1}"]`)).toContainText('V1');

  // 2. The planner opens it: the model on its parcel, the indicators and the checks with their verdicts.
  await planner.goto('/review');
  await planner.locator(`tr[data-submission-id="${v1}"]`).getByRole('link').click();
  await expect(planner.getByTestId('review-status')).toHaveText('待审查');
  const checks = planner.getByTestId('review-checks');
  await expect(checks.locator('li[data-rule="height-limit"]')).toHaveAttribute('data-verdict', 'pass');
  await expect(checks.locator('li[data-rule="inside-parcel"]')).toHaveAttribute('data-verdict', 'pass');
  // One building of an estate on a 6 300 m² parcel: FAR ≈ 0.33, under the minimum 1.0.
  await expect(checks.locator('li[data-rule="far-min"]')).toHaveAttribute('data-verdict', 'fail');
  await expect(planner.getByTestId('review-indicators')).toContainText('按房间（IfcSpace）面积');
  await expect(planner.locator('[data-testid="review-globe"] [data-ready="true"]')).toBeVisible({ timeout: 120_000 });
  await planner.screenshot({ path: 'test-results/review-workspace-1440.png' });

  // A stricter height limit (12 m, below the building's 18 m) flips the verdict on re-check, without a redeploy;
  // 定位 selects the offending element.
  const parcels = (await (await planner.request.get('/api/trpc/review.parcels.list')).json()) as { result: { data: { json: { id: string; code: string; version: number }[] } } };
  const demoParcel = parcels.result.data.json.find((row) => row.code === 'HGT-A-01')!;
  const updated = await planner.request.post('/api/trpc/review.parcels.update', { data: { json: { id: demoParcel.id, version: demoParcel.version, heightLimitM: 12 } }, headers: { 'content-type': 'application/json' } });
  expect(updated.status()).toBe(200);
  await planner.getByTestId('review-decision').getByRole('button', { name: '按当前规划条件重新审查' }).click();
  const height = checks.locator('li[data-rule="height-limit"]');
  await expect(height).toHaveAttribute('data-verdict', 'fail');
  await height.getByRole('button').click();
  await expect(planner.getByTestId('review-workspace')).toContainText(/构件 [0-3][0-9A-Za-z_$]{21}/);

  // 3. … and returns it with a comment.
  const decision = planner.getByTestId('review-decision');
  await decision.getByLabel('意见（退回时必填）').fill('容积率低于规划条件下限，请补充其余楼栋后重新报建');
  await decision.getByRole('button', { name: '退回修改' }).click();
  await expect(planner.getByTestId('review-status')).toHaveText('退回');

  // 4. The applicant sees the outcome and resubmits the same project: version 2, version 1 kept.
  await applicant.goto(`/review/submissions/${v1}`);
  await expect(applicant.getByTestId('review-outcome')).toContainText('容积率低于规划条件下限');
  // 修改后提交新版本 opens the form with the project and parcel of the returned version.
  await applicant.getByTestId('review-resubmit').click();
  await expect(applicant.getByTestId('review-upload-form').locator('input[name="projectName"]')).toHaveValue(PROJECT);
  const v2 = await submitSample(applicant, { prefilled: true });
  await waitForRowStatus(applicant, v2, 'pending-review');
  await expect(applicant.locator(`tr[data-submission-id="${v2}"]`)).toContainText('V2');
  await expect(applicant.locator(`tr[data-submission-id="${v1}"]`)).toHaveAttribute('data-status', 'returned');

  // 5. The planner approves version 2; the applicant sees 通过.
  await planner.goto(`/review/submissions/${v2}`);
  await expect(planner.getByTestId('review-workspace')).toContainText('第 2 版');
  // Version 2 still fails checks (FAR, and the 12 m height limit set above): approving asks for a confirmation.
  const confirmation = planner.waitForEvent('dialog').then(async (dialog) => {
    const message = dialog.message();
    await dialog.accept();
    return message;
  });
  await planner.getByTestId('review-decision').getByRole('button', { name: '通过' }).click();
  expect(await confirmation).toMatch(/有 \d+ 项不合格，仍要通过吗？/);
  await expect(planner.getByTestId('review-status')).toHaveText('通过');
  await applicant.goto('/review');
  await expect(applicant.locator(`tr[data-submission-id="${v2}"]`)).toHaveAttribute('data-status', 'approved');
  await applicant.screenshot({ path: 'test-results/review-list-1440.png' });
  await applicant.setViewportSize({ width: 390, height: 844 });
  await applicant.screenshot({ path: 'test-results/review-list-390.png' });

  // The phone layout of the workspace: globe above the findings.
  await planner.setViewportSize({ width: 390, height: 844 });
  await planner.goto(`/review/submissions/${v2}`);
  await expect(planner.getByTestId('review-status')).toHaveText('通过');
  await planner.screenshot({ path: 'test-results/review-workspace-390.png', fullPage: true });
});
