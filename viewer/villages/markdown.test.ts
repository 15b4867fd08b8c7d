import { describe, expect, it } from 'vitest';
import { isSafeVillageUrl, renderVillageMarkdown } from './markdown';

describe('renderVillageMarkdown', () => {
  it('renders CommonMark: headings, lists, emphasis', () => {
    expect(renderVillageMarkdown('# 历史\n\n- 始建于**唐**\n- 明清鼎盛')).toBe('<h1>历史</h1>\n<ul>\n<li>始建于<strong>唐</strong></li>\n<li>明清鼎盛</li>\n</ul>\n');
  });

  it('keeps raw HTML inert: <script> and <img onerror> come out as text', () => {
    const html = renderVillageMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('drops javascript:, data: and protocol-relative links, keeping their text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '//evil.example/x']) {
      const html = renderVillageMarkdown(`[点我](${url})`);
      expect(html, url).not.toContain('<a');
      expect(html, url).not.toMatch(/href/i);
    }
    expect(renderVillageMarkdown('![x](javascript:alert(1))')).not.toContain('<img');
    // An entity-encoded scheme is decoded before the check, then refused.
    expect(renderVillageMarkdown('[x](&#106;avascript:alert(1))')).not.toContain('<a');
  });

  it('keeps http(s) and relative links with rel="noopener nofollow ugc", and links bare URLs', () => {
    expect(renderVillageMarkdown('[江西](https://www.jiangxi.gov.cn/)')).toBe('<p><a href="https://www.jiangxi.gov.cn/" rel="noopener nofollow ugc">江西</a></p>\n');
    expect(renderVillageMarkdown('[李坑](/villages/361130102204)')).toContain('<a href="/villages/361130102204" rel="noopener nofollow ugc">');
    expect(renderVillageMarkdown('见 https://example.org/a 。')).toContain('<a href="https://example.org/a" rel="noopener nofollow ugc">https://example.org/a</a>');
    expect(renderVillageMarkdown('![古井](/media/villages/x/640.webp)')).toContain('<img src="/media/villages/x/640.webp" alt="古井">');
  });

  it('classifies addresses', () => {
    expect(['https://a.b/', 'http://a.b', '/x', 'x/y', '#top', '?q=1'].every(isSafeVillageUrl)).toBe(true);
    expect(['javascript:x', 'mailto:a@b.c', 'file:///etc/passwd', '//a.b', '\\\\a\\b'].some(isSafeVillageUrl)).toBe(false);
  });
});
