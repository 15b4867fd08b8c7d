/**
 * The public village museum (传统村落数字博物馆), anonymous, on a phone and a desktop: the list finds 李坑 by
 * "lk" / "likeng" / "李坑"; the filters narrow by city, batch and theme (a GET form: shareable addresses, also
 * without JavaScript); a card opens the village page; its in-page section nav works from the keyboard; empty sections
 * are hidden; every image has alt text; hostile Markdown stays inert; axe-core finds no serious or critical
 * violation on the list (with its map), the village page and the panorama page (when that page exists) at 390×844
 * and 1440×900; metadata (Open Graph, canonical), sitemap and robots; 404s; a curator's preview is marked and never
 * indexed or cached. Screenshots of the list and a village page at both sizes go to the system temp folder
 * (`villages-list-390x844.png` …) for a person to look at.
 *
 * Test data: two published villages written by server/villages/test-fixtures.ts (李坑村 if the seed has not published
 * it, and 白鹭村 of 赣县区 with every section but 传统技艺), images as inline SVG data URLs.
 * Needs BASE_URL, DATABASE_URL (the e2e database) and the accounts of scripts/e2e-accounts.ts (scripts/e2e.sh).
 */
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createDb } from '@server/db/client';
import { requireDatabaseUrl } from '@server/env';
import type { PublicImage } from '@server/villages/public-village-types';
import { insertPublishedVillage } from '@server/villages/test-fixtures';
import { E2E_ACCOUNTS, E2E_ACCOUNTS_FILE, e2eAccount, signInAs } from './e2e-session';

test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 } as const;
const DESKTOP = { width: 1440, height: 900 } as const;
const BAILU = '360704209200';
const LIKENG = '361130102204';

/** A generated image as an inline SVG (what the page needs of a picture: variants in three formats, alt text). */
function svgImage(id: string, label: string, hue: number, kind: 'photo' | 'panorama', buildingId: string | null = null): PublicImage {
  const [width, height] = kind === 'panorama' ? [1600, 800] : [1200, 800];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,78%)"/><stop offset="1" stop-color="hsl(${hue + 30},35%,42%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><path d="M0 ${height * 0.7} L${width * 0.3} ${height * 0.45} L${width * 0.55} ${height * 0.62} L${width * 0.8} ${height * 0.4} L${width} ${height * 0.6} V${height} H0Z" fill="hsl(${hue + 60},25%,30%)" opacity=".7"/></svg>`;
  const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return {
    id,
    kind,
    altZh: `${label}（示例生成图像）`,
    altEn: `${label} (generated sample image)`,
    captionZh: label,
    captionEn: null,
    credit: 'GanTwin 示例',
    width,
    height,
    isGenerated: true,
    buildingId,
    variants: (['avif', 'webp', 'jpeg'] as const).map((format) => ({ url, format, width, height })),
  };
}

const HOSTILE_MARKDOWN = '白鹭村的历史。<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned = 2">\n\n[点我](javascript:window.__pwned=3) · [县志](https://example.org/gan)';

test.beforeAll(async () => {
  const { db, pool } = createDb(requireDatabaseUrl(), 1);
  try {
    await insertPublishedVillage(db, {
      code: LIKENG,
      nameZh: '李坑村',
      nameEn: 'Likeng',
      nationalBatch: 1,
      themes: ['huizhou-architecture', 'farming-and-study'],
      summaryZh: '婺源县秋口镇的徽派古村，小桥流水人家（示例文字）。',
      summaryEn: 'A Huizhou-style village of Wuyuan (sample text).',
      isDemo: true,
      cover: svgImage('c-likeng', '李坑村口', 30, 'photo'),
    });
    const hall = '0f000000-0000-4000-8000-000000000001';
    const bridge = '0f000000-0000-4000-8000-000000000002';
    await insertPublishedVillage(
      db,
      {
        code: BAILU,
        nameZh: '白鹭村',
        nameEn: 'Bailu',
        town: '白鹭乡',
        county: '赣县区',
        countyCode: '360704',
        city: '赣州市',
        cityCode: '360700',
        position: [115.12, 26.13],
        isPositionVerified: true,
        nationalBatch: 2,
        themes: ['hakka-culture', 'clan-culture'],
        summaryZh: '赣县区的客家古村，钟氏聚族而居（示例文字）。',
        summaryEn: 'A Hakka village of Ganxian, home of the Zhong clan (sample text).',
        isDemo: true,
        cover: svgImage('c-bailu', '白鹭村全景', 100, 'photo'),
        sections: [
          { kind: 'overview', bodyZh: '村落依山傍水，**祠堂**众多。见[王太夫人祠](#building-' + hall + ')。', bodyEn: null },
          { kind: 'history', bodyZh: HOSTILE_MARKDOWN, bodyEn: null },
          { kind: 'customs', bodyZh: '- 元宵舞龙\n- 中秋烧塔', bodyEn: null },
          { kind: 'crafts', bodyZh: '', bodyEn: null },
        ],
        buildings: [
          { id: hall, nameZh: '王太夫人祠', nameEn: null, eraZh: '清乾隆年间', eraEn: null, buildingType: 'ancestral-hall', protectionLevel: 'provincial', descriptionZh: '三进院落的祠堂（示例文字）。', descriptionEn: null, footprint: null, position: null, heightM: 8.5 },
          { id: bridge, nameZh: '古石桥', nameEn: null, eraZh: '明', eraEn: null, buildingType: 'bridge', protectionLevel: 'county', descriptionZh: '', descriptionEn: null, footprint: null, position: null, heightM: null },
        ],
        panoramas: [
          { id: '0f000000-0000-4000-8000-000000000010', titleZh: '祠堂前广场', titleEn: null, image: svgImage('p-1', '祠堂前广场全景', 200, 'panorama'), position: [115.12, 26.13], headingDeg: 0, hotspots: [{ yawDeg: 10, pitchDeg: 0, target: { kind: 'building', id: hall }, labelZh: '王太夫人祠', labelEn: null }] },
        ],
        photos: [svgImage('m-1', '村中古巷', 60, 'photo'), svgImage('m-2', '祠堂门楼', 15, 'photo', hall)],
        pois: [{ id: 'poi-1', kind: 'well', nameZh: '古井', nameEn: null, descriptionZh: '村中水井', descriptionEn: null, position: [115.121, 26.131] }],
      },
      { draftSummaryZh: '草稿：尚未发布的新摘要。' },
    );
  } finally {
    await pool.end();
  }
});

/** Names of the village cards on the page. */
async function cardNames(page: Page): Promise<string[]> {
  return page.getByTestId('village-card').locator('h3').allTextContents();
}

/** The serious and critical axe-core violations of the page (WCAG 2.1 A/AA rules), as `rule: targets`. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('list → search "lk" → filter → open a village → section nav by keyboard; empty sections hidden, images with alt', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/villages');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('江西传统村落');
  expect((await cardNames(page)).length).toBeGreaterThanOrEqual(2);

  // Search by initials, from the form.
  await page.getByLabel('搜索村落').fill('lk');
  await page.getByLabel('搜索村落').press('Enter');
  await page.waitForURL(/[?&]q=lk(&|$)/);
  expect(await cardNames(page)).toContain('李坑村');
  expect(await cardNames(page)).not.toContain('白鹭村');
  // Full pinyin and Chinese find it too (shareable addresses).
  for (const q of ['likeng', '李坑']) {
    await page.goto(`/villages?q=${encodeURIComponent(q)}`);
    expect(await cardNames(page), q).toContain('李坑村');
  }

  // Filter by city, then batch and theme; the count and the cards follow.
  await page.goto('/villages');
  await page.locator('select[name="city"]').selectOption('360700');
  await page.locator('select[name="batch"]').selectOption('2');
  await page.locator('select[name="theme"]').selectOption('hakka-culture');
  await page.getByTestId('village-filters').getByRole('button', { name: '查找' }).first().click();
  await page.waitForURL((url) => url.searchParams.get('city') === '360700' && url.searchParams.get('batch') === '2' && url.searchParams.get('theme') === 'hakka-culture');
  expect(await cardNames(page)).toEqual(['白鹭村']);
  await expect(page.getByTestId('village-count')).toHaveAttribute('data-total', '1');
  // The map draws the filtered village as a filled (verified) dot, linked to its page.
  const dot = page.getByTestId('village-map-dot');
  await expect(dot).toHaveCount(1);
  await expect(dot).toHaveAttribute('data-verified', 'true');
  await expect(dot).toHaveAttribute('href', `/villages/${BAILU}`);

  // Open the village from its card.
  await page.getByTestId('village-card').filter({ hasText: '白鹭村' }).getByRole('link').click();
  await page.waitForURL(`**/villages/${BAILU}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('白鹭村');
  await expect(page.getByTestId('village-demo-banner')).toContainText('示例内容');
  await expect(page.getByTestId('village-scene-link')).toHaveAttribute('href', new RegExp(`^/\\?cam=[^&]+&sel=villages:villages-points:${BAILU}$`));

  // Sections present in the museum's order; 传统技艺/美食 has no text and is hidden.
  const nav = page.getByTestId('village-section-nav');
  await expect(nav.getByRole('link')).toHaveText(['概况', '全景漫游', '历史文化', '传统建筑', '民俗文化', '影像']);
  await expect(page.locator('#crafts')).toHaveCount(0);

  // Keyboard: Tab from the top of the page to the section nav, then to 传统建筑, Enter.
  await page.locator('body').focus();
  let inNav = false;
  for (let presses = 0; presses < 30 && !inNav; presses++) {
    await page.keyboard.press('Tab');
    inNav = await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="village-section-nav"]')));
  }
  expect(inNav).toBe(true);
  for (let presses = 0; presses < 8; presses++) {
    if ((await page.evaluate(() => document.activeElement?.textContent)) === '传统建筑') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/#buildings$/);
  await expect(page.locator('#buildings')).toBeInViewport();
  await expect(page.getByTestId('village-building')).toHaveCount(2);
  await expect(page.getByTestId('village-building').first()).toContainText('省级文物保护单位');
  await expect(page.getByTestId('village-building').first()).toContainText('清乾隆年间');

  // Every image has a non-empty alt.
  const imagesWithoutAlt = await page.locator('img').evaluateAll((images) => images.filter((image) => !(image.getAttribute('alt') ?? '').trim()).length);
  expect(imagesWithoutAlt).toBe(0);
  expect(await page.locator('img').count()).toBeGreaterThanOrEqual(4);

  // Hostile Markdown: shown as text, nothing runs, no javascript: link; the http(s) link is marked ugc.
  const history = page.locator('#history');
  await expect(history).toContainText('<script>window.__pwned = 1</script>');
  await expect(history.locator('script, img')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(history.getByRole('link', { name: '县志' })).toHaveAttribute('rel', 'noopener nofollow ugc');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('the list works without JavaScript (GET form)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/villages');
  await page.getByLabel('搜索村落').fill('likeng');
  await page.getByTestId('village-filters').getByRole('button', { name: '查找' }).first().click();
  await page.waitForURL(/q=likeng/);
  expect(await cardNames(page)).toContain('李坑村');
  await context.close();
});

test('axe-core: no serious or critical violation on the list, map, village and panorama pages at 390×844 and 1440×900', async ({ page }) => {
  const panoramaHref = await (async () => {
    await page.goto(`/villages/${BAILU}`);
    return page.getByTestId('village-panorama').first().getAttribute('href');
  })();
  const panoramaStatus = panoramaHref ? (await page.request.get(panoramaHref)).status() : 404;
  // 404: the panorama page is not built (yet); anything else must be a working page.
  if (panoramaStatus !== 404) expect(panoramaStatus, `${panoramaHref}`).toBe(200);
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    const pages = ['/villages', '/villages?city=360700', `/villages/${BAILU}`, `/villages/${LIKENG}`, ...(panoramaStatus === 200 && panoramaHref ? [panoramaHref] : [])];
    for (const address of pages) {
      await page.goto(address);
      expect.soft(await seriousViolations(page), `${address} at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
    const size = `${viewport.width}x${viewport.height}`;
    await page.goto('/villages');
    await page.screenshot({ path: path.join(os.tmpdir(), `villages-list-${size}.png`), fullPage: false });
    await page.goto(`/villages/${BAILU}`);
    await page.screenshot({ path: path.join(os.tmpdir(), `villages-page-${size}.png`), fullPage: false });
  }
  test.info().annotations.push({ type: 'panorama page', description: panoramaStatus === 200 ? `checked ${panoramaHref}` : `not built yet (${panoramaHref} answered ${panoramaStatus})` });
});

test('metadata: title, description, canonical, Open Graph with the cover JPEG; sitemap and robots', async ({ page }) => {
  await page.goto(`/villages/${BAILU}`);
  await expect(page).toHaveTitle(/^白鹭村 · 赣县区 · 江西传统村落数字博物馆$/);
  const meta = (selector: string) => page.locator(selector).first().getAttribute('content');
  expect(await meta('meta[name="description"]')).toContain('客家古村');
  expect(await meta('meta[property="og:title"]')).toContain('白鹭村');
  expect(await meta('meta[property="og:url"]')).toMatch(new RegExp(`/villages/${BAILU}$`));
  expect(await meta('meta[property="og:image"]')).toMatch(/^data:image\/svg\+xml|^https?:\/\//);
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toMatch(new RegExp(`/villages/${BAILU}$`));
  expect(await page.locator('link[rel="alternate"][hreflang="en"]').getAttribute('href')).toMatch(new RegExp(`/villages/${BAILU}\\?lang=en$`));
  expect(await page.locator('meta[name="robots"]').count()).toBe(0);

  const sitemap = await (await page.request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`/villages/${BAILU}</loc>`);
  expect(sitemap).toMatch(/\/villages<\/loc>/);
  const robots = await (await page.request.get('/robots.txt')).text();
  expect(robots).toMatch(/Allow: \/villages/);
  expect(robots).toMatch(/Sitemap: https?:\/\/.+\/sitemap\.xml/);
});

test('404 for a malformed, unknown or unpublished code', async ({ page }) => {
  for (const address of ['/villages/abc', '/villages/3607042092001', '/villages/360000000000', '/villages/%3Cscript%3E']) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(404);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个村落');
});

test('preview: a curator sees the draft with a banner, noindex and no caching; anyone else the published page', async ({ page, browser }) => {
  test.skip(E2E_ACCOUNTS === null, `no e2e accounts at ${E2E_ACCOUNTS_FILE}`);
  const anonymous = await page.goto(`/villages/${BAILU}?preview=1`);
  expect(anonymous?.status()).toBe(200);
  await expect(page.getByTestId('village-preview-banner')).toHaveCount(0);
  await expect(page.locator('.gt-village-summary')).toContainText('客家古村');

  const context = await browser.newContext({ viewport: PHONE });
  const curator = await context.newPage();
  await signInAs(curator, e2eAccount('provinceAdmin'), '/');
  const response = await curator.goto(`/villages/${BAILU}?preview=1`);
  await expect(curator.getByTestId('village-preview-banner')).toContainText('预览');
  await expect(curator.locator('.gt-village-summary')).toContainText('草稿：尚未发布的新摘要。');
  expect(await curator.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);
  expect(response?.headers()['cache-control']).toMatch(/no-store|private/);
  await context.close();
});
