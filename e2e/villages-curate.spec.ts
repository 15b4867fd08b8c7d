/**
 * Village curators' journey (村落管理): a 南昌 officer signs in, creates 庙后村 from the register (统计用区划代码),
 * writes its history section (live preview), adds a historic building and publishes; an anonymous visitor then gets
 * the published document from `villages.public.byCode`, while a later edit stays invisible until published again.
 * Anonymous visitors of the curators' pages are sent to sign-in.
 *
 * Needs BASE_URL and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh does both).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE} (run scripts/e2e-accounts.ts, as scripts/e2e.sh does)`);

/** 庙后村委会, 扬子洲镇, 东湖区, 南昌市 (register row of the shared CSV; not a demo village). */
const CODE = '360102100200';

interface PublicDocument {
  nameZh: string;
  isPositionVerified: boolean;
  sections: { kind: string; bodyZh: string }[];
  buildings: { nameZh: string; eraZh: string; heightM: number | null }[];
}

/** `villages.public.byCode` over HTTP as the given request context: status and document (superjson `json`). */
async function publicByCode(request: APIRequestContext): Promise<{ status: number; document: PublicDocument | null }> {
  const response = await request.get(`/api/trpc/villages.public.byCode?input=${encodeURIComponent(JSON.stringify({ json: { code: CODE } }))}`);
  if (response.status() !== 200) return { status: response.status(), document: null };
  return { status: 200, document: ((await response.json()) as { result: { data: { json: PublicDocument } } }).result.data.json };
}

async function saveHistory(page: Page, text: string): Promise<void> {
  const section = page.getByTestId('section-history');
  await section.getByTestId('section-history-zh').fill(text);
  await section.getByTestId('section-history-save').click();
  await expect(page.getByTestId('curate-notice')).toHaveText('已保存。');
}

test('an officer creates a village from the register, writes it, publishes; the public sees only what is published', async ({ browser }) => {
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto('/villages/curate');
  await expect(visitor).toHaveURL(/\/sign-in\?next=%2Fvillages%2Fcurate/);
  expect((await publicByCode(anonymous.request)).status).toBe(404);

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAs(page, e2eAccount('nanchangOfficer'), '/villages/curate');
  await expect(page.getByRole('heading', { name: '村落管理' })).toBeVisible();

  // Find the committee by pinyin and create the village.
  await page.getByTestId('register-search').fill('miaohou');
  const hit = page.locator(`[data-testid="register-hit"][data-code="${CODE}"]`);
  await expect(hit).toContainText('庙后村委会');
  await hit.getByTestId('register-create').click();
  await page.waitForURL(`**/villages/curate/${CODE}`);
  const bar = page.getByTestId('curate-publish-bar');
  await expect(bar.getByRole('heading', { name: '庙后村' })).toBeVisible();
  await expect(bar.getByTestId('curation-status')).toHaveText('未发布');
  await expect(page.getByTestId('fields-unverified-note')).toContainText('位置待核实');

  // A section with its live preview (raw HTML stays text).
  await page.getByTestId('section-history-zh').fill('# 历史\n\n庙后村始建于**明代**。<script>x</script>');
  const preview = page.getByTestId('section-history-preview');
  await expect(preview.locator('h1')).toHaveText('历史');
  await expect(preview.locator('strong')).toHaveText('明代');
  await expect(preview.locator('script')).toHaveCount(0);
  await saveHistory(page, '# 历史\n\n庙后村始建于**明代**。');

  // A historic building; a bad footprint is refused with a message first.
  await page.getByTestId('building-new').click();
  const form = page.getByTestId('building-form');
  await form.getByTestId('building-name-zh').fill('庙后祠堂');
  await form.getByTestId('building-era').fill('清');
  await form.getByTestId('building-type').selectOption('ancestral-hall');
  await form.getByTestId('building-height').fill('8.5');
  await form.getByTestId('building-footprint').fill('{"type":"Polygon","coordinates":[[[115.98,28.7],[115.981,28.7],[115.981,28.701]]]}');
  await form.getByTestId('building-save').click();
  await expect(form.getByTestId('building-form-error')).toContainText('至少需要 4 个位置');
  await form.getByTestId('building-footprint').fill('');
  await form.getByTestId('building-save').click();
  await expect(page.getByTestId('building-row')).toHaveCount(1);
  await expect(page.getByTestId('building-row')).toContainText('庙后祠堂');

  // Publish: the anonymous visitor gets the document.
  await bar.getByTestId('curate-publish').click();
  await expect(bar.getByTestId('curation-status')).toHaveText('已发布');
  const published = await publicByCode(anonymous.request);
  expect(published.status).toBe(200);
  expect(published.document).toMatchObject({ nameZh: '庙后村', isPositionVerified: false, buildings: [{ nameZh: '庙后祠堂', eraZh: '清', heightM: 8.5 }] });
  expect(published.document?.sections.find((s) => s.kind === 'history')?.bodyZh).toBe('# 历史\n\n庙后村始建于**明代**。');

  // A later edit is a draft: the status says so and the public document is unchanged.
  await saveHistory(page, '# 历史\n\n庙后村始建于**宋代**。');
  await expect(bar.getByTestId('curation-status')).toHaveText('已发布，有未发布修改');
  const after = await publicByCode(anonymous.request);
  expect(after.document?.sections.find((s) => s.kind === 'history')?.bodyZh).toBe('# 历史\n\n庙后村始建于**明代**。');
  // Screenshots of the editor on a desktop and a phone (the page scrolls inside the frame's main element).
  const scrollTo = (testId: string | null) =>
    page.evaluate((id) => {
      const main = document.querySelector('.gt-admin__main');
      const target = id ? document.querySelector(`[data-testid="${id}"]`) : null;
      if (main) main.scrollTop = target ? main.scrollTop + target.getBoundingClientRect().top - main.getBoundingClientRect().top - 150 : 0;
    }, testId);
  await scrollTo(null);
  await page.screenshot({ path: 'test-results/villages-curate-editor-1440.png' });
  await scrollTo('section-history');
  await page.screenshot({ path: 'test-results/villages-curate-sections-1440.png' });
  await scrollTo('curate-panoramas');
  await page.screenshot({ path: 'test-results/villages-curate-media-1440.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await scrollTo(null);
  await page.screenshot({ path: 'test-results/villages-curate-editor-390.png' });
  await scrollTo('curate-buildings');
  await page.screenshot({ path: 'test-results/villages-curate-buildings-390.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  // The list shows the village with its status.
  await page.goto('/villages/curate');
  await expect(page.locator(`[data-testid="curate-village-row"][data-code="${CODE}"]`)).toContainText('已发布，有未发布修改');
  await page.screenshot({ path: 'test-results/villages-curate-list-1440.png' });
  await anonymous.close();
});
