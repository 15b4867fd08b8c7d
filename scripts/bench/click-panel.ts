/**
 * Click → property panel on the BIM inspection page (`/models/<id>`), against a RUNNING app (`npm start`, or
 * `next start` of a build) at `BENCH_APP_URL` (default http://127.0.0.1:3000): Debian's Chromium through
 * playwright-core, 1440×900, a fresh browser context (empty HTTP cache) per model and per run.
 *
 * Per model (default: the seeded "Janesville" and "San Martino–Tufara railway", found by English name in
 * `twin.models.list`):
 * - `firstClickMs`: a fresh page, tiles loaded (`data-ready="true"` on the canvas), then a click on the element nearest
 *   the canvas centre (the e2e way: `window.__gantwinInspect.findElementOnScreen`). The page asks for
 *   `properties.json` as soon as the model is known, so it has usually arrived by then: `fileBeforeFirstClick` says
 *   whether it had (resource timing), `fileMs`/`fileBytes` what the one load cost.
 * - `laterClickMs`: in the same page, a click on another element (another GlobalId found by scanning the canvas).
 * - `coldClickMs`: another fresh page whose `properties.json` answer is held until the click, so the click pays the
 *   whole transfer and decode — what a first click costs when it comes before the file (the twin without prefetch).
 * Each figure runs from the `pointerdown` of the click to the moment the panel holds the element (identity with its
 * GlobalId) and its property sets (tables, or the "no property sets" line), seen by a `MutationObserver` (DOM commit;
 * SwiftShader paints ≈ 2 frames/s, so paint would measure the renderer, not the panel).
 *
 * Usage: `tsx scripts/bench/click-panel.ts` (prints a table and one JSON line), or call {@link benchClickPanel}.
 */
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../playwright.config';

/** Models measured by default: a substring of each model's English name. */
export const CLICK_PANEL_MODELS = ['Janesville', 'San Martino–Tufara railway'] as const;

/** One model's figures, ms (null when that step could not be measured; `note` says why). */
export interface ClickPanelFigures {
  model: string;
  modelId: string;
  firstClickMs: number | null;
  laterClickMs: number | null;
  coldClickMs: number | null;
  /** Whether properties.json had arrived before the first click. */
  fileBeforeFirstClick: boolean | null;
  /** properties.json request → response end, ms, and its transferred bytes (as the browser reports them). */
  fileMs: number | null;
  fileBytes: number | null;
  note?: string;
}

/** Options of {@link benchClickPanel}. */
export interface ClickPanelOptions {
  /** The running app; default `BENCH_APP_URL` or http://127.0.0.1:3000. */
  appUrl?: string;
  /** Substrings of the models' English names; default {@link CLICK_PANEL_MODELS}. */
  models?: readonly string[];
  /** Longest wait for the tiles of one page, ms. */
  readyTimeoutMs?: number;
  /** Longest wait for one panel, ms. */
  panelTimeoutMs?: number;
  /** Progress lines (default: console.log). */
  log?: (line: string) => void;
}

interface ModelRow { id: string; name: string; nameEn: string; status: string }
interface Target { pageX: number; pageY: number; globalId: string }

/** Default app address: `BENCH_APP_URL` or http://127.0.0.1:3000. */
function defaultAppUrl(): string {
  return (process.env.BENCH_APP_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
}

async function listModels(appUrl: string): Promise<ModelRow[]> {
  const response = await fetch(`${appUrl}/api/trpc/twin.models.list`);
  if (!response.ok) throw new Error(`click-panel: ${appUrl}/api/trpc/twin.models.list answered HTTP ${response.status}`);
  const body = (await response.json()) as { result: { data: { json: ModelRow[] } } };
  return body.result.data.json;
}

/** Opens the inspection page in a fresh context and waits for its first view. */
async function openInspect(browser: Browser, appUrl: string, modelId: string, readyTimeoutMs: number, holdFile: Promise<void> | null) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  if (holdFile) {
    await page.route('**/properties.json', async (route) => {
      await holdFile;
      await route.continue();
    });
  }
  await page.goto(`${appUrl}/models/${modelId}`, { waitUntil: 'load', timeout: readyTimeoutMs });
  await page.getByTestId('inspect-viewer').and(page.locator('[data-ready="true"]')).waitFor({ timeout: readyTimeoutMs });
  return { context, page };
}

/** Another element on screen than `exceptGlobalId` (a 24 px grid scan from the centre outwards), or null. */
async function findOtherElement(page: Page, exceptGlobalId: string): Promise<Target | null> {
  return page.evaluate((except) => {
    const hook = window.__gantwinInspect;
    const canvas = document.querySelector('[data-testid="inspect-viewer"] canvas');
    if (!hook || !canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const hits: { d: number; x: number; y: number; globalId: string }[] = [];
    for (let y = 12; y < rect.height; y += 24) {
      for (let x = 12; x < rect.width; x += 24) {
        const globalId = hook.pickAt(x, y);
        if (globalId && globalId !== except) hits.push({ d: Math.hypot(x - rect.width / 2, y - rect.height / 2), x, y, globalId });
      }
    }
    hits.sort((a, b) => a.d - b.d);
    const best = hits[0];
    return best ? { pageX: rect.left + best.x, pageY: rect.top + best.y, globalId: best.globalId } : null;
  }, exceptGlobalId);
}

/**
 * Clicks `target` and returns ms from its `pointerdown` to the panel holding that element with its property sets.
 * @param onPointerDown runs once the click is under way (e.g. releases a held response)
 */
async function clickAndTime(page: Page, target: Target, timeoutMs: number, onPointerDown?: () => void): Promise<{ ms: number; clickAtMs: number }> {
  // No named functions inside: tsx (esbuild keepNames) would wrap them in a `__name` helper the page lacks.
  await page.evaluate((globalId) => {
    const state = { downMs: Number.NaN, doneMs: Number.NaN };
    (window as unknown as { __clickPanel: typeof state }).__clickPanel = state;
    window.addEventListener('pointerdown', () => (state.downMs = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="property-panel"]');
      // Done: the element's identity, and its property sets (tables, or the subtitle followed by the "none" line).
      if (panel?.querySelector(`dl[data-global-id="${globalId}"]`) && (panel.querySelector('.gt-pset') || panel.querySelector('.gt-panel__subtitle + .gt-panel__message'))) {
        state.doneMs = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, target.globalId);
  await page.mouse.click(target.pageX, target.pageY);
  onPointerDown?.();
  const handle = await page.waitForFunction(
    () => {
      const state = (window as unknown as { __clickPanel: { downMs: number; doneMs: number } }).__clickPanel;
      return Number.isFinite(state.doneMs) && Number.isFinite(state.downMs) ? { ms: state.doneMs - state.downMs, clickAtMs: state.downMs } : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as { ms: number; clickAtMs: number };
}

/** properties.json resource timing of the page (the last entry), or null. */
async function fileTiming(page: Page): Promise<{ responseEndMs: number; durationMs: number; transferBytes: number } | null> {
  return page.evaluate(() => {
    const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.endsWith('/properties.json')).at(-1);
    return entry ? { responseEndMs: entry.responseEnd, durationMs: entry.responseEnd - entry.startTime, transferBytes: entry.transferSize } : null;
  });
}

async function measureModel(browser: Browser, appUrl: string, model: ModelRow, label: string, options: Required<Pick<ClickPanelOptions, 'readyTimeoutMs' | 'panelTimeoutMs'>>): Promise<ClickPanelFigures> {
  const figures: ClickPanelFigures = { model: label, modelId: model.id, firstClickMs: null, laterClickMs: null, coldClickMs: null, fileBeforeFirstClick: null, fileMs: null, fileBytes: null };
  const notes: string[] = [];
  // 1. Fresh page, tiles loaded, first click; then another element.
  {
    const { context, page } = await openInspect(browser, appUrl, model.id, options.readyTimeoutMs, null);
    try {
      const first = await page.evaluate(() => window.__gantwinInspect?.findElementOnScreen(6) ?? null);
      if (!first) notes.push('no element on screen');
      else {
        const timing = await clickAndTime(page, first, options.panelTimeoutMs);
        figures.firstClickMs = Math.round(timing.ms);
        const file = await fileTiming(page);
        if (file) {
          figures.fileBeforeFirstClick = file.responseEndMs <= timing.clickAtMs;
          figures.fileMs = Math.round(file.durationMs);
          figures.fileBytes = file.transferBytes;
        }
        const other = await findOtherElement(page, first.globalId);
        if (!other) notes.push('no second element on screen');
        else figures.laterClickMs = Math.round((await clickAndTime(page, other, options.panelTimeoutMs)).ms);
      }
    } finally {
      await context.close();
    }
  }
  // 2. Fresh page whose properties.json is held until the click.
  {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { context, page } = await openInspect(browser, appUrl, model.id, options.readyTimeoutMs, held);
    try {
      const target = await page.evaluate(() => window.__gantwinInspect?.findElementOnScreen(6) ?? null);
      if (target) figures.coldClickMs = Math.round((await clickAndTime(page, target, options.panelTimeoutMs, release)).ms);
    } finally {
      release();
      await context.close();
    }
  }
  if (notes.length > 0) figures.note = notes.join('; ');
  return figures;
}

/**
 * Measures click → property panel on the inspection page of each model (see module doc).
 * @returns one row per model found (a model not in the app's list gets a row with a `note` and null figures), or
 *   `{ skipped }` when no app answers at the address
 * @throws {Error} when Chromium cannot start or a page never gets ready
 */
export async function benchClickPanel(options: ClickPanelOptions = {}): Promise<ClickPanelFigures[] | { skipped: string }> {
  const appUrl = (options.appUrl ?? defaultAppUrl()).replace(/\/+$/, '');
  const log = options.log ?? ((line: string) => console.log(line));
  let models: ModelRow[];
  try {
    models = await listModels(appUrl);
  } catch (error) {
    const skipped = `skipped: no app at ${appUrl} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
    log(`click-panel: ${skipped}`);
    return { skipped };
  }
  const settings = { readyTimeoutMs: options.readyTimeoutMs ?? 240_000, panelTimeoutMs: options.panelTimeoutMs ?? 60_000 };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out: ClickPanelFigures[] = [];
  try {
    for (const wanted of options.models ?? CLICK_PANEL_MODELS) {
      const model = models.find((candidate) => candidate.status === 'ready' && candidate.nameEn.includes(wanted));
      if (!model) {
        out.push({ model: wanted, modelId: '', firstClickMs: null, laterClickMs: null, coldClickMs: null, fileBeforeFirstClick: null, fileMs: null, fileBytes: null, note: 'no ready model of that name in twin.models.list' });
        continue;
      }
      const figures = await measureModel(browser, appUrl, model, wanted, settings);
      out.push(figures);
      log(`click-panel: ${wanted}: first click ${figures.firstClickMs} ms (file ${figures.fileBeforeFirstClick ? 'already loaded' : 'not yet loaded'}: ${figures.fileMs} ms, ${figures.fileBytes} B), later click ${figures.laterClickMs} ms, click before the file ${figures.coldClickMs} ms${figures.note ? ` (${figures.note})` : ''}`);
    }
  } finally {
    await browser.close();
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchClickPanel();
  console.log(JSON.stringify({ bench: 'click-panel', result }));
}
