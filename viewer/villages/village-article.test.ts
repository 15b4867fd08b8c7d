import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { jpegVariant, srcSetOf, type PictureVariant } from './responsive-picture';
import { VillageArticle, type VillageArticleData, type VillageArticleProps } from './village-article';
import { batchLabel, localText, protectionLevelLabel, themeLabel } from './village-text';

const VARIANTS: PictureVariant[] = [
  { url: '/media/villages/a/1600.jpeg', format: 'jpeg', width: 1600, height: 1000 },
  { url: '/media/villages/a/640.avif', format: 'avif', width: 640, height: 400 },
  { url: '/media/villages/a/640.jpeg', format: 'jpeg', width: 640, height: 400 },
  { url: '/media/villages/a/1600.webp', format: 'webp', width: 1600, height: 1000 },
];

const photo = (id: string, buildingId: string | null) => ({
  id, altZh: `图${id}`, altEn: null, captionZh: '', captionEn: null, credit: '', isGenerated: false, width: 1600, height: 1000, variants: VARIANTS, buildingId,
});

const VILLAGE: VillageArticleData = {
  code: '361130102204', nameZh: '李坑村', nameEn: 'Likeng', town: '秋口镇', county: '婺源县', city: '上饶市',
  isPositionVerified: false, nationalBatch: 2, themes: ['huizhou-architecture'], summaryZh: '徽派古村。', summaryEn: null, isDemo: true,
  cover: photo('cover', null),
  buildings: [{ id: 'b1', nameZh: '李氏宗祠', nameEn: null, eraZh: '清', eraEn: null, buildingType: 'ancestral-hall', protectionLevel: 'county', heightM: 9 }],
  panoramas: [],
  photos: [photo('p1', 'b1')],
  pois: [],
  publishedAt: '2026-12-07T02:00:00.000Z',
};

function render(props: Partial<VillageArticleProps> = {}): string {
  return renderToStaticMarkup(
    createElement(VillageArticle, {
      village: VILLAGE, sections: { history: { html: '<p>历史</p>\n', lang: 'zh-CN' } }, buildingDescriptions: {}, locale: 'zh-CN',
      sceneHref: '/?cam=1', panoramaHrefOf: (id: string) => `/villages/361130102204/panoramas/${id}`, isPreview: false, ...props,
    }),
  );
}

describe('VillageArticle', () => {
  it('shows the sections that have content, in the museum order, each in the nav; hides the empty ones', () => {
    const html = render();
    const ids = [...html.matchAll(/<section id="([a-z]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(['overview', 'history', 'buildings']);
    const nav = /<nav[^>]*data-testid="village-section-nav"[^>]*>(.*?)<\/nav>/.exec(html)![1]!;
    expect([...nav.matchAll(/href="#([a-z]+)">([^<]+)</g)].map((match) => `${match[1]}:${match[2]}`)).toEqual(['overview:概况', 'history:历史文化', 'buildings:传统建筑']);
    // The building photo goes under its building, not into 影像 (no village photo: no media section).
    expect(html).toContain('id="building-b1"');
    expect(html).not.toContain('id="media"');
  });

  it('labels demo content, unverified positions and previews', () => {
    const html = render({ isPreview: true });
    expect(html).toContain('示例内容：文字为示例，图像为生成图像');
    expect(html).toContain('位置待核实');
    expect(html).toContain('预览：这是尚未发布的草稿');
    expect(render({ village: { ...VILLAGE, isDemo: false, isPositionVerified: true } })).not.toMatch(/示例内容|位置待核实|预览/);
  });

  it('in English uses the English texts where present and marks Chinese fallbacks with lang', () => {
    const html = render({ locale: 'en' });
    expect(html).toContain('<h1>Likeng<span class="gt-village-hero__other-name" lang="zh-CN">李坑村</span></h1>');
    expect(html).toContain('<p class="gt-village-summary" lang="zh-CN">徽派古村。</p>');
    expect(html).toContain('County heritage site');
  });
});

describe('pictures and labels', () => {
  it('srcset per format, narrowest first; the JPEG closest above the target width', () => {
    expect(srcSetOf(VARIANTS, 'jpeg')).toBe('/media/villages/a/640.jpeg 640w, /media/villages/a/1600.jpeg 1600w');
    expect(srcSetOf(VARIANTS, 'webp')).toBe('/media/villages/a/1600.webp 1600w');
    expect(jpegVariant(VARIANTS, 800)?.width).toBe(1600);
    expect(jpegVariant(VARIANTS, 2000)?.width).toBe(1600);
    expect(jpegVariant(VARIANTS.filter((variant) => variant.format !== 'jpeg'))).toBeNull();
  });

  it('batch, theme and protection labels in both languages; unknown slugs shown as written', () => {
    expect(batchLabel('zh-CN', 3)).toBe('第三批');
    expect(batchLabel('zh-CN', 6, true)).toBe('第六批中国传统村落');
    expect(batchLabel('en', 1)).toBe('Batch 1');
    expect(themeLabel('zh-CN', 'red-culture')).toBe('红色文化');
    expect(themeLabel('en', 'no-such-theme')).toBe('no-such-theme');
    expect(themeLabel('en', 'constructor')).toBe('constructor');
    expect(protectionLevelLabel('zh-CN', 'national')).toBe('全国重点文物保护单位');
    expect(localText('en', '李坑', null)).toEqual({ text: '李坑', lang: 'zh-CN' });
    expect(localText('en', '李坑', '')).toEqual({ text: '李坑', lang: 'zh-CN' });
  });
});
