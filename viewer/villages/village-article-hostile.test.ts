import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { publicProseHtml } from './public-prose-html';
import { VillageArticle, type VillageArticleData } from './village-article';

/**
 * Adversarial review of the `villages` plate, 2026-12 (with server/villages/attack.test.ts, which checks that hostile
 * curator text reaches the published document unchanged): the village page renders such a document with no markup
 * of the curator's own — names, alt text, captions and credits as text, Markdown through the one safe renderer.
 */

const EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
const VARIANTS = [{ url: '/media/villages/media/' + 'a'.repeat(64) + '/480.jpeg', format: 'jpeg' as const, width: 480, height: 360 }];
const photo = (id: string, buildingId: string | null) => ({ id, altZh: EVIL, altEn: EVIL, captionZh: EVIL, captionEn: EVIL, credit: EVIL, isGenerated: false, width: 480, height: 360, variants: VARIANTS, buildingId });

const VILLAGE: VillageArticleData = {
  code: '360402199001', nameZh: EVIL.slice(0, 60), nameEn: EVIL, town: EVIL, county: EVIL, city: EVIL,
  isPositionVerified: true, nationalBatch: 3, themes: [], summaryZh: EVIL, summaryEn: EVIL, isDemo: false,
  cover: photo('cover', null),
  buildings: [{ id: 'b1', nameZh: EVIL.slice(0, 60), nameEn: EVIL, eraZh: EVIL, eraEn: EVIL, buildingType: 'ancestral-hall', protectionLevel: 'county', heightM: 9 }],
  panoramas: [{ id: 'p1', titleZh: EVIL, titleEn: EVIL, position: null, headingDeg: 0, hotspots: [], image: { id: 'm1', altZh: EVIL, altEn: EVIL, width: 4096, height: 2048, variants: VARIANTS } }] as unknown as VillageArticleData['panoramas'],
  photos: [photo('p1', null), photo('p2', 'b1')],
  pois: [{ id: 'poi1', kind: 'well', nameZh: EVIL, nameEn: EVIL, descriptionZh: EVIL, descriptionEn: EVIL, position: [116, 29.6] }] as unknown as VillageArticleData['pois'],
  publishedAt: '2026-12-07T02:00:00.000Z',
};

describe('village page with hostile curator text', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders names, alt text, captions, credits, POIs and Markdown as text (${locale})`, () => {
      const markdown = `# ${EVIL}\n\n[a](javascript:alert(3)) [b](//evil.example) [c](/\\evil.example) ![d](data:image/svg+xml,x) ${EVIL}`;
      const html = renderToStaticMarkup(
        createElement(VillageArticle, {
          village: VILLAGE,
          sections: { history: { html: publicProseHtml(markdown), lang: 'zh-CN' } },
          buildingDescriptions: { b1: { html: publicProseHtml(EVIL), lang: 'zh-CN' } },
          locale,
          sceneHref: '/',
          panoramaHrefOf: (id: string) => `/villages/360402199001/panoramas/${id}`,
          isPreview: false,
        }),
      );
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toMatch(/<script|<img src="?x|href="javascript|href="\/\/|href="\/\\|src="data:/i);
      // No event-handler attribute on any element (attribute values blanked first: escaped text may spell one).
      expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
      const sources = [...html.matchAll(/<img[^>]* src="([^"]*)"/g)].map((match) => match[1]);
      expect(sources.length).toBeGreaterThan(0);
      for (const src of sources) expect(src).toBe(VARIANTS[0].url);
    });
  }
});
